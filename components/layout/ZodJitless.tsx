"use client";

import { z } from "zod";

// zod compiles object parsers with `new Function` when it can, and probes for that with
// `Function("")`. Our CSP has no 'unsafe-eval', so in the browser the probe is a CSP violation
// (and the fast path is refused anyway): tell zod up front, before any browser code parses.
z.config({ jitless: true });

export function ZodJitless() {
  return null;
}
