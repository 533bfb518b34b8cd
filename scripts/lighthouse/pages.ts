// The pages `npm run lighthouse` measures, who views each, and each one's first-load JS budget.

export type Viewer = "visitor" | "member" | "admin";

export interface PageSpec {
  /** Short name, used by --only and in the table. */
  name: string;
  /** The path, or how to find it once the demo data exists (`{match}`, `{session}`). */
  path: string;
  as: Viewer;
  /**
   * First-load JS budget, KB as sent (compressed). Pages share the framework (React, Next's
   * runtime); what differs is what each page needs on top. Code only some pages need — the call
   * room and its transports, admin charts, push set-up — must stay out of the others' budgets.
   */
  budgetKb: number;
  /** Measured while a call rings (the call page as the caller sees it). */
  ringing?: boolean;
}

export const PAGES: PageSpec[] = [
  // Signed out: React, Next's runtime and the page; no zod, no toasts, no API client (/signup's
  // form loads it when first focused).
  { name: "/", path: "/", as: "visitor", budgetKb: 150 },
  { name: "/signin", path: "/signin", as: "visitor", budgetKb: 160 },
  { name: "/signup", path: "/signup", as: "visitor", budgetKb: 155 },
  // Signed in: the member layout's stream, incoming calls, header menus, toasts and zod on top.
  { name: "/dashboard", path: "/dashboard", as: "member", budgetKb: 225 },
  { name: "/matches", path: "/matches", as: "member", budgetKb: 225 },
  { name: "/matches/[id]", path: "/matches/{match}", as: "member", budgetKb: 225 },
  { name: "/profile", path: "/profile", as: "member", budgetKb: 225 },
  // The call room and the direct transport; LiveKit only when a call uses it.
  { name: "/call/[id] ringing", path: "/call/{session}", as: "member", budgetKb: 240, ringing: true },
  { name: "/admin", path: "/admin", as: "admin", budgetKb: 210 },
];
