import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z, ZodError, type ZodType } from "zod";
import { ApiError } from "@/lib/http/errors";
import { log } from "@/lib/log";

export const MAX_JSON_BYTES = 16 * 1024;

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response | unknown>;

/**
 * The one responder for route handlers: a returned value becomes JSON; an ApiError becomes
 * `{ error }` with its status; zod errors become 400; anything else is a logged 500.
 */
export function route<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const result = await handler(req, ctx);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

export function errorResponse(err: unknown, req?: NextRequest): Response {
  if (err instanceof ApiError) {
    return NextResponse.json({ error: err.message, ...(err.code ? { code: err.code } : {}) }, { status: err.status });
  }
  if (err instanceof ZodError) {
    return NextResponse.json({ error: describeZodError(err) }, { status: 400 });
  }
  log.error({ err, method: req?.method, path: req?.nextUrl.pathname }, "unhandled error in route handler");
  return NextResponse.json({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
}

export function describeZodError(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return "Invalid input.";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

/** Reads and validates a JSON body: size-capped, malformed JSON and unknown fields refused. */
export async function jsonBody<T>(req: Request, schema: ZodType<T>, { maxBytes = MAX_JSON_BYTES } = {}): Promise<T> {
  const type = req.headers.get("content-type") ?? "";
  if (type && !type.includes("application/json")) {
    throw new ApiError(400, "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new ApiError(413, "Request body is too large.");
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ApiError(413, "Request body is too large.");
  let data: unknown;
  try {
    data = text.length ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(400, "Malformed JSON body.");
  }
  return parse(schema, data);
}

export function parse<T>(schema: ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError(400, describeZodError(result.error));
  return result.data;
}

const MAX_INT = 2_147_483_647;

/** A database id in a JSON body: a positive whole number (never a string). */
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
