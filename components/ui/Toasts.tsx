import { Toaster } from "sonner";

/**
 * Where toasts appear. Mounted by the signed-in layouts (member and admin) only: signed-out pages
 * never toast, so their first load goes without sonner.
 */
export function Toasts() {
  return <Toaster position="top-center" richColors closeButton />;
}
