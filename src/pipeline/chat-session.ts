/**
 * What the uploader needs from an amazon-connect-chatjs `ChatSession`, typed structurally so chatjs
 * is not a dependency (a real session fits, and so does any object with these methods): its
 * ConnectionToken, read at each call, and the chat's ATTACHMENT items, whose `Status` is
 * Connect's scan verdict. No DOM.
 */
import { UploadError } from '../api/errors.js';
import { SCAN_VERDICTS } from './scan-verdict.js';
import { tokenOf } from './token-source.js';
import type { AttachmentScanStatus } from './upload-list.js';

/** `getChatDetails()` as chatjs returns it; only these fields are read. */
export interface ChatDetailsLike {
  readonly participantId?: string | undefined;
  /** A customer session's ParticipantToken: renews a ConnectionToken Connect refused. */
  readonly participantToken?: string | undefined;
  readonly connectionDetails?: { readonly connectionToken?: string | undefined } | null | undefined;
}

/** What chatjs hands `onMessage` handlers: `{ data: <the chat item>, chatDetails }`. */
export interface ChatMessageEventLike {
  readonly data?: unknown;
}

/** The public methods of a chatjs `ChatSession` the uploader calls. */
export interface ChatSessionLike {
  getChatDetails(): ChatDetailsLike;
  onMessage(handler: (event: ChatMessageEventLike) => void): unknown;
  onEnded(handler: (event?: unknown) => void): unknown;
  /** Used by `send({ text })` only: the text goes to the chat after the files. */
  sendMessage?(args: { contentType: string; message: string }): Promise<unknown>;
}

/** One verdict: a known AttachmentId, or null when the item named none (see verdictsOf). */
export type ChatVerdict = readonly [attachmentId: string | null, status: AttachmentScanStatus];

/**
 * The scan verdicts an item carries. An ATTACHMENT item lists its attachments with a `Status`;
 * one without attachment data means the upload was rejected (as Connect's own chat interface reads
 * it), and names no attachment: `[null, 'REJECTED']` when the customer sent it. An attachment without a known status is
 * rejected too: nothing that cannot be shown as approved is offered to open.
 */
export function verdictsOf(item: unknown): ChatVerdict[] {
  if (!isRecord(item) || item['Type'] !== 'ATTACHMENT') return [];
  const attachments = Array.isArray(item['Attachments']) ? item['Attachments'] : [];
  const out: ChatVerdict[] = [];
  for (const attachment of attachments) {
    const id = isRecord(attachment) ? attachment['AttachmentId'] : undefined;
    if (typeof id !== 'string' || !id) continue;
    const status = attachment['Status' as keyof typeof attachment];
    out.push([id, SCAN_VERDICTS.includes(status as AttachmentScanStatus) ? (status as AttachmentScanStatus) : 'REJECTED']);
  }
  // Only the customer's own items can be about files sent from here.
  return out.length > 0 ? out : item['ParticipantRole'] === 'CUSTOMER' ? [[null, 'REJECTED']] : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The session's `getChatDetails()`. One that throws is the page's set-up failing, as a token
 * provider that throws is: `config`, never retried (trying again asks the same broken session).
 */
export function chatDetails(session: ChatSessionLike): ChatDetailsLike | undefined {
  try {
    return session.getChatDetails();
  } catch (error) {
    // What it threw stays the cause, out of the message: events carry messages, and a session's error may quote its tokens.
    throw new UploadError('config', 'The chat session could not be read: getChatDetails() threw.', { cause: error });
  }
}

/** The session's current ConnectionToken, if it has one (chatjs has none before `connect()`). */
export function sessionToken(session: ChatSessionLike): string | undefined {
  return tokenOf(chatDetails(session)?.connectionDetails?.connectionToken);
}

/**
 * Hands each verdict of `session`'s chat to `target` until the returned function is called or the
 * chat ends. chatjs has no way to unsubscribe, so the handler stays with the session: it holds the
 * target weakly (a discarded uploader is not kept alive by the chat) and goes quiet once stopped.
 */
export function watchVerdicts(session: ChatSessionLike, target: WeakRef<{ takeVerdict(verdict: ChatVerdict): void }>): () => void {
  let live = true;
  const stop = () => {
    live = false;
  };
  session.onMessage((event) => {
    const receiver = live ? target.deref() : undefined;
    if (!receiver) return;
    for (const verdict of verdictsOf(event?.data)) receiver.takeVerdict(verdict);
  });
  session.onEnded(stop);
  return stop;
}
