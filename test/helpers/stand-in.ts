/**
 * The test pages' handle on the local Connect stand-in: where it is, new chats, its recorded state,
 * its fault plan and its runtime options, all over its control API.
 */

/** A new chat: what StartChatContact gives a page (contactId, participantId, participantToken), plus a ConnectionToken. */
export interface StandInChat {
  contactId: string;
  /** The customer, whom the tokens speak for: chatjs's `chatDetails.participantId`. */
  participantId: string;
  participantToken: string;
  connectionToken: string;
  connectionExpiry: string;
  /** The chat's agent, whose messages the control API posts. */
  agentParticipantId: string;
}

export type ScanStatus = 'IN_PROGRESS' | 'APPROVED' | 'REJECTED';

/** A chat item, as GetTranscript returns it and the websocket pushes it (chatjs's `onMessage` `data`). */
export interface ChatItem {
  Id: string;
  Type: 'MESSAGE' | 'EVENT' | 'ATTACHMENT' | 'MESSAGEMETADATA';
  AbsoluteTime: string;
  ContentType?: string;
  Content?: string;
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: 'CUSTOMER' | 'AGENT' | 'SYSTEM';
  ContactId: string;
  InitialContactId: string;
  Attachments?: { ContentType: string; AttachmentId: string; AttachmentName: string; Status: ScanStatus }[];
  MessageMetadata?: {
    MessageId: string;
    Receipts: { ReadTimestamp?: string; DeliveredTimestamp?: string; RecipientParticipantId: string }[];
  };
}

export interface StandInChatState {
  contactId: string;
  participantId: string;
  agentParticipantId: string;
  ended: boolean;
  customerLeft: boolean;
  /** The customer's websockets open now. */
  openSockets: number;
  /** Every stored item in order, the latest version of each (an attachment's verdict replaces its IN_PROGRESS item). */
  transcript: ChatItem[];
}

/** The attachment scan: each completed attachment's verdict, by the first rule its name matches. */
export interface StandInScanOptions {
  /** Time from the IN_PROGRESS item to the verdict (default 300). */
  delayMs: number;
  /** `match` is a RegExp source (no flags) tested against the AttachmentName; IN_PROGRESS = never decided. */
  rules: { match: string; verdict: ScanStatus }[];
  /** The verdict when no rule matches (default 'APPROVED'). */
  default: ScanStatus;
}

export interface StoredAttachment {
  attachmentId: string;
  contactId: string;
  name: string;
  contentType: string;
  size: number;
  status: 'started' | 'completed';
  /** null until completed; then the Status of its latest ATTACHMENT item. */
  scanStatus: ScanStatus | null;
  completeCount: number;
  /** Complete requests naming it that reached the stand-in, accepted or refused. */
  completeRequests: number;
  startClientToken: string;
  stored: null | { size: number; sha256: string };
}

export interface RecordedRequest {
  service: 'acps' | 's3';
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The route of the fault the stand-in applied to this request, if any. */
  fault?: string | null;
  /** ACPS only: the JSON body as sent (ClientToken, AttachmentIds, …). */
  body?: Record<string, unknown>;
  at: number;
}

/** Options the stand-in can switch while it runs (see packages/connect-chat-stand-in/README.md). */
export interface StandInRuntimeOptions {
  /** 'refuse': the bucket has no CORS rule for the page (403 preflight, no Access-Control-* headers). */
  s3Cors: 'allow' | 'refuse';
  /** Shifts the AWS side's "now" (X-Amz-Date, UrlExpiry, token Expiry, S3's expiry check), in ms. */
  clockOffsetMs: number;
  /** 'raw': `attachment; filename="<name as given>"`, which a browser must send as UTF-8 bytes. */
  contentDisposition: 'rfc6266' | 'raw';
  /** The attachment scan's rules and delay. */
  scan: StandInScanOptions;
  /** Complete of an attachment started more than this many ms ago is refused (400 ValidationException); 0: never. */
  maxStagedMs: number;
}

/**
 * A change of runtime options; null brings one back to the value the stand-in was started with. A
 * `scan` given in part is completed from the defaults (delayMs 300, no rules, APPROVED).
 */
export type StandInOptionsPatch = { [K in Exclude<keyof StandInRuntimeOptions, 'scan'>]?: StandInRuntimeOptions[K] | null } & {
  scan?: Partial<StandInScanOptions> | null;
};

export interface StandInState {
  chats: StandInChatState[];
  attachments: StoredAttachment[];
  requests: RecordedRequest[];
  options: StandInRuntimeOptions;
}

