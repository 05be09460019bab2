/**
 * `<connect-attachment-upload>`: the Lit element. It owns the list of files, turns pipeline
 * callbacks into DOM events, renders state and speaks through live regions; it never builds an
 * HTTP request itself.
 */
import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { AcpsClient } from '../api/acps.js';
import { resolveEndpoint } from '../api/endpoint.js';
import { type ErrorCode, type Stage, UploadError, atStage, isAbortError } from '../api/errors.js';
import { putObject } from '../api/s3.js';
import { DEFAULT_ACCEPT } from '../pipeline/file-types.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../pipeline/retry.js';
import { TaskQueue } from '../pipeline/task-queue.js';
import { type TokenProvider, TokenSource, withToken } from '../pipeline/token-source.js';
import { type UploadCallbacks, type UploadSteps, uploadFile } from '../pipeline/upload-file.js';
import { DEFAULT_MAX_FILE_SIZE, selectFiles } from '../pipeline/validate.js';
import { Announcer, type Urgency } from './announcer.js';
import { browserConnectivity } from './connectivity.js';
import {
  AttachmentAbortEvent,
  AttachmentCompletedEvent,
  AttachmentErrorEvent,
  AttachmentProgressEvent,
  AttachmentRejectEvent,
  AttachmentRetryEvent,
  AttachmentSelectEvent,
  AttachmentStartedEvent,
  AttachmentUploadedEvent,
} from './events.js';
import { formatBytes, formatPercent } from './format.js';
import { Previews } from './previews.js';
import { styles } from './connect-attachment-upload.styles.js';
import { DEFAULT_STRINGS, type UploadStrings } from './strings.js';
import { type ItemStatus, type ItemView, renderItem } from './upload-item.js';

export type UploadState = 'queued' | 'starting' | 'uploading' | 'finalizing' | 'done' | 'failed' | 'cancelled';

/** Connect's scan verdict for an attachment, passed on by the host with `setAttachmentStatus`. */
export type AttachmentScanStatus = 'APPROVED' | 'REJECTED' | 'IN_PROGRESS';

export interface UploadFailure {
  readonly code: ErrorCode;
  readonly message: string;
  readonly stage: Stage;
  readonly retryable: boolean;
  readonly status?: number;
}

/** A file in the list, as `uploads` reports it. */
export interface UploadInfo {
  readonly uploadId: string;
  readonly file: File;
  readonly contentType: string;
  readonly state: UploadState;
  readonly loaded: number;
  readonly total: number;
  readonly attachmentId: string | undefined;
  readonly error: UploadFailure | undefined;
  /** True while an upload has made no progress for a few seconds (slow or lost network). */
  readonly stalled: boolean;
  readonly scanStatus: AttachmentScanStatus | undefined;
}

/** What the element keeps per file; `stalled` is not kept but derived from `movedAt` when asked. */
type UploadRecord = {
  -readonly [K in Exclude<keyof UploadInfo, 'stalled'>]: UploadInfo[K];
} & { stage: Stage; controller: AbortController | undefined; movedAt: number; announcedStep: number };

const ACTIVE: ReadonlySet<UploadState> = new Set(['queued', 'starting', 'uploading', 'finalizing']);
const STATE_OF_STAGE: Record<Stage, UploadState> = { start: 'starting', upload: 'uploading', complete: 'finalizing' };
/** No byte for this long and the item says "stalled" (well before the stall timeout gives up). */
const STALL_NOTICE_MS = 4_000;
/** Screen readers hear progress in these steps, not every tick. */
const PROGRESS_STEPS = [0.25, 0.5, 0.75];

