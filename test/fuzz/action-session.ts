// Who the fuzzed server actions run as: the fuzz test files' next-auth mock signs this member's
// session cookie and hands it to the real getServerSession. No imports, so the mock can load it.
export const actionSession: { as: { id: number; role?: "member" | "admin" } | null } = { as: null };
