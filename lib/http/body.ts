import "server-only";
import type { ZodType } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { requireContentType } from "@/lib/http/csrf";
import { parse } from "@/lib/validation";

export const MAX_JSON_BYTES = 16 * 1024;

const tooLarge = () => new HttpError(413, "Request body is too large.");

/**
 * The raw body, read as a stream and abandoned as soon as it passes `maxBytes` (413) — whatever
 * Content-Length says, or without one (chunked) — so nobody can make us buffer a huge body.
 */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** Reads and validates a JSON body: size-capped, malformed JSON, NULs and unknown fields refused. */
export async function jsonBody<T>(req: Request, schema: ZodType<T>, { maxBytes = MAX_JSON_BYTES } = {}): Promise<T> {
  requireContentType(req, ["application/json"]);
  const bytes = await readBodyCapped(req, maxBytes);
  let data: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    data = text.length ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, "Malformed JSON body.");
  }
  return parse(schema, data);
}