/**
 * Attaches files to an Amazon Connect chat: StartAttachmentUpload, the S3 PUT with progress, then
 * CompleteAttachmentUpload, for each file, with a DOM event at every stage. Form-associated: the
 * completed AttachmentIds are its form value.
 *
 * @fires attachment-select - A file passed validation and is about to be queued. Cancelable: cancel it and nothing is sent.
 * @fires attachment-reject - A file failed validation (`reason`, `message`); nothing was sent.
 * @fires attachment-started - StartAttachmentUpload succeeded (`attachmentId`, `urlExpiry`).
 * @fires attachment-progress - Bytes went to S3 (`attachmentId`, `loaded`, `total`).
 * @fires attachment-uploaded - The S3 PUT succeeded (`attachmentId`).
 * @fires attachment-completed - CompleteAttachmentUpload succeeded: the attachment is in the chat (`attachmentId`).
 * @fires attachment-retry - A failed step will be tried again (`stage`, `attempt`, `delayMs`, `code`).
 * @fires attachment-error - A file failed for good (`stage`, `code`, `message`, `retryable`, `status?`, `attachmentId?`).
 * @fires attachment-abort - A file was cancelled (`stage`, `attachmentId?`).
 *
 * @slot prompt - The text in the drop zone before the button.
 * @slot button - The "Choose files" label inside the drop zone (the whole drop zone is the button).
 *
 * @csspart dropzone - The drop zone; a button that opens the file picker.
 * @csspart button - The "Choose files" label inside the drop zone.
 * @csspart start - The "Upload" button shown in `manual` mode.
 * @csspart rejection - Why the last files given were not added.
 * @csspart summary - The progress line of a batch.
 * @csspart list - The list of files.
 * @csspart item - One file in the list.
 * @csspart preview - An image file's preview.
 * @csspart progress - A file's progress bar.
 * @csspart error - A file's error text.
 *
 * @cssstate idle - No file is queued or uploading.
 * @cssstate dragging - Files are dragged over the drop zone.
 * @cssstate uploading - At least one file is queued or uploading.
 * @cssstate error - At least one file failed.
 *
 * @cssprop [--connect-attachment-upload-accent=#0b66c3] - Buttons, focus ring, progress and the active drop zone.
 * @cssprop [--connect-attachment-upload-accent-text=#ffffff] - Text on the accent colour.
 * @cssprop [--connect-attachment-upload-border=#8a94a3] - Borders of the drop zone and the items.
 * @cssprop [--connect-attachment-upload-background=transparent] - The drop zone's background.
 * @cssprop [--connect-attachment-upload-text=inherit] - Text colour.
 * @cssprop [--connect-attachment-upload-muted=#5a6270] - Secondary text (sizes, states).
 * @cssprop [--connect-attachment-upload-error=#b3261e] - Error text.
 * @cssprop [--connect-attachment-upload-success=#1e7a34] - The "Sent" state.
 * @cssprop [--connect-attachment-upload-radius=8px] - Corner radius.
 * @cssprop [--connect-attachment-upload-gap=0.5rem] - Spacing.
 * @cssprop [--connect-attachment-upload-preview-size=2.5rem] - The size of image previews.
 */
