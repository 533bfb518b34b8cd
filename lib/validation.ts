import "server-only";
import { z, type ZodError, type ZodType } from "zod";
import { HttpError, badRequest } from "@/lib/http/http-error";

// The one validation module: route handlers (through lib/http/body.ts and lib/http/params.ts)
// and server actions both parse their input here, so a rule about input is written once.

/** Validates input with a zod schema (400 with the first problem); unstorable text never passes. */
export function parse<T>(schema: ZodType<T>, data: unknown): T {
  refuseUnstorableText(data);
  const result = schema.safeParse(data);
  if (!result.success) throw new HttpError(400, describeZodError(result.error));
  return result.data;
}

/** A zod error as one line for the member: the first problem, prefixed with where it is. */
export function describeZodError(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return "Invalid input.";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

const NUL = "\u0000";
export const NUL_MESSAGE = "must not contain NUL characters (\\u0000).";
export const LONE_SURROGATE_MESSAGE = "must be valid Unicode text (no lone surrogate halves).";
// With the `u` flag, a surrogate pair is one code point: this matches only an unpaired half.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text the database cannot take, refused at the edge instead of failing deep in a query as a
 * 500: U+0000 (PostgreSQL refuses it in text and jsonb) and lone UTF-16 surrogate halves (valid
 * in a JSON string escape, but Prisma's query engine rejects the request). Every string value
 * and key, at any depth (walked without recursion, so deeply nested JSON cannot overflow the
 * stack).
 */
export function refuseUnstorableText(data: unknown) {
  const bad = unstorableText(data);
  if (bad !== null) throw badRequest(bad.path ? `${bad.path}: ${bad.message}` : `Input ${bad.message}`);
}

function problemWith(text: string): string | null {
  if (text.includes(NUL)) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return LONE_SURROGATE_MESSAGE;
  return null;
}

function unstorableText(data: unknown): { path: string; message: string } | null {
  const stack: [unknown, string][] = [[data, ""]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      const message = problemWith(value);
      if (message) return { path, message };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const message = problemWith(key);
        const shown = key.replaceAll(NUL, "\\u0000").replace(/\p{Cs}/gu, "\uFFFD");
        if (message) return { path: path ? `${path}.${shown}` : shown, message };
        stack.push([item, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

/** Server actions taking FormData: the name of the first field carrying a NUL character, or null. */
export function fieldWithNul(form: FormData): string | null {
  for (const [name, value] of form) {
    if (name.includes(NUL) || (typeof value === "string" && value.includes(NUL))) return name.replaceAll(NUL, "");
  }
  return null;
}

const MAX_INT = 2_147_483_647;

/** A database id in a JSON body or an action's argument: a positive whole number (never a string). */
export const idValue = z
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .positive("must be positive")
  .max(MAX_INT, "is too large");

/** A database id in a URL: plain digits only ("1e3", " 1" and "-1" are not ids). */
export const idParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "must be a positive whole number")
  .transform(Number)
  .refine((n) => n <= MAX_INT, "is too large");

export const uuidParam = z.string().uuid("must be a session UUID");

/** A member's decision after the first call, in the API's body and in the server action. */
export const decisionValue = z.enum(["like", "pass"], { message: 'decision must be "like" or "pass"' });
