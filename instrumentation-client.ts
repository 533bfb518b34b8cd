import { configureZodJitless } from "@/lib/browser/zod-jitless";

// Runs in the browser before any app code, ahead of hydration (Next.js's client instrumentation
// file), so it cannot lose a race with zod's first parse: a client component did this before, and
// once a change moved chunks around, a parse ran first (e2e/security.spec.ts). It sets the flag
// without importing zod (see lib/browser/zod-jitless.ts).
configureZodJitless();
