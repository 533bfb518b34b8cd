"use client";

import { useEffect, useRef } from "react";
import { createPortal } from "react-dom";

type ModalProps = { labelledBy: string; onClose: () => void; children: React.ReactNode };

/**
 * A modal dialog on the native <dialog>: showModal() puts it in the top layer, makes the rest of
 * the page inert (focus stays inside) and turns Escape into a close. Mount it to open it and
 * unmount it to close it; on closing, focus goes back to whatever had it before it opened.
 */
export function Modal({ labelledBy, onClose, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Escape (and the browser's own close) end up here: the owner unmounts us.
    const closed = () => onCloseRef.current();
    dialog.addEventListener("close", closed);
    dialog.showModal();
    return () => {
      dialog.removeEventListener("close", closed);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  // Portalled to <body>: the menu that opens it often sits inside a link, whose click would
  // otherwise fire for every click in the dialog.
  return createPortal(
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      // A click on the backdrop lands on the <dialog> itself; the card inside covers the rest.
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className="m-auto w-[calc(100%-2rem)] max-w-md bg-transparent p-0 backdrop:bg-slate-900/50 max-sm:mb-4"
    >
      <div className="card p-5 text-slate-900">{children}</div>
    </dialog>,
    document.body,
  );
}
