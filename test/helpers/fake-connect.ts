/**
 * A fake Connect for the headless uploader's tests: every call recorded (with its endpoint and
 * token) and held, failed or refused on demand; an uploader on it; and ways to wait for what it fires.
 */
import type { CompleteUploadInput, StartUploadInput, StartedUpload } from '../../src/api/acps.js';
import { UploadError } from '../../src/api/errors.js';
import type { PutObjectRequest } from '../../src/api/s3.js';
import type { WatchedConnectivity } from '../../src/pipeline/connectivity.js';
import { ATTACHMENT_EVENT_TYPES, type AttachmentUploaderEventMap } from '../../src/pipeline/events.js';
import type { UploaderSettings } from '../../src/pipeline/settings.js';
import type { UploadState } from '../../src/pipeline/upload-list.js';
import { type AcpsCalls, AttachmentUploader, type UploaderTransport } from '../../src/pipeline/uploader.js';
import { makeFile } from './stand-in.js';

export const FAST = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
export const FAKE_ENDPOINT = 'https://participant.fake.test';
export const TOKEN = 'connection-token-7f3c9a';

export type AttachmentEventType = (typeof ATTACHMENT_EVENT_TYPES)[number];
export type AttachmentEvent = AttachmentUploaderEventMap[AttachmentEventType];
export type Step = 'start' | 'put' | 'complete' | 'get';

// --- a fake Connect: every call recorded, and held, failed or refused on demand -----------------

export interface FakeCall {
  readonly step: Step;
  /** The ACPS endpoint an ACPS call went to (the PUT's URL for the PUT). */
  readonly endpoint: string;
  /** The file's name: AttachmentName for Start, the body's name for the PUT, the named attachment's for Complete. */
  readonly name: string;
  /** The bearer token of an ACPS call (none for the PUT). */
  readonly token: string | undefined;
  /** The ClientToken of an ACPS call (none for the PUT). */
  readonly clientToken: string | undefined;
  readonly signal: AbortSignal;
  /** Lets a held call answer. */
  release(): void;
}

export interface Rule {
  step: Step;
  /** Only calls for this file; every file when undefined. */
  name: string | undefined;
  left: number;
  error?: UploadError;
  /** A held call that goes on waiting for its release after its signal fired, as a server that answers anyway. */
  ignoreAbort?: boolean;
}

export const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');

/** An always-online browser: the queue never pauses for a network the test does not control. */
export const online: WatchedConnectivity = { online: () => true, waitForOnline: async () => {}, watch: () => () => {} };

export class FakeConnect {
  readonly calls: FakeCall[] = [];
  /** Every CreateParticipantConnection, in order. */
  readonly connections: { endpoint: string; participantToken: string }[] = [];
  /** Called as each call arrives, before it answers. */
  onCall: ((call: FakeCall) => void) | undefined;
  readonly #holds: Rule[] = [];
  readonly #failures: Rule[] = [];
  readonly #refused = new Set<string>();
  readonly #names = new Map<string, string>();
  readonly #waiters = new Set<() => void>();
  #attachments = 0;

