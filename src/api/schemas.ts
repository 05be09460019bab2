/**
 * zod/mini schemas for what ACPS sends back. Bodies that fail them become `bad-response` errors, so a
 * proxy page or a changed API never reaches the pipeline as half-parsed data.
 */
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
/** An ISO-8601 date ACPS sends as a plain string; real answers come with and without milliseconds. */
const isoDate = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'));

export const startAttachmentUploadResponse = z.object({
  AttachmentId: text(256),
  UploadMetadata: z.object({
    Url: text(2000),
    UrlExpiry: isoDate,
    HeadersToInclude: z.record(text(128), z.string().check(z.maxLength(256))),
  }),
});
export type StartAttachmentUploadResponse = z.infer<typeof startAttachmentUploadResponse>;

export const getAttachmentResponse = z.object({
  Url: text(2000),
  UrlExpiry: isoDate,
  AttachmentSizeInBytes: z.optional(z.number()),
});

export const createParticipantConnectionResponse = z.object({
  ConnectionCredentials: z.optional(z.object({ ConnectionToken: text(1000), Expiry: isoDate })),
});

/** The fields of an AWS JSON error body; everything optional because proxies send all sorts. */
export const awsErrorBody = z.looseObject({
  message: z.optional(z.string()),
  Message: z.optional(z.string()),
  __type: z.optional(z.string()),
});
