// The app's warnings and errors in a test: asserted, and kept out of the run's output, where a
// deliberate fault's log line reads like a real failure to whoever watches `npm test`.
import { onTestFinished, vi } from "vitest";
import { log } from "@/lib/log";

export type LogLine = [level: "warn" | "error", message: string, fields: Record<string, unknown>];

/** Captures `log.warn` and `log.error` until the current test ends (or `stop()`); returns the lines as they come. */
export function captureLog(): LogLine[] & { stop: () => void } {
  const lines: LogLine[] = [];
  const keep = (level: LogLine[0]) => ((fields: unknown, message?: unknown) => void lines.push([level, String(message ?? ""), (fields ?? {}) as Record<string, unknown>])) as never;
  const warn = vi.spyOn(log, "warn").mockImplementation(keep("warn"));
  const error = vi.spyOn(log, "error").mockImplementation(keep("error"));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    warn.mockRestore();
    error.mockRestore();
  };
  onTestFinished(stop);
  // Not enumerable: the lines compare as a plain array.
  return Object.defineProperty(lines, "stop", { value: stop, enumerable: false }) as LogLine[] & { stop: () => void };
}

/** Each line's level and message, for `toEqual`. */
export const messages = (lines: LogLine[]) => lines.map(([level, message]) => [level, message]);
