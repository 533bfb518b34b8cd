// Who server actions run as in tests: the next-auth mock (test/next-mocks.ts) signs this member's
// session cookie and hands it to the real getServerSession. No imports, so the mock can load it.
export const actionSession: { as: { id: number; role?: "member" | "admin" } | null } = { as: null };
