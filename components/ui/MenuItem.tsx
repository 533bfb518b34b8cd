"use client";

/** One entry of a small dropdown menu (role="menuitem"); `danger` for the destructive ones. */
export function MenuItem({ children, onSelect, danger }: { children: React.ReactNode; onSelect: () => void; danger?: boolean }) {
  return (
    <button
      type="button"
      role="menuitem"
      onClick={(e) => {
        e.preventDefault();
        onSelect();
      }}
      className={`block w-full px-4 py-2.5 text-left font-medium outline-none hover:bg-slate-50 focus-visible:bg-slate-50 ${danger ? "text-red-600" : "text-slate-800"}`}
    >
      {children}
    </button>
  );
}
