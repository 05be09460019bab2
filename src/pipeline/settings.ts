/**
 * What an uploader is told: the same names and meanings as the element's properties, and the one
 * place their defaults are written. The uploader reads a setting each time it needs it, so an
 * object with getters, or the element itself, can change them at any moment. No DOM.
 */
import type { ChatSessionLike } from './chat-session.js';
import { DEFAULT_ACCEPT } from './file-types.js';
import type { AttachmentRules, FeaturePermissions } from './instance-rules.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import type { TokenProvider } from './token-source.js';
import { DEFAULT_TIMEOUT_MS } from '../api/timeouts.js';

export interface UploaderSettings {
  /** The ConnectionToken sent as `X-Amz-Bearer` to the ACPS endpoint, and nowhere else. */
  token?: string | undefined;
  /** A ParticipantToken: the uploader obtains (and renews) the ConnectionToken itself. */
  participantToken?: string | undefined;
  /** Called for a ConnectionToken when neither token is set, and once after a 403. */
  tokenProvider?: TokenProvider | undefined;
  /**
   * An amazon-connect-chatjs `ChatSession`: its ConnectionToken is read at each call (one the
   * session renewed applies at once) unless a token, ParticipantToken or provider is set, and its
   * ATTACHMENT items set each file's scan status.
   */
  chatSession?: ChatSessionLike | undefined;
  /** The instance's rules (`AttachedFilesConfiguration`): they narrow `accept` and `maxFileSize`. */
  attachmentRules?: AttachmentRules | undefined;
  /** chat-interface's `featurePermissions`: without `ATTACHMENTS: true`, no file is taken. */
  featurePermissions?: FeaturePermissions | undefined;
  /** The ACPS endpoint; https, or http on localhost. */
  endpoint?: string | undefined;
  /** The AWS region; gives the standard endpoint when `endpoint` is not set. */
  region?: string | undefined;
  /** Accepted extensions and MIME types, as in `<input accept>`. */
  accept?: string | undefined;
  /** The largest file accepted, in bytes. */
  maxFileSize?: number | undefined;
  /**
   * Shrink or convert images before they are sent: a JPEG, PNG, WebP (or HEIC/HEIF the browser can
   * decode) over `maxFileSize` (or over `maxImageDimension`) is scaled and encoded again until it
   * fits; a decodable HEIC/HEIF is sent as JPEG. The code for it is loaded the first time it is needed.
   */
  fitImages?: boolean | undefined;
  /** With `fitImages`: the longest side an image may have, in pixels; larger ones are scaled down. */
  maxImageDimension?: number | undefined;
  /**
   * Send photos with their metadata. By default a JPEG, PNG or WebP sent with its own pixels loses
   * its Exif (GPS location, camera, dates), XMP, IPTC and text before Start, its image data left
   * byte for byte (a JPEG keeps its orientation and colour profile); the code for it is loaded the
   * first time it is needed.
   */
  keepMetadata?: boolean | undefined;
  /** How many files the list may hold at once: sent ones count, failed or cancelled ones do not. */
  maxFiles?: number | undefined;
  /** Accept several files at once. */
  multiple?: boolean | undefined;
  /** How many files upload at the same time. */
  concurrency?: number | undefined;
  /** Ignore new files. Running uploads go on. */
  disabled?: boolean | undefined;
  /** Queue files without starting them; `upload()` with no argument starts the queue. */
  manual?: boolean | undefined;
  /**
   * Start and upload each file at once, then hold it `ready` until `send()`: its
   * CompleteAttachmentUpload (what puts it in the chat) is asked only then.
   */
  completeOnSend?: boolean | undefined;
  /** Retry rules for each step. */
  retryPolicy?: RetryPolicy | undefined;
  /** An ACPS call that has not answered after this many ms fails with `timeout`. */
  requestTimeoutMs?: number | undefined;
  /** An S3 upload with no progress for this many ms is aborted as `timeout`. */
  stallTimeoutMs?: number | undefined;
}

/** Connect's chat limit (Admin Guide, "Feature specifications"). */
export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/** The defaults of every setting that has one; the element starts from these too. */
export const DEFAULT_SETTINGS = {
  accept: DEFAULT_ACCEPT,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  multiple: false,
  fitImages: false,
  keepMetadata: false,
  concurrency: 3,
  disabled: false,
  manual: false,
  completeOnSend: false,
  retryPolicy: DEFAULT_RETRY_POLICY,
  requestTimeoutMs: DEFAULT_TIMEOUT_MS,
  stallTimeoutMs: DEFAULT_TIMEOUT_MS,
} as const satisfies UploaderSettings;
