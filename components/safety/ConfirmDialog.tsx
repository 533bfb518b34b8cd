"use client";

import { useId } from "react";
import { Modal } from "@/components/ui/Modal";

/** "Are you sure?" for an action that can't be undone (unmatch, block). */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} onClose={props.onCancel}>
      <h2 id={titleId} className="text-lg font-bold">
        {props.title}
      </h2>
      <p className="mt-2 text-sm text-slate-600">{props.body}</p>
      <div className="mt-5 flex justify-end gap-2">
        {/* First in the dialog, so showModal() focuses it: the safe choice. */}
        <button type="button" className="btn-secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="btn-danger" onClick={props.onConfirm} disabled={props.pending}>
          {props.pending ? "Working…" : props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
