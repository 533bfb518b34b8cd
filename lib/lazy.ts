// No `server-only`: browser modules use it too.

/**
 * A value built on first use and kept. For zod schemas that modules in the browser's first load
 * define: built at module load, they cost every member page ~70 ms of its hydration on a phone's
 * CPU (zod's per-instance set-up; `npm run profile-page`), though most are needed only when an
 * answer or an event arrives.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => (built ??= { value: build() }).value;
}
