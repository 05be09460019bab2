/**
 * zod/mini schemas for what ACPS sends back. Bodies that fail them become `bad-response` errors, so a
 * proxy page or a changed API never reaches the pipeline as half-parsed data.
 */
import * as z from 'zod/mini';

/**
 * The leaves are custom checks rather than z.string() with z.minLength()/z.maxLength(): the same
 * rules, without zod's string schema and length checks, which would add 500 B gzip to the CDN file.
 * z.object still walks the shape, so a failure names the field (`UploadMetadata.Url`).
 */
const isString = (value: unknown): value is string => typeof value === 'string';
const text = (max: number) => z.custom<string>((value) => isString(value) && value.length > 0 && value.length <= max, 'empty or too long');

/**
 * `HeadersToInclude`: header names of 1 to 128 characters mapped to string values of at most 256.
 * A custom check rather than z.record(): the same rules, without zod's record schema, which alone
 * would add 700 B gzip to the CDN file.
 */
const headerMap = z.custom<Record<string, string>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([name, headerValue]) => name.length > 0 && name.length <= 128 && isString(headerValue) && headerValue.length <= 256,
    ),
  'not a map of header names to values',
);
/** An ISO-8601 date ACPS sends as a plain string; real answers come with and without milliseconds. */
const isoDate = z.custom<string>((value) => isString(value) && !Number.isNaN(Date.parse(value)), 'not a date');

export const startAttachmentUploadResponse = z.object({
  AttachmentId: text(256),
  UploadMetadata: z.object({
    Url: text(2000),
    UrlExpiry: isoDate,
    HeadersToInclude: headerMap,
  }),
});
export type StartAttachmentUploadResponse = z.infer<typeof startAttachmentUploadResponse>;

export const getAttachmentResponse = z.object({
  Url: text(2000),
  UrlExpiry: isoDate,
  // A custom check rather than z.number(): the same guarantee (a whole number of bytes, stricter in
  // fact), without zod's number schema, which would add 120 B gzip to the CDN file for one field.
  // Optional: a check that also takes undefined costs less than zod's optional schema.
  AttachmentSizeInBytes: z.custom<number | undefined>(
    (value) => value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0),
    'not a size',
  ),
});

/** Asked for with `Type: ["CONNECTION_CREDENTIALS"]`, so an answer without them is unreadable. */
export const createParticipantConnectionResponse = z.object({
  ConnectionCredentials: z.object({ ConnectionToken: text(1000), Expiry: isoDate }),
});

/**
 * The fields of an AWS JSON error body; everything optional because proxies send all sorts, and
 * other fields (`code`) kept. A custom check rather than z.looseObject(): the same rules, without
 * zod's catch-all handling.
 */
export const awsErrorBody = z.custom<{ message?: string; Message?: string; __type?: string; [field: string]: unknown }>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ['message', 'Message', '__type'].every((field) => {
      const fieldValue = (value as Record<string, unknown>)[field];
      return fieldValue === undefined || isString(fieldValue);
    }),
  'not an AWS error body',
);
