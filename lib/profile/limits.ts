// Profile limits shared by the server's checks and the browser's hints (no server-only here).

export const MAX_INTERESTS = 12;
export const MAX_INTEREST_LENGTH = 30;
export const MAX_BIO_LENGTH = 500;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
