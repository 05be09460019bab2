/**
 * How long the wire waits by default: an ACPS call without an answer, an S3 PUT without progress,
 * a token provider without a token. Written once here, the lowest layer that needs it; the core's
 * settings and token source take it from here. Imports nothing.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
