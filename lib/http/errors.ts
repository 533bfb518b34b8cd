// The one error type of the app. Domain code throws it; the responder turns it into JSON.
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (msg: string) => new ApiError(400, msg);
export const unauthorized = (msg = "Please sign in.") => new ApiError(401, msg);
export const forbidden = (msg = "You are not allowed to do that.") => new ApiError(403, msg);
export const notFound = (msg = "Not found.") => new ApiError(404, msg);
export const conflict = (msg: string, code?: string) => new ApiError(409, msg, code);
export const tooMany = (msg = "Too many requests; please slow down.") => new ApiError(429, msg);