export class ConnectAttachmentUpload extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  // Declared with `static properties` rather than decorators: no decorator helpers in the CDN file.
  static override properties = {
    token: { attribute: 'token' },
    participantToken: { attribute: 'participant-token' },
    tokenProvider: { attribute: false },
    endpoint: {},
    region: {},
    accept: {},
    maxFileSize: { attribute: 'max-file-size', type: Number },
    maxFiles: { attribute: 'max-files', type: Number },
    multiple: { type: Boolean },
    concurrency: { type: Number },
    disabled: { type: Boolean, reflect: true },
    manual: { type: Boolean },
    name: {},
    required: { type: Boolean },
    pasteTarget: { attribute: 'paste-target' },
    retryPolicy: { attribute: false },
    requestTimeoutMs: { attribute: false },
    stallTimeoutMs: { attribute: false },
    strings: { attribute: false },
  };

  /**
   * The ConnectionToken sent as `X-Amz-Bearer` to the ACPS endpoint, and nowhere else. Prefer the
   * property to the attribute: page scripts and session-replay tools read attributes.
   */
  declare token: string | undefined;

  /**
   * A ParticipantToken (from StartChatContact). With it the element calls CreateParticipantConnection
   * itself, keeps the ConnectionToken until shortly before it expires, and renews it after a 403.
   * Used when `token` is not set. Prefer the property to the attribute.
   */
  declare participantToken: string | undefined;

  /**
   * Called for a ConnectionToken when neither `token` nor `participantToken` is set, and once after
   * the service refused the token (403) before the upload gives up. May return a promise.
   */
  declare tokenProvider: TokenProvider | undefined;

  /** The ACPS endpoint, e.g. `https://participant.connect.us-east-1.amazonaws.com`. https, or http on localhost. */
  declare endpoint: string | undefined;

  /** The AWS region; gives the standard endpoint when `endpoint` is not set. */
  declare region: string | undefined;

  /** Accepted extensions and MIME types, as in `<input accept>`. Default: Amazon Connect's chat types. */
  declare accept: string;

  /** The largest file accepted, in bytes. Default: 20 MB, Amazon Connect's chat limit. */
  declare maxFileSize: number;

  /** How many files the list may hold at once (finished ones included). No limit when unset. */
  declare maxFiles: number | undefined;

  /** Accept several files at once from the picker, a drop, a paste or `upload()`. */
  declare multiple: boolean;

  /** How many files upload at the same time. Default: 3. */
  declare concurrency: number;

  /** Ignore new files and disable the controls. Running uploads go on. */
  declare disabled: boolean;

  /** Queue files without starting them; `upload()` with no argument starts the queue. */
  declare manual: boolean;

  /** The form field name: a form submits one entry per completed AttachmentId under it. */
  declare name: string | undefined;

  /** The form is invalid until at least one file is attached. */
  declare required: boolean;

  /**
   * Where pasted files are taken from besides the element itself: an element (the chat composer)
   * or a CSS selector for one. Never the whole document unless the page asks for it.
   */
  declare pasteTarget: Element | string | undefined;

  /** Retry rules for each step (attempts in all, backoff base and cap in ms). */
  declare retryPolicy: RetryPolicy;

  /** An ACPS call that has not answered after this many ms fails with `timeout` (and is retried). */
  declare requestTimeoutMs: number;

  /** An S3 upload with no progress for this many ms is aborted as `timeout` (and retried). */
  declare stallTimeoutMs: number;

  /** The words the element shows and announces; override any of them. */
  declare strings: UploadStrings;

  constructor() {
    super();
    this.accept = DEFAULT_ACCEPT;
    this.maxFileSize = DEFAULT_MAX_FILE_SIZE;
    this.multiple = false;
    this.concurrency = 3;
    this.disabled = false;
    this.manual = false;
    this.required = false;
    this.retryPolicy = DEFAULT_RETRY_POLICY;
    this.requestTimeoutMs = 30_000;
    this.stallTimeoutMs = 30_000;
    this.strings = DEFAULT_STRINGS;
  }

  // Internal state lives in #private fields; every change calls requestUpdate() itself.
  #records: UploadRecord[] = [];
  #dragging = false;
  #said: Record<Urgency, string> = { polite: '', assertive: '' };
  /** Why the last files given were not added, shown under the drop zone until the next files come. */
  #rejectionNotice = '';
  #formDisabled = false;
  #formKey = '';
  /** The last batch progress step said; back to 0 when nothing runs. */
  #batchStep = 0;

  readonly #internals = this.attachInternals();
  readonly #queue = new TaskQueue(3);
  readonly #previews = new Previews();
  readonly #announcer = new Announcer(
    (text, urgency) => this.#say(text, urgency),
    () => this.strings,
  );
  #client: AcpsClient | undefined;
  readonly #tokens = new TokenSource({
    token: () => this.token,
    participantToken: () => this.participantToken,
    provider: () => this.tokenProvider,
    connect: (participantToken) => this.#acps().createParticipantConnection(participantToken),
  });
  #nextId = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #pasteSource: EventTarget | undefined;
  /** The item that held focus before a render, so focus can stay near it when its button goes. */
  #focusedItem: string | undefined;

  readonly #onOnline = () => (this.#queue.paused = false);
  readonly #onOffline = () => {
    this.#queue.paused = true;
    this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    this.addEventListener('paste', this.#onPaste);
    this.#queue.paused = !navigator.onLine;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    this.removeEventListener('paste', this.#onPaste);
    this.#listenForPaste(undefined);
    this.#announcer.cancel();
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.#previews.retain(new Set());
  }

  /** A snapshot of every file in the list. */
  get uploads(): readonly UploadInfo[] {
    return this.#records.map(({ controller: _controller, stage: _stage, movedAt, announcedStep: _step, ...info }) => ({
      ...info,
      stalled: this.#isStalled(movedAt, info.state),
    }));
  }

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  /**
   * Adds files: each is validated (`attachment-reject` or `attachment-select`) and, unless `manual`
   * is set, starts when a slot is free. With no argument, starts the files `manual` kept queued.
   */
  upload(files?: Iterable<File> | ArrayLike<File> | null): void {
    if (files == null) {
      for (const record of this.#records) if (record.state === 'queued' && !record.controller) this.#enqueue(record);
      this.requestUpdate();
      return;
    }
    const list = Array.from(files as ArrayLike<File>);
    const inList = this.#records.filter((record) => record.state !== 'failed' && record.state !== 'cancelled').length;
    const maxFiles = this.multiple ? this.maxFiles : Math.min(this.maxFiles ?? Infinity, inList + 1);
    const { accepted, rejected } = selectFiles(
      list,
      { accept: this.accept, maxFileSize: this.maxFileSize, maxFiles: maxFiles === Infinity ? undefined : maxFiles },
      inList,
    );
    const rejections = new Map(rejected.map((entry) => [entry.file, entry]));
    const acceptance = new Map(accepted.map((entry) => [entry.file, entry]));
    const [firstRejected] = rejected;
    this.#rejectionNotice = !firstRejected
      ? ''
      : rejected.length === 1
        ? this.strings.announceRejected(firstRejected.file.name, this.strings.rejections[firstRejected.reason])
        : this.strings.announceManyRejected(rejected.length);
    this.requestUpdate();
    const added: UploadRecord[] = [];
    // Events go out in the order the files came in.
    for (const file of list) {
      const uploadId = this.#newUploadId();
      const rejection = rejections.get(file);
      if (rejection) {
        this.dispatchEvent(new AttachmentRejectEvent({ uploadId, file, reason: rejection.reason, message: rejection.message }));
        this.#announcer.add('rejected', file.name, this.strings.rejections[rejection.reason]);
        continue;
      }
      const entry = acceptance.get(file);
      if (!entry || !this.dispatchEvent(new AttachmentSelectEvent({ uploadId, file }))) continue;
      added.push({
        uploadId,
        file,
        contentType: entry.contentType,
        state: 'queued',
        stage: 'start',
        loaded: 0,
        total: file.size,
        attachmentId: undefined,
        error: undefined,
        scanStatus: undefined,
        controller: undefined,
        movedAt: 0,
        announcedStep: 0,
      });
    }
    if (added.length === 0) return;
    this.#records = [...this.#records, ...added];
    this.requestUpdate();
    if (!this.manual) for (const record of added) this.#enqueue(record);
  }

  /** Cancels one file, or every file still running when no id is given. Nothing is completed after a cancel. */
  cancel(uploadId?: string): void {
    for (const record of this.#records) {
      if ((uploadId === undefined || record.uploadId === uploadId) && ACTIVE.has(record.state)) {
        record.controller?.abort();
        record.state = 'cancelled';
        this.dispatchEvent(new AttachmentAbortEvent({ ...this.#base(record), stage: record.stage, ...this.#idOf(record) }));
      }
    }
    this.requestUpdate();
  }

  /** Starts a failed or cancelled file again from StartAttachmentUpload. */
  retry(uploadId: string): void {
    const record = this.#records.find((candidate) => candidate.uploadId === uploadId);
    if (!record || (record.state !== 'failed' && record.state !== 'cancelled')) return;
    Object.assign(record, { state: 'queued', stage: 'start', loaded: 0, attachmentId: undefined, error: undefined });
    this.#enqueue(record);
    this.requestUpdate();
  }

  /** Takes a finished (sent, failed or cancelled) file off the list. */
  dismiss(uploadId: string): void {
    const record = this.#records.find((candidate) => candidate.uploadId === uploadId);
    if (!record || ACTIVE.has(record.state)) return;
    this.#records = this.#records.filter((candidate) => candidate !== record);
    this.requestUpdate();
  }

  /** Cancels whatever still runs, then empties the list. */
  clear(): void {
    this.cancel();
    this.#records = [];
    this.#rejectionNotice = '';
    this.requestUpdate();
  }

  /**
   * Passes on Connect's scan verdict for an attachment (the `Status` of its chat message), so the
   * list can say "being scanned" or "rejected". A rejected attachment leaves the form value.
   */
  setAttachmentStatus(attachmentId: string, status: AttachmentScanStatus): void {
    const record = this.#records.find((candidate) => candidate.attachmentId === attachmentId);
    if (!record || record.scanStatus === status) return;
    record.scanStatus = status;
    if (status === 'REJECTED') this.#announcer.add('scanRejected', record.file.name);
    this.requestUpdate();
  }

  /** Opens the browser's file picker. */
  openPicker(): void {
    if (this.#isDisabled()) return;
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  /** @internal Called by the browser when the form is reset: the list is emptied. */
  formResetCallback(): void {
    this.clear();
  }

  /** @internal Called by the browser when an enclosing fieldset or form is disabled. */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }

  /**
   * At most one render per animation frame, however many uploads reported meanwhile (a hidden tab
   * gets no frames, hence the timeout): with many files, renders are what costs. Nothing that
   * requests go by waits for a render (client, token, concurrency are read at the moment of use).
   * The first update is not delayed: it also restores properties a framework set before the upgrade.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('concurrency')) this.#queue.concurrency = this.concurrency;
    if (changed.has('pasteTarget')) this.#listenForPaste(this.#resolvePasteTarget());
    const active = this.shadowRoot?.activeElement?.closest<HTMLElement>('li[data-id]');
    this.#focusedItem = active?.dataset['id'];
  }

  protected override updated(): void {
    this.#keepFocus();
    this.#updateFormState();
    this.#updateCustomStates();
    this.#previews.retain(new Set(this.#records.map((record) => record.uploadId)));
    const running = this.#records.some((record) => ACTIVE.has(record.state));
    if (!running) this.#batchStep = 0;
    // A slow tick only while something runs, to notice stalls (no byte for a few seconds).
    if (running && !this.#ticker) this.#ticker = setInterval(() => this.requestUpdate(), 1000);
    if (!running && this.#ticker) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  // --- the pipeline ------------------------------------------------------------------------

  #newUploadId(): string {
    this.#nextId += 1;
    return `upload-${this.#nextId}-${crypto.randomUUID().slice(0, 8)}`;
  }

  #base(record: UploadRecord) {
    return { uploadId: record.uploadId, file: record.file };
  }

  #idOf(record: UploadRecord): { attachmentId?: string } {
    return record.attachmentId === undefined ? {} : { attachmentId: record.attachmentId };
  }

  #enqueue(record: UploadRecord): void {
    // Also here: a page may set `concurrency` and call upload() before the next render.
    this.#queue.concurrency = this.concurrency;
    const controller = new AbortController();
    record.controller = controller;
    this.#queue.add(() => this.#run(record, controller.signal));
  }

  /**
   * The client for the endpoint as it is now: a page may set `endpoint` and call upload() in the
   * same task, before any render, so this is decided at use, not in willUpdate.
   */
  #acps(): AcpsClient {
    const endpoint = resolveEndpoint(this.endpoint, this.region);
    const client = this.#client;
    if (client?.endpoint === endpoint && client.timeoutMs === this.requestTimeoutMs) return client;
    // Another service: a ConnectionToken obtained from the old one must not be sent to it.
    if (client && client.endpoint !== endpoint) this.#tokens.reset();
    this.#client = new AcpsClient(endpoint, { timeoutMs: this.requestTimeoutMs });
    return this.#client;
  }

  async #run(record: UploadRecord, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    let acps: AcpsClient;
    try {
      acps = this.#acps();
      if (!(this.token?.trim() || this.participantToken?.trim() || this.tokenProvider)) {
        throw new UploadError('config', 'No connection token is set.');
      }
    } catch (error) {
      this.#fail(record, atStage(error, 'start'));
      return;
    }
    // The token is looked up at each call, so a token the page or the source renews applies at once.
    const tokens = this.#tokens;
    const steps: UploadSteps = {
      start: (input, stepSignal) => withToken(tokens, (token) => acps.startAttachmentUpload(token, input, stepSignal)),
      put: (request) => putObject(request),
      complete: (input, stepSignal) => withToken(tokens, (token) => acps.completeAttachmentUpload(token, input, stepSignal)),
    };
    // A cancelled or superseded run must not speak any more.
    const live = () => !signal.aborted && record.controller?.signal === signal;
    const callbacks: UploadCallbacks = {
      onStage: (stage) => {
        if (!live()) return;
        record.stage = stage;
        record.state = STATE_OF_STAGE[stage];
        record.movedAt = Date.now();
        this.requestUpdate();
      },
      onStarted: ({ attachmentId, urlExpiry }) => {
        if (!live()) return;
        if (record.attachmentId === undefined) this.#announcer.add('started', record.file.name);
        record.attachmentId = attachmentId;
        this.dispatchEvent(new AttachmentStartedEvent({ ...this.#base(record), attachmentId, urlExpiry: urlExpiry.toISOString() }));
      },
      onProgress: (loaded, total) => {
        if (!live() || record.attachmentId === undefined) return;
        record.loaded = loaded;
        record.total = total;
        record.movedAt = Date.now();
        this.#announceProgress(record);
        this.requestUpdate();
        this.dispatchEvent(new AttachmentProgressEvent({ ...this.#base(record), attachmentId: record.attachmentId, loaded, total }));
      },
      onUploaded: (attachmentId) => {
        if (!live()) return;
        record.loaded = record.total;
        this.dispatchEvent(new AttachmentUploadedEvent({ ...this.#base(record), attachmentId }));
      },
      onRetry: (notice) => {
        if (!live()) return;
        this.dispatchEvent(new AttachmentRetryEvent({ ...this.#base(record), ...notice }));
      },
    };
    try {
      const { attachmentId } = await uploadFile({ file: record.file, contentType: record.contentType }, steps, signal, callbacks, {
        retry: this.retryPolicy,
        connectivity: browserConnectivity,
        stallTimeoutMs: this.stallTimeoutMs,
      });
      if (!live()) return;
      Object.assign(record, { state: 'done', attachmentId, loaded: record.total });
      this.requestUpdate();
      this.dispatchEvent(new AttachmentCompletedEvent({ ...this.#base(record), attachmentId }));
      this.#announcer.add('completed', record.file.name);
    } catch (error) {
      if (isAbortError(error) || !live()) return;
      this.#fail(record, error instanceof UploadError ? error : atStage(error, record.stage));
    }
  }

  #fail(record: UploadRecord, error: UploadError): void {
    const stage = error.stage ?? record.stage;
    const failure: UploadFailure = {
      code: error.code,
      message: error.message,
      stage,
      retryable: error.retryable,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
    Object.assign(record, { state: 'failed', error: failure, stage });
    if (error.attachmentId !== undefined) record.attachmentId = error.attachmentId;
    this.requestUpdate();
    this.dispatchEvent(new AttachmentErrorEvent({ ...this.#base(record), ...failure, ...this.#idOf(record) }));
    this.#announcer.add('failed', record.file.name, this.strings.errors[error.code]);
  }

  // --- what is said and shown --------------------------------------------------------------

  #locale(): string | undefined {
    return this.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang || undefined;
  }

  #say(text: string, urgency: Urgency): void {
    // The same words twice in a row would not be read again; a trailing no-break space makes them new.
    this.#said = { ...this.#said, [urgency]: text === this.#said[urgency].trimEnd() ? `${text}\u00a0` : text };
    this.requestUpdate();
  }

  /** Coarse steps (25, 50, 75 %) for the only file running; a batch speaks for many files. */
  /**
   * Progress in coarse steps (25, 50, 75 %): of the file when it is the only one running, of the
   * whole batch when several are. At 100 % the completion is what a user needs to hear instead.
   */
  #announceProgress(record: UploadRecord): void {
    const stepOf = (fraction: number) => PROGRESS_STEPS.filter((threshold) => fraction >= threshold).length;
    const say = (step: number, words: (percent: string) => string) =>
      this.#announcer.now(words(formatPercent(PROGRESS_STEPS[step - 1] ?? 0, this.#locale())));
    const fraction = record.total > 0 ? record.loaded / record.total : 0;
    const step = stepOf(fraction);
    if (step <= record.announcedStep) return;
    record.announcedStep = step;
    const batch = this.#batchProgress();
    if (!batch) {
      if (fraction < 1) say(step, (percent) => this.strings.announceProgress(record.file.name, percent));
      return;
    }
    const batchStep = stepOf(batch.fraction);
    if (batchStep <= this.#batchStep) return;
    this.#batchStep = batchStep;
    say(batchStep, (percent) => this.strings.announceBatchProgress(percent));
  }

  #isStalled(movedAt: number, state: UploadState): boolean {
    return (state === 'uploading' || state === 'starting') && (!navigator.onLine || Date.now() - movedAt > STALL_NOTICE_MS);
  }

  #statusOf(record: UploadRecord): ItemStatus {
    if (record.state === 'done') {
      if (record.scanStatus === 'REJECTED') return 'scanRejected';
      if (record.scanStatus === 'IN_PROGRESS') return 'scanning';
      return 'done';
    }
    if (this.#isStalled(record.movedAt, record.state)) return 'stalled';
    return record.state;
  }

  /** The percentage stays below 100 until Complete succeeded: the bytes are in S3, not yet in the chat. */
  #percentOf(record: UploadRecord): number {
    if (record.state === 'done') return 100;
    return Math.min(99, Math.floor((100 * record.loaded) / Math.max(1, record.total)));
  }

  #view(record: UploadRecord, locale: string | undefined): ItemView {
    const status = this.#statusOf(record);
    const showProgress = record.state === 'uploading' || record.state === 'finalizing';
    const percent = this.#percentOf(record);
    return {
      uploadId: record.uploadId,
      name: record.file.name,
      status,
      size: formatBytes(record.file.size, locale),
      progress: showProgress
        ? {
            percent,
            text: this.strings.progressText(
              formatPercent(percent / 100, locale),
              formatBytes(record.loaded, locale),
              formatBytes(record.total, locale),
            ),
          }
        : undefined,
      error: record.error ? this.strings.errors[record.error.code] : undefined,
      preview: this.#previews.get(record.uploadId, record.file, record.contentType),
      canCancel: ACTIVE.has(record.state),
      canRetry: record.state === 'cancelled' || (record.state === 'failed' && record.error?.retryable === true),
      canRemove: !ACTIVE.has(record.state),
    };
  }

  /** "2 of 5 files sent · 40 %" over the files not cancelled, while any still runs. */
  /** The files not cancelled, while any still runs and there are several: how far they are together. */
  #batchProgress(): { done: number; files: number; fraction: number } | undefined {
    const batch = this.#records.filter((record) => record.state !== 'cancelled');
    if (batch.length < 2 || !batch.some((record) => ACTIVE.has(record.state))) return undefined;
    const done = batch.filter((record) => record.state === 'done').length;
    const total = batch.reduce((sum, record) => sum + record.total, 0);
    const loaded = batch.reduce((sum, record) => sum + (record.state === 'done' ? record.total : record.loaded), 0);
    return { done, files: batch.length, fraction: Math.min(0.99, loaded / Math.max(1, total)) };
  }

  /** "2 of 5 files sent · 40 %" */
  #batchLine(): string | undefined {
    const batch = this.#batchProgress();
    return batch && this.strings.batch(batch.done, batch.files, formatPercent(batch.fraction, this.#locale()));
  }

  #isDisabled(): boolean {
    return this.disabled || this.#formDisabled;
  }

  #updateFormState(): void {
    const ids = this.#records
      .filter((record) => record.state === 'done' && record.scanStatus !== 'REJECTED' && record.attachmentId)
      .map((record) => record.attachmentId as string);
    const running = this.#records.some((record) => ACTIVE.has(record.state));
    // Progress ticks change none of this: skip the FormData and validity work unless something did.
    const key = `${this.name}|${this.required}|${running}|${this.strings.states.uploading}|${ids.join(',')}`;
    if (key === this.#formKey) return;
    this.#formKey = key;
    const name = this.name?.trim();
    if (name) {
      const data = new FormData();
      for (const id of ids) data.append(name, id);
      this.#internals.setFormValue(data);
    } else {
      this.#internals.setFormValue(null);
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('[part=dropzone]') ?? undefined;
    if (running) {
      this.#internals.setValidity({ customError: true }, this.strings.states.uploading, anchor);
    } else if (this.required && ids.length === 0) {
      this.#internals.setValidity({ valueMissing: true }, this.strings.prompt, anchor);
    } else {
      this.#internals.setValidity({});
    }
  }

  #updateCustomStates(): void {
    const states = this.#internals.states as Set<string> | undefined;
    if (!states) return;
    const wanted = {
      idle: !this.#records.some((record) => ACTIVE.has(record.state)),
      dragging: this.#dragging,
      uploading: this.#records.some((record) => ACTIVE.has(record.state)),
      error: this.#records.some((record) => record.state === 'failed'),
    };
    for (const [state, on] of Object.entries(wanted)) {
      try {
        if (on) states.add(state);
        else states.delete(state);
      } catch {
        // Browsers that only know the older `--state` syntax: the parts and attributes still work.
      }
    }
  }

  /** When the focused button of an item disappears, focus its next button, the item, or the drop zone. */
  #keepFocus(): void {
    const id = this.#focusedItem;
    this.#focusedItem = undefined;
    if (!id || this.shadowRoot?.activeElement) return;
    const items = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('li[data-id]'));
    const item = items.find((candidate) => candidate.dataset['id'] === id);
    const target =
      item?.querySelector<HTMLElement>('.actions button') ??
      item ??
      items[0]?.querySelector<HTMLElement>('.actions button') ??
      this.renderRoot.querySelector<HTMLElement>('[part=dropzone]');
    target?.focus();
  }

  // --- ways in -------------------------------------------------------------------------------

  #resolvePasteTarget(): EventTarget | undefined {
    const target = this.pasteTarget;
    if (typeof target === 'string') return target.trim() ? (document.querySelector(target) ?? undefined) : undefined;
    return target ?? undefined;
  }

  #listenForPaste(target: EventTarget | undefined): void {
    this.#pasteSource?.removeEventListener('paste', this.#onPaste);
    this.#pasteSource = target === this ? undefined : target;
    this.#pasteSource?.addEventListener('paste', this.#onPaste);
  }

  /** Files on the clipboard (a screenshot, copied files) are attached; plain text is left alone. */
  #onPaste = (event: Event): void => {
    const files = (event as ClipboardEvent).clipboardData?.files;
    // Already taken: a paste inside the element bubbles on to a paste-target that contains it.
    if (event.defaultPrevented || this.#isDisabled() || !files || files.length === 0) return;
    event.preventDefault();
    this.upload(files);
  };

  #onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = input.files ? Array.from(input.files) : [];
    // Cleared so that picking the same file again fires `change` again.
    input.value = '';
    if (files.length > 0) this.upload(files);
  };

  #setDragging(dragging: boolean): void {
    if (this.#dragging === dragging) return;
    this.#dragging = dragging;
    this.requestUpdate();
  }

  #onDragOver = (event: DragEvent): void => {
    if (this.#isDisabled() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.#setDragging(true);
  };

  #onDragLeave = (event: DragEvent): void => {
    const zone = event.currentTarget as HTMLElement;
    if (!(event.relatedTarget instanceof Node) || !zone.contains(event.relatedTarget)) this.#setDragging(false);
  };

  #onDrop = (event: DragEvent): void => {
    this.#setDragging(false);
    if (this.#isDisabled()) return;
    event.preventDefault();
    const files = event.dataTransfer?.files;
    if (files && files.length > 0) this.upload(files);
  };

  // --- rendering -----------------------------------------------------------------------------

  protected override render() {
    const s = this.strings;
    const locale = this.#locale();
    const disabled = this.#isDisabled();
    const waiting = this.manual && this.#records.some((record) => record.state === 'queued' && !record.controller);
    const batch = this.#batchLine();
    const actions = { cancel: (id: string) => this.cancel(id), retry: (id: string) => this.retry(id), remove: (id: string) => this.dismiss(id) };
    return html`
      <button
        part="dropzone"
        class="dropzone ${this.#dragging ? 'dragging' : ''}"
        type="button"
        ?disabled=${disabled}
        @click=${() => this.openPicker()}
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        <slot name="prompt"><span>${this.#dragging ? s.dropHere : s.prompt}</span></slot>
        <slot name="button"><span part="button" class="choose">${s.choose}</span></slot>
      </button>
      <input
        type="file"
        hidden
        tabindex="-1"
        aria-hidden="true"
        accept=${this.accept}
        ?multiple=${this.multiple}
        @change=${this.#onPicked}
      />
      ${waiting ? html`<button part="start" class="start" type="button" @click=${() => this.upload()}>${s.start}</button>` : nothing}
      ${this.#rejectionNotice ? html`<p part="rejection" class="rejection">${this.#rejectionNotice}</p>` : nothing}
      ${batch ? html`<p part="summary" class="summary">${batch}</p>` : nothing}
      ${this.#records.length > 0
        ? html`<ul part="list" aria-label=${s.listLabel}>
            ${repeat(
              this.#records,
              (record) => record.uploadId,
              // An item renders again only when what it shows changed, not on every tick of another file.
              (record) =>
                guard(
                  [record.state, record.loaded, record.total, record.error, record.scanStatus, this.#isStalled(record.movedAt, record.state), s, locale],
                  () => renderItem(this.#view(record, locale), s, actions),
                ),
            )}
          </ul>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.#said.polite}</div>
      <div class="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">${this.#said.assertive}</div>
    `;
  }
}
