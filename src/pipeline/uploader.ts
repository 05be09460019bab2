/**
 * `AttachmentUploader`: the headless core. It owns the list of files, admission (validation,
 * `multiple`, `max-files`), the queue, one AbortController per file, the ACPS client, the token
 * source, scan verdicts and the stall clock, and fires the ten attachment-* events plus a
 * coalesced `uploads-changed`. No DOM: a chat UI can drive it with its own buttons and list, and
 * the element is a view over one. `window` is touched only for online/offline (connectivity.ts).
 */
import { AcpsClient } from '../api/acps.js';
import { resolveEndpoint } from '../api/endpoint.js';
import { UploadError, atStage, isAbortError } from '../api/errors.js';
import { type PutObjectRequest, putObject } from '../api/s3.js';
import { type ChatSessionLike, type ChatVerdict, chatDetails, sessionToken, watchVerdicts } from './chat-session.js';
import { type WatchedConnectivity, browserConnectivity } from './connectivity.js';
import {
  AttachmentAbortEvent,
  AttachmentCompletedEvent,
  AttachmentConvertedEvent,
  AttachmentErrorEvent,
  AttachmentProgressEvent,
  AttachmentRejectEvent,
  AttachmentRetryEvent,
  AttachmentSelectEvent,
  AttachmentStartedEvent,
  AttachmentUploadedEvent,
  type AttachmentUploaderEventMap,
  UploadsChangedEvent,
} from './events.js';
import { type Allowance, allowanceOf } from './allowance.js';
import { DEFAULT_SETTINGS, type UploaderSettings } from './settings.js';
import { TaskQueue } from './task-queue.js';
import { TokenSource, noToken, tokenOf, withToken } from './token-source.js';
import {
  ACTIVE_STATES,
  type AttachmentScanStatus,
  type UploadFailure,
  type UploadInfo,
  UploadList,
  type UploadRecord,
  type UploadsSummary,
} from './upload-list.js';
import { type Completion, type UploadCallbacks, type UploadJob, type UploadSteps, unusable, uploadFile } from './upload-file.js';
import { awaitsVerdict } from './scan-verdict.js';
import type { ImageOutcome } from './fit-image.js';
import { FITTABLE, selectFiles, tooLarge } from './validate.js';
import type { SendResult } from './send.js';

export type { SendResult };

/** The ACPS calls the uploader makes. */
export type AcpsCalls = Pick<
  AcpsClient,
  'startAttachmentUpload' | 'completeAttachmentUpload' | 'createParticipantConnection' | 'getAttachment'
>;

/** How requests leave the uploader: real fetch and XHR by default; tests pass fakes. */
export interface UploaderTransport {
  acps(endpoint: string, timeoutMs: number): AcpsCalls;
  put(request: PutObjectRequest): Promise<void>;
}

export interface UploaderOptions {
  transport?: UploaderTransport | undefined;
  connectivity?: WatchedConnectivity | undefined;
  /**
   * Where the ten attachment-* events are fired: the uploader itself by default. The element
   * passes itself, so each event is made and dispatched once, on the element, where pages listen
   * (and a page that cancels `attachment-select` there drops the file).
   */
  eventTarget?: EventTarget | undefined;
}

/**
 * One chat as the page set it up: the endpoint, the request timeout and the token source. A file
 * keeps the session it started with until it ends; a page that switches chats gets a new one.
 */
interface Session {
  /** What the session was made from, compared by identity to tell whether the page switched. */
  readonly key: readonly unknown[];
  readonly calls: AcpsCalls;
  readonly tokens: TokenSource;
}

/** A Complete that was asked and whose outcome is unknown, with the chat it belongs to. */
interface PendingCompletion extends Completion {
  session: Session;
  /**
   * What was uploaded (the fitted or metadata-free copy, or the file itself): a Complete asked again,
   * or a staged attachment that must start over, sends these bytes with no second fit or removal.
   */
  job: UploadJob;
}

/** What `send()` runs, loaded the first time a file is ready to send (or at the first `send()`). */
const sendPart = () => import('./send.js');

const defaultTransport: UploaderTransport = {
  acps: (endpoint, timeoutMs) => new AcpsClient(endpoint, { timeoutMs }),
  put: putObject,
};

const STATE_OF_STAGE = { start: 'starting', upload: 'uploading', complete: 'finalizing' } as const;
/** No byte for this long and the file is reported `stalled` (well before the stall timeout gives up). */
const STALL_NOTICE_MS = 4_000;

