// @ts-check
// Shared JSDoc type definitions for the Connect stand-in (no runtime code).

/**
 * @typedef {'connection' | 'start-attachment-upload' | 'complete-attachment-upload' | 'attachment'
 *   | 'message' | 'event' | 'transcript' | 'disconnect' | 's3-put'} FaultRoute
 */

/**
 * @typedef {'header' | 'body-code' | 'body-type' | 'status-only'} ErrorFormat
 */

/**
 * One entry of the fault plan, as given by a test or the demo.
 * @typedef {object} Fault
 * @property {FaultRoute} route
 * @property {number} [times] How many matching requests get it (default 1; -1 = forever).
 * @property {number} [probability] Chance (0..1, default 1) that a matching request gets it.
 * @property {number} [status] HTTP status to answer with.
 * @property {string} [errorType] Error type (ACPS) or S3 error Code (s3-put).
 * @property {string} [message]
 * @property {ErrorFormat} [errorFormat] Where the ACPS error type travels (default 'header').
 * @property {boolean} [badBody] Answer 200 with a body that breaks the response schema.
 * @property {number} [delayMs] Wait before answering (or forwarding).
 * @property {boolean} [reset] Destroy the socket without answering.
 * @property {boolean} [expiredUrl] start-attachment-upload only: the URL is already expired.
 * @property {boolean} [badSignature] start-attachment-upload only: the URL's signature is corrupted.
 * @property {number} [slowBytesPerSecond] s3-put only: read the upload body at this rate.
 * @property {string} [downloadUrl] attachment only: GetAttachment answers this `Url` (any string, a hostile one included) instead of a signed one.
 */

/**
 * A fault as held in the plan: `remaining` counts down (-1 = forever).
 * @typedef {Fault & { remaining: number }} ActiveFault
 */

/**
 * @typedef {object} StandInOptions
 * @property {string} [host] Interface to bind (default '127.0.0.1').
 * @property {number} [port] ACPS port (default 0 = ephemeral).
 * @property {number} [s3Port] S3 proxy port (default 0 = ephemeral).
 * @property {'*' | string[]} [allowedOrigins] CORS origins for ACPS (default '*': reflect any).
 * @property {number} [urlExpirySeconds] Lifetime of pre-signed URLs (default 300).
 * @property {number} [connectionTokenTtlSeconds] Lifetime of connection tokens (default 86400).
 * @property {number} [maxAttachmentsPerChat] Default 35.
 * @property {number} [maxAttachmentBytes] Default 20 MiB.
 * @property {'s3rver' | 'discard'} [s3Sink] Where PUT bodies go (default 's3rver'). 'discard': the S3 proxy
 *   checks the signature and expiry itself, streams the body through a byte count and a SHA-256 and
 *   drops it (no buffering, no disk), for benchmarks; the stored size and sha256 are still reported.
 * @property {'allow' | 'refuse'} [s3Cors] See RuntimeOptions (default 'allow').
 * @property {number} [clockOffsetMs] See RuntimeOptions (default 0).
 * @property {'rfc6266' | 'raw'} [contentDisposition] See RuntimeOptions (default 'rfc6266').
 * @property {number} [maxStagedMs] See RuntimeOptions (default 0: never refused).
 * @property {Partial<ScanOptions>} [scan] See RuntimeOptions (default: every attachment APPROVED after 300 ms).
 */

/**
 * An attachment's scan status, as ATTACHMENT items carry it in `Attachments[0].Status`.
 * @typedef {'IN_PROGRESS' | 'APPROVED' | 'REJECTED'} ScanStatus
 */

/**
 * @typedef {object} ScanRule
 * @property {string} match A RegExp source (no flags) tested against the AttachmentName.
 * @property {ScanStatus} verdict 'IN_PROGRESS' = never decided: no verdict is pushed.
 */

/**
 * What the stand-in's attachment scan decides, and when.
 * @typedef {object} ScanOptions
 * @property {number} delayMs Time from the IN_PROGRESS item to the verdict (default 300).
 * @property {ScanRule[]} rules The first rule that matches the name decides (default none).
 * @property {ScanStatus} default The verdict when no rule matches (default 'APPROVED').
 */

/**
 * A chat item as GetTranscript returns it and the websocket pushes it (field names as Connect's).
 * Fields that do not apply are left out, never null.
 * @typedef {object} ChatItem
 * @property {string} Id
 * @property {'MESSAGE' | 'EVENT' | 'ATTACHMENT' | 'MESSAGEMETADATA'} Type
 * @property {string} AbsoluteTime ISO 8601 with milliseconds.
 * @property {string} [ContentType] Absent on ATTACHMENT items.
 * @property {string} [Content]
 * @property {string} [ParticipantId]
 * @property {string} [DisplayName]
 * @property {'CUSTOMER' | 'AGENT' | 'SYSTEM'} [ParticipantRole]
 * @property {string} ContactId
 * @property {string} InitialContactId
 * @property {Array<{ ContentType: string, AttachmentId: string, AttachmentName: string, Status: ScanStatus }>} [Attachments]
 * @property {{ MessageId: string, Receipts: Array<{ ReadTimestamp?: string, DeliveredTimestamp?: string, RecipientParticipantId: string }> }} [MessageMetadata]
 */

