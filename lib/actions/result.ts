import "server-only";
import { ZodError } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { describeZodError } from "@/lib/validation";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, logDatabaseUnavailable } from "@/lib/db/unavailable";
import { log } from "@/lib/log";

// The one result shape of every server action ("use server" modules in lib/*/actions.ts).
// Components import the type only.

/**
 * What a server action hands back to the UI: never a thrown error, always a message to show.
 * `fieldErrors` names the form fields a refusal is about (the profile form).
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; status: number; fieldErrors?: Partial<Record<string, string>> };

/** A refusal decided in the action itself (its input didn't parse). */
export function actionError(error: string, fieldErrors?: Partial<Record<string, string>>): ActionResult<never> {
  return fieldErrors ? { ok: false, error, status: 400, fieldErrors } : { ok: false, error, status: 400 };
}

/**
 * Runs an action body, turning our one error type (and zod's) into a result the UI can show. A
 * database that is down, unreachable or too slow is what route() answers too: status 503 and
 * the polite message, logged as a warning (an outage, not a bug).
 */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof HttpError) return { ok: false, error: err.message, status: err.status };
    if (err instanceof ZodError) return { ok: false, error: describeZodError(err), status: 400 };
    if (isDatabaseUnavailable(err)) {
      logDatabaseUnavailable(err, { action: true });
      return { ok: false, error: DATABASE_UNAVAILABLE_MESSAGE, status: 503 };
    }
    log.error({ err }, "unhandled error in server action");
    return { ok: false, error: "Something went wrong on our side. Please try again.", status: 500 };
  }
}
