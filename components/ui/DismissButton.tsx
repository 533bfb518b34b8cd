// The "×" that dismisses a card or notice, placed in its top-right corner. `className` gives the
// tone and exact placement of the one using it.
export function DismissButton({ onDismiss, className }: { onDismiss: () => void; className: string }) {
  return (
    <button
      type="button"
      aria-label="Dismiss"
      onClick={onDismiss}
      className={`absolute inline-flex size-8 items-center justify-center rounded-full leading-none focus-visible:outline-none focus-visible:ring-2 ${className}`}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}
