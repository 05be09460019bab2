/**
 * The test pages' handle on the local Connect stand-in: where it is, new chats, its recorded state,
 * its fault plan and its runtime options, all over its control API.
 */

export interface StandInChat {
  contactId: string;
  participantToken: string;
  connectionToken: string;
  connectionExpiry: string;
}

export interface StoredAttachment {
  attachmentId: string;
  contactId: string;
  name: string;
  contentType: string;
  size: number;
  status: 'started' | 'completed';
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
}

/** A change of runtime options; null brings one back to the value the stand-in was started with. */
export type StandInOptionsPatch = { [K in keyof StandInRuntimeOptions]?: StandInRuntimeOptions[K] | null };

export interface StandInState {
  attachments: StoredAttachment[];
  requests: RecordedRequest[];
  options: StandInRuntimeOptions;
}

export interface Fault {
  route: 'connection' | 'start-attachment-upload' | 'complete-attachment-upload' | 'attachment' | 's3-put';
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
    return this.setOptions({ s3Cors: null, clockOffsetMs: null, contentDisposition: null });
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
