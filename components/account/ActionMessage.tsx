import { FormError } from "@/components/ui/FormError";
import type { AccountFormState } from "@/lib/auth/actions";

/** An account form's outcome: the error, or the confirmation, announced as it appears. */
export function ActionMessage({ state }: { state: AccountFormState }) {
  if (!state) return null;
  if (!state.ok) return <FormError message={state.error} />;
  return (
    <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {state.data.message}
    </p>
  );
}