/** The failure of `error` at `stage`: one shape for the snapshot and the event. */
function toFailure(error: UploadError, stage: UploadFailure['stage']): UploadFailure {
  return {
    code: error.code,
    message: error.message,
    stage,
    retryable: error.retryable,
    ...(error.status === undefined ? {} : { status: error.status }),
  };
}

const base = (record: UploadRecord) => ({ uploadId: record.uploadId, file: record.file });
const idOf = (record: UploadRecord): { attachmentId?: string } =>
  record.attachmentId === undefined ? {} : { attachmentId: record.attachmentId };

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the typed addEventListener overloads, merged into the class as the DOM's own interfaces are
export interface AttachmentUploader {
  addEventListener<K extends keyof AttachmentUploaderEventMap>(
    type: K,
    listener: (this: AttachmentUploader, event: AttachmentUploaderEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AttachmentUploaderEventMap>(
    type: K,
    listener: (this: AttachmentUploader, event: AttachmentUploaderEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * Attaches files to an Amazon Connect chat without any UI: give it a settings object (the element's
 * property names), call `upload(files)`, listen to its events. Settings are read at each use.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class AttachmentUploader extends EventTarget {
  readonly #settings: UploaderSettings;
  readonly #transport: UploaderTransport;
  readonly #connectivity: WatchedConnectivity;
  readonly #events: EventTarget;
  readonly #list = new UploadList(() => this.#scheduleChanged());
  readonly #queue = new TaskQueue(() => this.#settings.concurrency ?? DEFAULT_SETTINGS.concurrency);
  /** Files `manual` holds until `upload()` is called with no argument. */
  readonly #held = new Set<UploadRecord>();
  #session: Session | undefined;
  /** The chat session whose verdicts are taken, and how to stop taking them. */
  #chat: { session: ChatSessionLike; stop: () => void; receiver: object } | undefined;
  /** Files whose Complete may have reached Connect: a retry asks Complete again before anything else. */
  readonly #completions = new WeakMap<UploadRecord, PendingCompletion>();
  #nextId = 0;
  #changedScheduled = false;
  #stallTimer: ReturnType<typeof setTimeout> | undefined;
  #unwatch: (() => void) | undefined;

  constructor(settings: UploaderSettings = {}, options: UploaderOptions = {}) {
    super();
    this.#settings = settings;
    this.#transport = options.transport ?? defaultTransport;
    this.#connectivity = options.connectivity ?? browserConnectivity;
    this.#events = options.eventTarget ?? this;
  }

  /** A snapshot of every file in the list, in the order they came. */
  get uploads(): readonly UploadInfo[] {
    return this.#list.snapshots();
  }

  /** One file's snapshot, or undefined when it is not (or no longer) in the list. */
  getUpload(uploadId: string): UploadInfo | undefined {
    return this.#list.snapshot(uploadId);
  }

  /** The list in numbers: files per state and bytes, for a batch line or a badge. */
  get summary(): UploadsSummary {
    return { ...this.#list.summary, held: this.#held.size };
  }

  /**
   * Adds files: each is validated (`attachment-reject` or `attachment-select`) and, unless `manual`
   * is set, starts when a slot is free. With no argument, starts the files `manual` kept queued.
   * Returns the `uploadId`s of the files it queued or started: none while `disabled`.
   */
  upload(files?: Iterable<File> | ArrayLike<File> | null): string[] {
    const settings = this.#settings;
    if (files == null) {
      const held = [...this.#held];
      this.#held.clear();
      for (const record of held) this.#enqueue(record);
      return held.map((record) => record.uploadId);
    }
    const allowed = this.allowed;
    if (!allowed.enabled) return [];
    const verdicts = selectFiles(Array.from(files as ArrayLike<File>), { ...allowed, fit: settings.fitImages }, this.#inList());
    const added: UploadRecord[] = [];
    // Events go out in the order the files came in.
    for (const verdict of verdicts) {
      const { file } = verdict;
      const uploadId = this.#newUploadId();
      if (!verdict.ok) {
        this.#events.dispatchEvent(new AttachmentRejectEvent({ uploadId, file, reason: verdict.reason, message: verdict.message }));
        continue;
      }
      if (!this.#events.dispatchEvent(new AttachmentSelectEvent({ uploadId, file }))) continue;
      const record: UploadRecord = {
        uploadId,
        file,
        contentType: verdict.contentType,
        state: 'queued',
        stage: 'start',
        loaded: 0,
        total: file.size,
        attachmentId: undefined,
        error: undefined,
        stalled: false,
        scanStatus: undefined,
        controller: undefined,
        movedAt: 0,
      };
      this.#list.add(record);
      added.push(record);
    }
    for (const record of added) {
      if (settings.manual) this.#held.add(record);
      else this.#enqueue(record);
    }
    return added.map((record) => record.uploadId);
  }

  /**
   * Cancels one file, or every file still running when no id is given. Nothing is completed after a
   * cancel. A `ready` file is taken back: it leaves the list and never reaches the chat.
   */
  cancel(uploadId?: string): void {
    const records = uploadId === undefined ? [...this.#list.records()] : [this.#list.get(uploadId)];
    for (const record of records) {
      const ready = record?.state === 'ready';
      if (!record || !(ready || ACTIVE_STATES.has(record.state))) continue;
      record.controller?.abort();
      this.#held.delete(record);
      if (ready) this.#list.remove(record);
      else this.#list.patch(record, { state: 'cancelled' });
      this.#events.dispatchEvent(new AttachmentAbortEvent({ ...base(record), stage: record.stage, ...idOf(record) }));
    }
    this.#afterRun();
  }

  /**
   * Sends a failed or cancelled file again: from StartAttachmentUpload, or, when a Complete of it
   * may have reached Connect, by asking that Complete again (never a second attachment).
   */
  retry(uploadId: string): void {
    const record = this.#list.get(uploadId);
    if (!record || (record.state !== 'failed' && record.state !== 'cancelled')) return;
    const completion = this.#completions.get(record);
    this.#list.patch(
      record,
      completion
        ? { state: 'queued', stage: 'complete', error: undefined }
        : { state: 'queued', stage: 'start', loaded: 0, attachmentId: undefined, error: undefined },
    );
    this.#enqueue(record);
  }

  /** Takes a finished (sent, failed or cancelled) file off the list; a `ready` one is taken back (`cancel`). */
  dismiss(uploadId: string): void {
    const record = this.#list.get(uploadId);
    if (!record || ACTIVE_STATES.has(record.state)) return;
    if (record.state === 'ready') this.cancel(uploadId);
    else this.#list.remove(record);
  }

  /**
   * Sends what the list holds now (`complete-on-send`): completes every `ready` file in the order
   * taken, and each file still on its way once its PUT ended; then, when `text` is given and a
   * `chatSession` is set, sends the text through it, after the files. Files taken later wait for
   * the next send. Resolves with the uploadIds completed and failed (each failure had its
   * `attachment-error`), and whether the text went. The files completed leave the list (a draft's
   * files are in the chat now); the failed ones stay, to be retried or dismissed.
   */
  send({ text }: { text?: string | undefined } = {}): Promise<SendResult> {
    // Files `manual` holds are part of the draft too.
    if (this.#held.size > 0) this.upload();
    // The files ready or on their way now (decided now: a PUT may end before the part is loaded);
    // those taken later wait for the next send.
    const records = [...this.#list.records()].filter((record) => record.state === 'ready' || ACTIVE_STATES.has(record.state));
    return sendPart().then((part) =>
      part.default(
        records,
        text,
        this,
        this.#list,
        ACTIVE_STATES,
        // Its Complete, in a run of its own; a file taken back while it waited its turn is skipped.
        (record) => (record.state === 'ready' ? this.#run(record, (record.controller = new AbortController()).signal) : undefined),
        this.#settings.chatSession,
      ),
    );
  }

  /** Cancels whatever still runs, then empties the list. */
  clear(): void {
    this.cancel();
    this.#held.clear();
    for (const record of [...this.#list.records()]) this.#list.remove(record);
  }

  /**
   * Passes on Connect's scan verdict for an attachment (the `Status` of its chat message), so the
   * list can say "being scanned" or "rejected". A rejected attachment leaves the form value.
   */
  setAttachmentStatus(attachmentId: string, status: AttachmentScanStatus): void {
    const record = this.#list.byAttachment(attachmentId);
    if (!record || record.scanStatus === status) return;
    this.#list.patch(record, { scanStatus: status });
  }

  /**
   * A short-lived download URL for an attachment of this chat (GetAttachment), to open what was
   * sent. The URL is the page's to use at once: the uploader never logs it or puts it in an event.
   */
  async getAttachmentUrl(attachmentId: string, signal?: AbortSignal): Promise<string> {
    const { calls, tokens } = this.#currentSession();
    const link = await withToken(tokens, (token) => calls.getAttachment(token, attachmentId, signal), signal);
    return link.url;
  }

  /** Cancels whatever still runs and lets go of its timers and listeners; the list stays readable. */
  dispose(): void {
    // cancel() lets go of the listeners and timers once nothing waits or runs.
    this.cancel();
    this.#followChat(undefined);
  }

  /**
   * What is allowed now: whether files are taken, the size limit and types in force (the page's
   * settings narrowed by the instance's rules) and the room left in the list. Validation asks it,
   * and so should every view of a limit (the element's picker, hint and messages do).
   */
  get allowed(): Allowance {
    return allowanceOf(this.#settings, this.#inList());
  }

  /** The files that count against `maxFiles`: sent and running ones; failed or cancelled ones do not. */
  #inList(): number {
    const { files, failed, cancelled } = this.#list.summary;
    return files - failed - cancelled;
  }

  // --- the chat session ----------------------------------------------------------------------

  /** Takes verdicts from `session` only: the last session's listener goes quiet. */
  #followChat(session: ChatSessionLike | undefined): void {
    if (this.#chat?.session === session) return;
    this.#chat?.stop();
    this.#chat = undefined;
    if (!session) return;
    // The chat holds its listener for as long as the chat lasts; the listener holds this receiver
    // weakly, and only the uploader holds the receiver.
    const receiver = { takeVerdict: (verdict: ChatVerdict) => this.#takeVerdict(session, verdict) };
    this.#chat = { session, receiver, stop: watchVerdicts(session, new WeakRef(receiver)) };
  }

  #takeVerdict(session: ChatSessionLike, [attachmentId, status]: ChatVerdict): void {
    // The page switched chats (or dropped the session): this chat's items are not about the files shown.
    if (this.#settings.chatSession !== session) {
      this.#followChat(undefined);
      return;
    }
    if (attachmentId !== null) {
      this.setAttachmentStatus(attachmentId, status);
      return;
    }
    // An item without attachment data names no file: it can only be the one file still waiting for a verdict.
    const waiting = [...this.#list.records()].filter(awaitsVerdict);
    if (waiting.length === 1) this.#list.patch(waiting[0] as UploadRecord, { scanStatus: status });
  }

  // --- the queue and the stall clock ---------------------------------------------------------

  #newUploadId(): string {
    this.#nextId += 1;
    return `upload-${this.#nextId}-${crypto.randomUUID().slice(0, 8)}`;
  }

  #scheduleChanged(): void {
    if (this.#changedScheduled) return;
    this.#changedScheduled = true;
    queueMicrotask(() => {
      this.#changedScheduled = false;
      const changed = this.#list.takeChanged();
      if (changed.length > 0) this.dispatchEvent(new UploadsChangedEvent({ changed }));
    });
  }

  #enqueue(record: UploadRecord): void {
    const controller = new AbortController();
    record.controller = controller;
    // Online/offline matter only while files wait or run: an idle uploader holds no listener.
    if (!this.#unwatch) {
      this.#unwatch = this.#connectivity.watch((online) => this.#onConnectivity(online));
      this.#queue.paused = !this.#connectivity.online();
    }
    this.#queue.add((signal) => this.#run(record, signal), controller.signal);
  }

  #onConnectivity(online: boolean): void {
    this.#queue.paused = !online;
    this.#checkStalls();
  }

  /** When nothing waits or runs any more, the listeners and the stall timer go. */
  #afterRun(): void {
    if (this.#list.summary.active > 0) return;
    this.#unwatch?.();
    this.#unwatch = undefined;
    clearTimeout(this.#stallTimer);
    this.#stallTimer = undefined;
  }

  #isStalled(record: UploadRecord): boolean {
    if (record.state !== 'starting' && record.state !== 'uploading') return false;
    return !this.#connectivity.online() || Date.now() - record.movedAt >= STALL_NOTICE_MS;
  }

  /** Marks what stalled, then sleeps until the next file could stall: cost per file that runs, not per file listed. */
  #checkStalls(): void {
    clearTimeout(this.#stallTimer);
    this.#stallTimer = undefined;
    let next = Infinity;
    for (const record of this.#list.running) {
      const stalled = this.#isStalled(record);
      if (stalled !== record.stalled) this.#list.patch(record, { stalled });
      if (!stalled && (record.state === 'starting' || record.state === 'uploading')) {
        next = Math.min(next, record.movedAt + STALL_NOTICE_MS);
      }
    }
    if (next !== Infinity) this.#stallTimer = setTimeout(() => this.#checkStalls(), Math.max(0, next - Date.now()));
  }

  /** A file moved: it is not stalled, and the stall clock must be watching it. */
  #moved(): void {
    if (this.#stallTimer === undefined) this.#checkStalls();
  }

  // --- one file's run ------------------------------------------------------------------------

  /**
   * The chat as the settings describe it now: the same session until the page changes one of them.
   * The page's own token, ParticipantToken or provider win over a chat session's token.
   */
  #currentSession(): Session {
    const settings = this.#settings;
    const chat = settings.chatSession;
    this.#followChat(chat);
    const endpoint = resolveEndpoint(settings.endpoint, settings.region);
    const timeoutMs = settings.requestTimeoutMs ?? DEFAULT_SETTINGS.requestTimeoutMs;
    let token: string | (() => string | undefined) | undefined = tokenOf(settings.token);
    let participantToken = tokenOf(settings.participantToken);
    const provider = settings.tokenProvider;
    if (chat && !(token || participantToken || provider)) {
      // Read at each call: chatjs renews its ConnectionToken on its own. Its ParticipantToken (a
      // customer session has one) renews a token Connect refused, or stands in before connect().
      token = () => sessionToken(chat);
      participantToken = tokenOf(chatDetails(chat)?.participantToken);
      if (!(token() || participantToken)) {
        throw new UploadError('config', 'The chat session has no connection token yet: call connect() first.');
      }
    }
    if (!(token || participantToken || provider)) throw noToken();
    const key = [endpoint, timeoutMs, chat && typeof token === 'function' ? chat : token, participantToken, provider];
    const current = this.#session;
    if (current && key.every((part, index) => part === current.key[index])) return current;
    const calls = this.#transport.acps(endpoint, timeoutMs);
    const tokens = new TokenSource({
      token,
      participantToken,
      provider,
      timeoutMs,
      connect: (participant) => calls.createParticipantConnection(participant),
    });
    return (this.#session = { key, calls, tokens });
  }

  async #run(record: UploadRecord, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const settings = this.#settings;
    const resume = this.#completions.get(record);
    // A `ready` file that Send runs: it may go only to the chat it was started in, and only while
    // that chat is still the page's.
    const sending = record.state === 'ready';
    let session: Session;
    try {
      // A Complete to ask again belongs to the chat the file started in, whatever the page shows now.
      session = resume?.session ?? this.#currentSession();
      if (sending && session !== this.#currentSession()) {
        // Never completed anywhere now: a retry starts it over in the chat the page shows.
        this.#completions.delete(record);
        throw new UploadError('chat-changed', 'The chat changed before Send.', { retryable: false });
      }
    } catch (error) {
      this.#fail(record, atStage(error, sending ? 'complete' : 'start'));
      this.#afterRun();
      return;
    }
    // The token is looked up at each call, so a token the source renews applies at once.
    const { calls: acps, tokens } = session;
    let job: UploadJob = resume?.job ?? record;
    const steps: UploadSteps = {
      start: (input, stepSignal) => withToken(tokens, (token) => acps.startAttachmentUpload(token, input, stepSignal), stepSignal),
      put: (request) => this.#transport.put(request),
      complete: (input, stepSignal) => withToken(tokens, (token) => acps.completeAttachmentUpload(token, input, stepSignal), stepSignal),
    };
    // A cancelled or superseded run must not speak any more.
    const live = () => !signal.aborted && record.controller?.signal === signal;
    const list = this.#list;
    const callbacks: UploadCallbacks = {
      onStage: (stage) => {
        if (!live()) return;
        // A file back at Start has no Complete left to ask again.
        if (stage === 'start') this.#completions.delete(record);
        list.patch(record, { stage, state: STATE_OF_STAGE[stage], movedAt: Date.now(), stalled: false });
        this.#moved();
      },
      onStarted: ({ attachmentId, urlExpiry }) => {
        if (!live()) return;
        list.patch(record, { attachmentId });
        this.#events.dispatchEvent(new AttachmentStartedEvent({ ...base(record), attachmentId, urlExpiry: urlExpiry.toISOString() }));
      },
      onProgress: (loaded, total) => {
        const attachmentId = record.attachmentId;
        if (!live() || attachmentId === undefined) return;
        list.patch(record, { loaded, total, movedAt: Date.now(), stalled: false });
        this.#moved();
        this.#events.dispatchEvent(new AttachmentProgressEvent({ ...base(record), attachmentId, loaded, total }));
      },
      onUploaded: (attachmentId) => {
        if (!live()) return;
        list.patch(record, { loaded: record.total });
        this.#events.dispatchEvent(new AttachmentUploadedEvent({ ...base(record), attachmentId }));
      },
      onCompleting: (completion) => {
        if (live()) this.#completions.set(record, { ...completion, session, job });
      },
      onRetry: (notice) => {
        if (!live()) return;
        this.#events.dispatchEvent(new AttachmentRetryEvent({ ...base(record), ...notice }));
      },
    };
    try {
      // `fitImages`: an image over the limit (any image with `maxImageDimension`, a HEIC/HEIF always)
      // is fitted first, from the original at each run: nothing is kept between runs. The fit, loaded
      // the first time it is needed (fit-image.ts), only answers; the list and the events are written here.
      const { file, contentType } = record;
      const allowed = this.allowed;
      const maxBytes = allowed.maxFileSize;
      /** An image step's answer, written here alone: false when the file was rejected or this run is over. */
      const take = (outcome: ImageOutcome): boolean => {
        // Cancelled, or a later run (a retry) took over: this one says nothing more.
        if (!live()) return false;
        if (outcome.rejected) {
          list.remove(record);
          this.#events.dispatchEvent(new AttachmentRejectEvent({ ...base(record), ...outcome.rejected }));
          return false;
        }
        if (outcome.converted) {
          list.patch(record, { total: outcome.file.size });
          this.#events.dispatchEvent(new AttachmentConvertedEvent({ ...base(record), ...outcome.converted }));
          job = outcome;
        }
        return true;
      };
      // A Complete asked again already has its bytes (resume.job): they are not made a second time.
      if (
        !resume &&
        settings.fitImages &&
        FITTABLE.test(contentType) &&
        (file.size > maxBytes || settings.maxImageDimension || /hei/.test(contentType))
      ) {
        list.patch(record, { state: 'preparing', total: file.size });
        const fitted = await (
          await import('./fit-image.js')
        ).default({
          job,
          maxBytes,
          maxDimension: settings.maxImageDimension,
          signal,
          // The types the fitted copy may take: those allowed now.
          accepts: allowed.accepts,
          tooLarge: tooLarge(file, maxBytes),
        });
        if (!take(fitted)) return;
      }
      // Metadata out of an image sent with its own pixels (a fitted one was encoded anew and keeps
      // none), by code loaded the first time it is needed, from the original at each run.
      if (!resume && job === record && !settings.keepMetadata && FITTABLE.test(contentType)) {
        if (!take(await (await import('./strip-metadata.js')).default({ job, signal }))) return;
      }
      const { attachmentId, held } = await uploadFile(job, steps, signal, callbacks, {
        retry: settings.retryPolicy ?? DEFAULT_SETTINGS.retryPolicy,
        connectivity: this.#connectivity,
        stallTimeoutMs: settings.stallTimeoutMs ?? DEFAULT_SETTINGS.stallTimeoutMs,
        resume,
        // Read as the PUT ends. A Complete asked for Send (a resume) goes on to the chat, even
        // when a stale staged attachment made it start over.
        hold: () => !resume && !!settings.completeOnSend,
      });
      if (!live()) return;
      if (held) {
        // Loaded now, so that Send waits for no download.
        void sendPart();
        // Its Complete, asked at Send, in this chat only.
        this.#completions.set(record, { attachmentId, clientToken: crypto.randomUUID(), session, job });
        list.patch(record, { state: 'ready', stage: 'complete', attachmentId });
        return;
      }
      this.#completions.delete(record);
      list.patch(record, { state: 'done', attachmentId, loaded: record.total });
      this.#events.dispatchEvent(new AttachmentCompletedEvent({ ...base(record), attachmentId }));
    } catch (error) {
      if (isAbortError(error) || !live()) return;
      // Connect refused the Complete for good: a retry starts over with a new attachment.
      if (error instanceof UploadError && (error.stage !== 'complete' || unusable(error))) {
        this.#completions.delete(record);
      }
      this.#fail(record, error instanceof UploadError ? error : atStage(error, record.stage));
    } finally {
      this.#afterRun();
    }
  }

  #fail(record: UploadRecord, error: UploadError): void {
    const failure = toFailure(error, error.stage ?? record.stage);
    this.#list.patch(record, {
      state: 'failed',
      error: failure,
      stage: failure.stage,
      ...(error.attachmentId === undefined ? {} : { attachmentId: error.attachmentId }),
    });
    this.#events.dispatchEvent(new AttachmentErrorEvent({ ...base(record), ...failure, ...idOf(record) }));
  }
}
