// The one error type of the server. Domain code throws it; the responder turns it into JSON.
// (The browser has its own: ApiError in lib/api/client.ts, what a failed request throws.)
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 503;

export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (msg: string) => new HttpError(400, msg);
export const unauthorized = (msg = "Please sign in.") => new HttpError(401, msg);
export const forbidden = (msg = "You are not allowed to do that.") => new HttpError(403, msg);
export const notFound = (msg = "Not found.") => new HttpError(404, msg);
export const conflict = (msg: string, code?: string) => new HttpError(409, msg, code);
export const tooMany = (msg = "Too many requests; please slow down.") => new HttpError(429, msg);