/**
 * Options that can also be switched while the stand-in runs (POST /__control/options); a reset
 * brings back the values it was started with.
 * @typedef {object} RuntimeOptions
 * @property {'allow' | 'refuse'} s3Cors 'refuse': the bucket has no CORS rule for the page, so S3
 *   answers preflights 403 and no response carries Access-Control-* headers. ACPS is not affected.
 * @property {number} clockOffsetMs Shifts "now" on the AWS side: X-Amz-Date, UrlExpiry, token
 *   Expiry and S3's expiry check. Signed, in milliseconds.
 * @property {'rfc6266' | 'raw'} contentDisposition The signed Content-Disposition: 'rfc6266' is an
 *   ASCII filename plus filename*=UTF-8''…; 'raw' is `attachment; filename="<name as given>"`.
 * @property {number} maxStagedMs CompleteAttachmentUpload of an attachment started more than this many
 *   ms ago (by the AWS side's clock) is refused, 400 ValidationException, as a staged upload that
 *   went stale; 0: never.
 * @property {ScanOptions} scan The verdict each completed attachment gets, decided by its name when
 *   it is completed, and pushed `delayMs` after its IN_PROGRESS item.
 */

/**
 * A change of runtime options: null brings one back to its start value; a `scan` given in part is
 * completed from SCAN_DEFAULTS (not from the scan in effect).
 * @typedef {{ [K in Exclude<keyof RuntimeOptions, 'scan'>]?: RuntimeOptions[K] | null } & { scan?: Partial<ScanOptions> | null }} RuntimeOptionsPatch
 */

/**
 * The start options that stay fixed while the stand-in runs.
 * @typedef {Required<Omit<StandInOptions, keyof RuntimeOptions>>} ResolvedOptions
 */

/**
 * What a host page normally gets from its chat client (and from StartChatContact: ContactId,
 * ParticipantId, ParticipantToken, the three chatjs's `ChatSession.create` takes).
 * @typedef {object} ChatCredentials
 * @property {string} contactId
 * @property {string} participantId The customer's participant id, whom the tokens speak for.
 * @property {string} participantToken
 * @property {string} connectionToken
 * @property {string} connectionExpiry ISO 8601 with milliseconds.
 * @property {string} agentParticipantId The chat's agent, whose messages the control API posts.
 */

/**
 * @typedef {object} StoredObject
 * @property {number} size
 * @property {string} sha256 Hex digest of the stored bytes.
 */

/**
 * @typedef {object} AttachmentState
 * @property {string} attachmentId
 * @property {string} contactId
 * @property {string} name
 * @property {string} contentType
 * @property {number} size
 * @property {'started' | 'completed'} status
 * @property {ScanStatus | null} scanStatus null until completed; then the Status of its latest ATTACHMENT item.
 * @property {number} completeCount Accepted (non-replayed) completions.
 * @property {number} completeRequests CompleteAttachmentUpload requests naming it that reached the handler, accepted or not.
 * @property {string} startClientToken
 * @property {StoredObject | null} stored
 */

/**
 * @typedef {object} RequestLogEntry
 * @property {'acps' | 's3'} service
 * @property {string} method
 * @property {string} url Path and query.
 * @property {number} status 0 while unanswered, or when the socket was destroyed without an answer.
 * @property {Record<string, string>} headers Lower-cased names; x-amz-bearer is never included.
 * @property {'valid' | 'invalid' | 'absent'} [bearer] ACPS only: what the X-Amz-Bearer header held.
 * @property {FaultRoute | null} [fault] The route of the fault applied to this request, if any.
 * @property {Record<string, unknown>} [body] ACPS only: the parsed JSON body (ClientToken, AttachmentIds…; never a token).
 * @property {number} at Arrival time (ms since the epoch).
 */

/**
 * @typedef {object} ChatState
 * @property {string} contactId
 * @property {string} participantId The customer.
 * @property {string} agentParticipantId
 * @property {boolean} ended
 * @property {boolean} customerLeft Whether the customer called DisconnectParticipant.
 * @property {number} openSockets The customer's websockets open now.
 * @property {ChatItem[]} transcript Every stored item in order, latest version of each.
 */

/**
 * @typedef {object} StateSnapshot
 * @property {ChatState[]} chats
 * @property {AttachmentState[]} attachments
 * @property {RequestLogEntry[]} requests
 * @property {ActiveFault[]} faults The current fault plan with remaining counts.
 * @property {RuntimeOptions} options The runtime options in effect.
 */

/**
 * @typedef {object} StandIn
 * @property {string} endpoint ACPS base URL, no trailing slash.
 * @property {string} s3Endpoint Base URL of the S3 proxy the pre-signed URLs point at.
 * @property {(options?: { maxAttachments?: number }) => ChatCredentials} createChat
 * @property {() => Promise<StateSnapshot>} state
 * @property {(faults: Fault[]) => void} setFaults Replaces the fault plan.
 * @property {(patch: RuntimeOptionsPatch) => RuntimeOptions} setOptions
 *   Changes runtime options (null = back to the start value); throws a TypeError on a bad value.
 * @property {(contactId: string, message: { content: string, contentType?: string }) => ChatItem} postAgentMessage
 *   Pushes and stores a MESSAGE from the chat's agent; throws a TypeError for an unknown or ended chat or a bad message.
 * @property {(contactId: string) => ChatItem} postAgentTyping Pushes a typing EVENT from the agent (not stored).
 * @property {(contactId: string) => void} endChat The agent leaves: participant.left and chat.ended are
 *   pushed and stored, and the chat's tokens stop working. Throws a TypeError for an unknown or ended chat.
 * @property {() => Promise<void>} reset
 * @property {() => Promise<void>} close
 */

export {};
