import "server-only";
import pino from "pino";

// Structured JSON logs on stdout; one line per event, with context fields.
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "meetcute" },
  timestamp: pino.stdTimeFunctions.isoTime,
});
