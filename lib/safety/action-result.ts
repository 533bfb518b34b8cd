import "server-only";
import { ZodError } from "zod";
import { ApiError } from "@/lib/http/errors";
import { describeZodError } from "@/lib/http/handler";
import { log } from "@/lib/log";

/** What a server action hands back to the UI: never a thrown error, always a message to show. */
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: string; status: number };

/** Runs an action body, turning our one error type (and zod's) into a result the UI can show. */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.message, status: err.status };
    if (err instanceof ZodError) return { ok: false, error: describeZodError(err), status: 400 };
    log.error({ err }, "unhandled error in server action");
    return { ok: false, error: "Something went wrong on our side. Please try again.", status: 500 };
  }
}