export interface Fault {
  route:
    | 'connection'
    | 'start-attachment-upload'
    | 'complete-attachment-upload'
    | 'attachment'
    | 'message'
    | 'event'
    | 'transcript'
    | 'disconnect'
    | 's3-put';
  times?: number;
  probability?: number;
  status?: number;
  errorType?: string;
  message?: string;
  errorFormat?: 'header' | 'body-code' | 'body-type' | 'status-only';
  badBody?: boolean;
  delayMs?: number;
  reset?: boolean;
  expiredUrl?: boolean;
  badSignature?: boolean;
  slowBytesPerSecond?: number;
  /** attachment only: GetAttachment answers this Url instead of a signed one. */
  downloadUrl?: string;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`stand-in answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export class StandIn {
  readonly endpoint: string;

  constructor(endpoint: string) {
    this.endpoint = endpoint;
  }

  /** A new chat; `maxAttachments` gives it its own quota (Connect's is 35). */
  async createChat(maxAttachments?: number): Promise<StandInChat> {
    const body = maxAttachments === undefined ? '' : JSON.stringify({ maxAttachments });
    return json(await fetch(`${this.endpoint}/__control/chats`, { method: 'POST', body }));
  }

  async state(): Promise<StandInState> {
    return json(await fetch(`${this.endpoint}/__control/state`));
  }

  /** The stand-in's attachments of one chat. */
  async attachments(contactId: string): Promise<StoredAttachment[]> {
    return (await this.state()).attachments.filter((attachment) => attachment.contactId === contactId);
  }

  async setFaults(faults: Fault[]): Promise<void> {
    await json(
      await fetch(`${this.endpoint}/__control/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ faults }),
      }),
    );
  }

  async clearFaults(): Promise<void> {
    await this.setFaults([]);
  }

  /** Changes runtime options; returns the options now in effect. */
  async setOptions(patch: StandInOptionsPatch): Promise<StandInRuntimeOptions> {
    const { options } = await json<{ options: StandInRuntimeOptions }>(
      await fetch(`${this.endpoint}/__control/options`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(patch),
      }),
    );
    return options;
  }

  /** Every runtime option back to its start value, without forgetting chats, attachments or the log. */
  async resetOptions(): Promise<StandInRuntimeOptions> {
    return this.setOptions({ s3Cors: null, clockOffsetMs: null, contentDisposition: null, scan: null, maxStagedMs: null });
  }

  /**
   * Sets the attachment scan (what is left out takes its default: delayMs 300, no rules, APPROVED);
   * null brings back the start value. E.g. `setScan({ rules: [{ match: '^virus', verdict: 'REJECTED' }] })`.
   */
  async setScan(scan: Partial<StandInScanOptions> | null): Promise<StandInScanOptions> {
    return (await this.setOptions({ scan })).scan;
  }

  /** The chat's agent posts a message: pushed to the customer's sockets as an AGENT MESSAGE item and stored. */
  async postAgentMessage(contactId: string, content: string, contentType = 'text/plain'): Promise<ChatItem> {
    return json(
      await fetch(`${this.endpoint}/__control/chats/${encodeURIComponent(contactId)}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content, contentType }),
      }),
    );
  }

  /** The chat's agent is typing (chatjs's `onTyping`); not stored. */
  async postAgentTyping(contactId: string): Promise<ChatItem> {
    return json(await fetch(`${this.endpoint}/__control/chats/${encodeURIComponent(contactId)}/typing`, { method: 'POST' }));
  }

  /** The agent leaves and the chat ends (participant.left, chat.ended); its tokens stop working. */
  async endChat(contactId: string): Promise<void> {
    await json(await fetch(`${this.endpoint}/__control/chats/${encodeURIComponent(contactId)}/end`, { method: 'POST' }));
  }

  /** The chat's stored items, in order, the latest version of each. */
  async transcript(contactId: string): Promise<ChatItem[]> {
    const chat = (await this.state()).chats.find((c) => c.contactId === contactId);
    if (!chat) throw new Error(`the stand-in has no chat ${contactId}`);
    return chat.transcript;
  }

  /** Forgets chats, attachments, stored objects, faults and the log, and resets the runtime options. */
  async reset(): Promise<void> {
    await json(await fetch(`${this.endpoint}/__control/reset`, { method: 'POST' }));
  }
}

let cached: Promise<StandIn> | undefined;

/** The stand-in the test runner started (see web-test-runner.config.mjs). */
export function standIn(): Promise<StandIn> {
  cached ??= fetch('/__stand-in.json')
    .then((response) => json<{ endpoint: string }>(response))
    .then(({ endpoint }) => new StandIn(endpoint));
  return cached;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A file of `size` pseudo-random bytes (deterministic per seed), so byte mix-ups show in hashes. */
export function makeFile(name: string, size: number, type = 'text/plain', seed = size): File {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return new File([bytes], name, { type });
}

/** The bytes S3 stored for an attachment, fetched the way an agent's client does (GetAttachment). */
export async function storedBytes(stand: StandIn, chat: StandInChat, attachmentId: string): Promise<Blob> {
  const response = await fetch(`${stand.endpoint}/participant/attachment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Amz-Bearer': chat.connectionToken },
    body: JSON.stringify({ AttachmentId: attachmentId }),
  });
  const { Url } = (await response.json()) as { Url: string };
  return (await fetch(Url)).blob();
}
