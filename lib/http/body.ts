import "server-only";
import type { IncomingMessage } from "node:http";
import type { ZodType } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { nodeHeader, requireContentType } from "@/lib/http/csrf";
import { parse } from "@/lib/validation";

export const MAX_JSON_BYTES = 16 * 1024;

const tooLarge = () => new HttpError(413, "Request body is too large.");

/** A request whose body can be read: a web Request (route handlers) or Node's own (pages/api/). */
type BodySource = Request | IncomingMessage;

const isWebRequest = (req: BodySource): req is Request => typeof (req as Request).arrayBuffer === "function";

const headerOf = (req: BodySource, name: string): string | null => (isWebRequest(req) ? req.headers.get(name) : nodeHeader(req, name));

/**
 * The raw body, read as a stream and abandoned as soon as it passes `maxBytes` (413) — whatever
 * Content-Length says, or without one (chunked) — so nobody can make us buffer a huge body.
 * (Node's request is left unread past the cap: nodeRoute answers the 413 with `Connection:
 * close`, so the rest is never read.)
 */
export async function readBodyCapped(req: BodySource, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(headerOf(req, "content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: Uint8Array) => {
    total += chunk.byteLength;
    if (total > maxBytes) return false;
    chunks.push(chunk);
    return true;
  };
  if (isWebRequest(req)) {
    if (!req.body) return new Uint8Array(0);
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!take(value)) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
    }
  } else {
    await readNodeBody(req, take);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * Node's request body, chunk by chunk, until `take` refuses one (413) or it ends. Not with `for
 * await`: leaving that loop early destroys the request, and with it the socket the 413 must go out on.
 */
function readNodeBody(req: IncomingMessage, take: (chunk: Uint8Array) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (req.readableEnded) return resolve();
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      if (take(chunk)) return;
      stop();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = () => (stop(), resolve());
    const onError = (err: Error) => (stop(), reject(err));
    // The client went away before the body ended: nothing to answer, and nothing may be done.
    const onClose = () => (stop(), reject(new HttpError(400, "The request body ended early.")));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** Reads and validates a JSON body: size-capped, malformed JSON, NULs and unknown fields refused. */
export async function jsonBody<T>(req: BodySource, schema: ZodType<T>, { maxBytes = MAX_JSON_BYTES } = {}): Promise<T> {
  requireContentType(headerOf(req, "content-type"), ["application/json"]);
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