  readonly transport: UploaderTransport = {
    acps: (endpoint: string): AcpsCalls => ({
      startAttachmentUpload: (token: string, input: StartUploadInput, signal?: AbortSignal) =>
        this.#call('start', endpoint, input.name, token, input.clientToken, signal, (): StartedUpload => {
          this.#attachments += 1;
          const attachmentId = `att-${this.#attachments}`;
          this.#names.set(attachmentId, input.name);
          return {
            attachmentId,
            url: `https://s3.fake.test/staging/${attachmentId}`,
            urlExpiry: new Date(Date.now() + 300_000),
            headers: { 'Content-Type': input.contentType },
          };
        }),
      completeAttachmentUpload: (token: string, input: CompleteUploadInput, signal?: AbortSignal) =>
        this.#call(
          'complete',
          endpoint,
          this.#names.get(input.attachmentId) ?? input.attachmentId,
          token,
          input.clientToken,
          signal,
          () => undefined,
        ),
      getAttachment: (token: string, attachmentId: string, signal?: AbortSignal) =>
        this.#call('get', endpoint, this.#names.get(attachmentId) ?? attachmentId, token, undefined, signal, () => ({
          url: `https://s3.fake.test/download/${attachmentId}`,
          urlExpiry: new Date(Date.now() + 60_000),
          sizeInBytes: 1,
        })),
      // A ConnectionToken that names the ParticipantToken it came from, so a test can tell chats
      // apart, and a new one each time after the first, as Connect gives (a renewal needs a new one).
      createParticipantConnection: async (participantToken: string) => {
        this.connections.push({ endpoint, participantToken });
        const nth = this.connections.filter((connection) => connection.participantToken === participantToken).length;
        const connectionToken = `connection-of-${participantToken}${nth > 1 ? `-${nth}` : ''}`;
        return { connectionToken, expiry: new Date(Date.now() + 3_600_000) };
      },
    }),
    put: (request: PutObjectRequest) => {
      const size = request.body.size;
      const name = request.body instanceof File ? request.body.name : 'blob';
      return this.#call(
        'put',
        request.url,
        name,
        undefined,
        undefined,
        request.signal,
        () => request.onProgress?.(size, size),
        () => request.onProgress?.(Math.floor(size / 2), size),
      );
    },
  };

  /** Calls of `step` for `name` (every file when undefined) hang until released or aborted, `times` times. */
  hold(step: Step, name?: string, times = Infinity, options: { ignoreAbort?: boolean } = {}): void {
    this.#holds.push({ step, name, left: times, ...options });
  }

  /** Calls of `step` for `name` fail with `error`, `times` times. */
  fail(step: Step, error: UploadError, name?: string, times = 1): void {
    this.#failures.push({ step, name, left: times, error });
  }

  /** ACPS calls with `token` are answered 403 AccessDenied. */
  refuse(token: string): void {
    this.#refused.add(token);
  }

  /** The calls of `step`, optionally for one file. */
  callsOf(step: Step, name?: string): FakeCall[] {
    return this.calls.filter((call) => call.step === step && (name === undefined || call.name === name));
  }

  /** The `nth` call of `step` for `name`, as soon as it arrives. */
  call(step: Step, name: string, nth = 1, timeoutMs = 3_000): Promise<FakeCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.callsOf(step, name)[nth - 1];
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.calls.map((call) => `${call.step}:${call.name}`).join(', ') || 'none';
        reject(new Error(`no ${step} call #${nth} for ${name} within ${timeoutMs} ms (calls: ${seen})`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  async #call<T>(
    step: Step,
    endpoint: string,
    name: string,
    token: string | undefined,
    clientToken: string | undefined,
    signal: AbortSignal | undefined,
    answer: () => T,
    whileHeld?: () => void,
  ): Promise<T> {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const callSignal = signal ?? new AbortController().signal;
    const call: FakeCall = { step, endpoint, name, token, clientToken, signal: callSignal, release: () => release() };
    this.calls.push(call);
    this.onCall?.(call);
    for (const wake of [...this.#waiters]) wake();
    // As fetch and XHR do: an aborted signal rejects at once.
    if (callSignal.aborted) throw abortError();
    if (token !== undefined && this.#refused.has(token)) {
      throw new UploadError('access-denied', 'Amazon Connect answered 403 AccessDeniedException.', { status: 403 });
    }
    const failure = this.#take(this.#failures, step, name);
    if (failure?.error) throw failure.error;
    const hold = this.#take(this.#holds, step, name);
    if (hold) {
      whileHeld?.();
      await new Promise<void>((resolve, reject) => {
        if (!hold.ignoreAbort) callSignal.addEventListener('abort', () => reject(abortError()), { once: true });
        void released.then(resolve);
      });
    }
    return answer();
  }

  #take(rules: Rule[], step: Step, name: string): Rule | undefined {
    const rule = rules.find((r) => r.step === step && (r.name === undefined || r.name === name) && r.left > 0);
    if (rule) rule.left -= 1;
    return rule;
  }
}

// --- the uploader under test, what it fired, and waiting for it --------------------------------

export const created: AttachmentUploader[] = [];
afterEach(() => {
  for (const uploader of created.splice(0)) uploader.dispose();
});

/** Every attachment-* event the uploader fires, in order. */
export function record(uploader: AttachmentUploader): AttachmentEvent[] {
  const events: AttachmentEvent[] = [];
  for (const type of ATTACHMENT_EVENT_TYPES) uploader.addEventListener(type, (event) => events.push(event));
  return events;
}

/** An uploader on a fake transport, with a token, an endpoint, `multiple` and fast retries unless `settings` say otherwise. */
export function fakeUploader(settings: UploaderSettings = {}) {
  const fake = new FakeConnect();
  const all: UploaderSettings = { token: TOKEN, endpoint: FAKE_ENDPOINT, multiple: true, retryPolicy: FAST, ...settings };
  const uploader = new AttachmentUploader(all, { transport: fake.transport, connectivity: online });
  created.push(uploader);
  return { uploader, fake, settings: all, events: record(uploader) };
}

/** The next `type` event (that `matches`), failing with a message instead of hanging. Start it before the action. */
export function nextEvent<K extends keyof AttachmentUploaderEventMap>(
  uploader: AttachmentUploader,
  type: K,
  matches: (event: AttachmentUploaderEventMap[K]) => boolean = () => true,
  timeoutMs = 3_000,
): Promise<AttachmentUploaderEventMap[K]> {
  return new Promise((resolve, reject) => {
    const listener = (event: AttachmentUploaderEventMap[K]) => {
      if (!matches(event)) return;
      done();
      resolve(event);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no matching ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      uploader.removeEventListener(type, listener);
    };
    uploader.addEventListener(type, listener);
  });
}

export const FINAL: ReadonlySet<UploadState> = new Set(['done', 'failed', 'cancelled']);
export const ACTIVE: ReadonlySet<UploadState> = new Set(['queued', 'starting', 'uploading', 'finalizing']);

/** Resolves once every file in the list is done, failed or cancelled. */
export function settled(uploader: AttachmentUploader, timeoutMs = 4_000): Promise<void> {
  return listHolds(uploader, () => uploader.uploads.every((upload) => FINAL.has(upload.state)), 'uploads did not settle', timeoutMs);
}

/** Resolves once the file named `name` is in `state`. */
export function inState(uploader: AttachmentUploader, name: string, state: UploadState, timeoutMs = 3_000): Promise<void> {
  const holds = () => uploader.uploads.find((upload) => upload.file.name === name)?.state === state;
  return listHolds(uploader, holds, `${name} never became ${state}`, timeoutMs);
}

/** Resolves once `holds()`, looked at after each `uploads-changed`; rejects naming each file's state. */
function listHolds(uploader: AttachmentUploader, holds: () => boolean, failure: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!holds()) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${failure}: ${uploader.uploads.map((u) => `${u.file.name}=${u.state}`).join(', ')}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      uploader.removeEventListener('uploads-changed', check);
    };
    uploader.addEventListener('uploads-changed', check);
    check();
  });
}

/** Lets every pending microtask (and so every promise chain that does not wait on a timer) run. */
export const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

export function idFor(uploader: AttachmentUploader, name: string): string {
  const upload = uploader.uploads.find((u) => u.file.name === name);
  if (!upload) throw new Error(`${name} is not in the list`);
  return upload.uploadId;
}

export const ofUpload = (events: AttachmentEvent[], uploadId: string) => events.filter((event) => event.detail.uploadId === uploadId);
export const typesOf = (events: AttachmentEvent[]) => events.map((event) => event.type);
export const namesOf = (calls: FakeCall[]) => calls.map((call) => call.name);
export const text = (name: string, size = 100) => makeFile(name, size, 'text/plain');
