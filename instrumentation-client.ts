import { z } from "zod";

// Runs in the browser before any app code, ahead of hydration (Next.js's client instrumentation
// file). zod compiles object parsers with `new Function` when it can, and probes for that with
// `Function("")` on the first object it parses. Our CSP has no 'unsafe-eval', so in the browser
// that probe is a CSP violation (and the fast path is refused anyway). Telling zod here, rather
// than from a component's module, cannot lose a race with the first parse: a client component
// did this before, and once a change moved chunks around, a parse ran first (e2e/security.spec.ts).
z.config({ jitless: true });
