/** A form's error message, announced to screen readers as it appears. */
export function FormError({ message, className = "" }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ${className}`.trim()}>
      {message}
    </p>
  );
}
