/**
 * `<connect-attachment-upload>`: the Lit element. It owns the list of files, turns pipeline
 * callbacks into DOM events and renders state; it never builds an HTTP request itself.
 */
import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { AcpsClient } from '../api/acps.js';
import { resolveEndpoint } from '../api/endpoint.js';
import { type ErrorCode, type Stage, UploadError, atStage, isAbortError } from '../api/errors.js';
import { putObject } from '../api/s3.js';
import { DEFAULT_ACCEPT } from '../pipeline/file-types.js';
import { type Connectivity, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../pipeline/retry.js';
import { TaskQueue } from '../pipeline/task-queue.js';
import { TokenSource, type TokenProvider, withToken } from '../pipeline/token-source.js';
import { type UploadCallbacks, type UploadSteps, uploadFile } from '../pipeline/upload-file.js';
import { DEFAULT_MAX_FILE_SIZE, type RejectedFile, selectFiles } from '../pipeline/validate.js';
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
import { styles } from './connect-attachment-upload.styles.js';
import { DEFAULT_STRINGS, type UploadStrings } from './strings.js';

export type UploadState = 'queued' | 'starting' | 'uploading' | 'finalizing' | 'done' | 'failed' | 'cancelled';

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
}

type UploadRecord = {
  -readonly [K in keyof UploadInfo]: UploadInfo[K];
} & { stage: Stage; controller: AbortController | undefined };

const ACTIVE: ReadonlySet<UploadState> = new Set(['queued', 'starting', 'uploading', 'finalizing']);
const STATE_OF_STAGE: Record<Stage, UploadState> = { start: 'starting', upload: 'uploading', complete: 'finalizing' };

/**
 * Attaches files to an Amazon Connect chat: StartAttachmentUpload, the S3 PUT with progress, then
 * CompleteAttachmentUpload, for each file, with a DOM event at every stage.
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
 * @slot prompt - The text beside the button in the drop zone.
 * @slot button - Replaces the "Choose files" button; clicking the slotted element opens the file picker.
 *
 * @csspart dropzone - The area files can be dropped on.
 * @csspart button - The "Choose files" button.
 * @csspart list - The list of files.
 * @csspart item - One file in the list.
 * @csspart progress - A file's progress bar.
 * @csspart error - A file's error text.
 *
 * @cssprop [--connect-attachment-upload-accent=#0b66c3] - Buttons, focus ring, progress and the active drop zone.
 * @cssprop [--connect-attachment-upload-border=#8a94a3] - Borders of the drop zone and the items.
 * @cssprop [--connect-attachment-upload-background=transparent] - The drop zone's background.
 * @cssprop [--connect-attachment-upload-text=inherit] - Text colour.
 * @cssprop [--connect-attachment-upload-muted=#5a6270] - Secondary text (sizes, states).
 * @cssprop [--connect-attachment-upload-error=#b3261e] - Error text.
 * @cssprop [--connect-attachment-upload-success=#1e7a34] - The "Sent" state.
 * @cssprop [--connect-attachment-upload-radius=8px] - Corner radius.
 * @cssprop [--connect-attachment-upload-gap=0.5rem] - Spacing.
 */
export class ConnectAttachmentUpload extends LitElement {
  static override styles = styles;

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

  /** Accept several files at once from the picker, a drop or `upload()`. */
  declare multiple: boolean;

  /** How many files upload at the same time. Default: 3. */
  declare concurrency: number;

  /** Ignore new files and disable the controls. Running uploads go on. */
  declare disabled: boolean;

  /** Queue files without starting them; `upload()` with no argument starts the queue. */
  declare manual: boolean;

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
    this.retryPolicy = DEFAULT_RETRY_POLICY;
    this.requestTimeoutMs = 30_000;
    this.stallTimeoutMs = 30_000;
    this.strings = DEFAULT_STRINGS;
  }

  // Internal state lives in #private fields (which decorators cannot make reactive); every change
  // goes through #touch(), #setDragging() or #announce(), which request the render.
  #records: readonly UploadRecord[] = [];
  #dragging = false;
  #announcement = '';

  readonly #queue = new TaskQueue(3);
  #client: AcpsClient | undefined;
  readonly #tokens = new TokenSource({
    token: () => this.token,
    participantToken: () => this.participantToken,
    provider: () => this.tokenProvider,
    connect: (participantToken) => this.#acps().createParticipantConnection(participantToken),
  });
  #nextId = 0;

  // The queue waits while the browser is offline; uploads caught by it wait in their retry step.
  readonly #connectivity: Connectivity = {
    online: () => navigator.onLine,
    waitForOnline: (signal) =>
      new Promise((resolve, reject) => {
        if (navigator.onLine) return resolve();
        const done = () => {
          window.removeEventListener('online', done);
          signal?.removeEventListener('abort', done);
          if (signal?.aborted) reject(new DOMException('The upload was cancelled.', 'AbortError'));
          else resolve();
        };
        window.addEventListener('online', done);
        signal?.addEventListener('abort', done);
      }),
  };
  readonly #onOnline = () => (this.#queue.paused = false);
  readonly #onOffline = () => (this.#queue.paused = true);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    this.#queue.paused = !navigator.onLine;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
  }

  /** A snapshot of every file in the list. */
  get uploads(): readonly UploadInfo[] {
    return this.#records.map(({ controller: _controller, stage: _stage, ...info }) => ({ ...info }));
  }

  /**
   * Adds files: each is validated (`attachment-reject` or `attachment-select`) and, unless `manual`
   * is set, starts when a slot is free. With no argument, starts the files `manual` kept queued.
   */
  upload(files?: Iterable<File> | ArrayLike<File> | null): void {
    if (files == null) {
      for (const record of this.#records) if (record.state === 'queued' && !record.controller) this.#enqueue(record);
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
    const added: UploadRecord[] = [];
    let lastRejection: RejectedFile | undefined;
    // Events go out in the order the files came in.
    for (const file of list) {
      const uploadId = this.#newUploadId();
      const rejection = rejections.get(file);
      if (rejection) {
        lastRejection = rejection;
        this.dispatchEvent(new AttachmentRejectEvent({ uploadId, file, reason: rejection.reason, message: rejection.message }));
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
        controller: undefined,
      });
    }
    // One announcement for the batch: a screen reader should not read out thousands of rejections.
    if (lastRejection) {
      const { file, reason } = lastRejection;
      this.#announce(
        rejected.length === 1
          ? this.strings.announceRejected(file.name, this.strings.rejections[reason])
          : this.strings.announceManyRejected(rejected.length),
      );
    }
    if (added.length === 0) return;
    this.#records = [...this.#records, ...added];
    this.#touch();
    if (!this.manual) for (const record of added) this.#enqueue(record);
  }

  /** Cancels one file, or every file still running when no id is given. Nothing is completed after a cancel. */
  cancel(uploadId?: string): void {
    for (const record of this.#records) {
      if ((uploadId === undefined || record.uploadId === uploadId) && ACTIVE.has(record.state)) {
        record.controller?.abort();
        record.state = 'cancelled';
        this.dispatchEvent(
          new AttachmentAbortEvent({ ...this.#base(record), stage: record.stage, ...this.#idOf(record) }),
        );
      }
    }
    this.#touch();
  }

  /** Starts a failed or cancelled file again from StartAttachmentUpload. */
  retry(uploadId: string): void {
    const record = this.#records.find((candidate) => candidate.uploadId === uploadId);
    if (!record || (record.state !== 'failed' && record.state !== 'cancelled')) return;
    Object.assign(record, { state: 'queued', stage: 'start', loaded: 0, attachmentId: undefined, error: undefined });
    this.#enqueue(record);
    this.#touch();
  }

  /** Cancels whatever still runs, then empties the list. */
  clear(): void {
    this.cancel();
    this.#records = [];
    this.#touch();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('concurrency')) this.#queue.concurrency = this.concurrency;
    if (changed.has('endpoint') || changed.has('region') || changed.has('requestTimeoutMs')) this.#client = undefined;
    // Another chat: what was obtained for the old one must not be used for it.
    if (changed.has('endpoint') || changed.has('region') || changed.has('participantToken') || changed.has('tokenProvider')) {
      this.#tokens.reset();
    }
  }

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

  /** Re-renders after a record changed in place. */
  #touch(): void {
    this.requestUpdate();
  }

  #setDragging(dragging: boolean): void {
    if (this.#dragging === dragging) return;
    this.#dragging = dragging;
    this.requestUpdate();
  }

  #announce(text: string): void {
    this.#announcement = text;
    this.requestUpdate();
  }

  #enqueue(record: UploadRecord): void {
    const controller = new AbortController();
    record.controller = controller;
    this.#queue.add(() => this.#run(record, controller.signal));
  }

  #acps(): AcpsClient {
    this.#client ??= new AcpsClient(resolveEndpoint(this.endpoint, this.region), { timeoutMs: this.requestTimeoutMs });
    return this.#client;
  }

  #hasTokenSource(): boolean {
    return Boolean(this.token?.trim() || this.participantToken?.trim() || this.tokenProvider);
  }

  async #run(record: UploadRecord, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    let acps: AcpsClient;
    try {
      acps = this.#acps();
      if (!this.#hasTokenSource()) throw new UploadError('config', 'No connection token is set.');
    } catch (error) {
      this.#fail(record, atStage(error, 'start'));
      return;
    }
    // The token is looked up at each call, so a token the page or the source renews applies at once.
    const tokens = this.#tokens;
    const steps: UploadSteps = {
      start: (input, stepSignal) => withToken(tokens, (token) => acps.startAttachmentUpload(token, input, stepSignal)),
      put: (request) => putObject(request),
      complete: (input, stepSignal) =>
        withToken(tokens, (token) => acps.completeAttachmentUpload(token, input, stepSignal)),
    };
    // A cancelled or superseded run must not speak any more.
    const live = () => !signal.aborted && record.controller?.signal === signal;
    const callbacks: UploadCallbacks = {
      onStage: (stage) => {
        if (!live()) return;
        record.stage = stage;
        record.state = STATE_OF_STAGE[stage];
        this.#touch();
      },
      onStarted: ({ attachmentId, urlExpiry }) => {
        if (!live()) return;
        record.attachmentId = attachmentId;
        this.dispatchEvent(
          new AttachmentStartedEvent({ ...this.#base(record), attachmentId, urlExpiry: urlExpiry.toISOString() }),
        );
      },
      onProgress: (loaded, total) => {
        if (!live() || record.attachmentId === undefined) return;
        record.loaded = loaded;
        record.total = total;
        this.#touch();
        this.dispatchEvent(
          new AttachmentProgressEvent({ ...this.#base(record), attachmentId: record.attachmentId, loaded, total }),
        );
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
      const { attachmentId } = await uploadFile(
        { file: record.file, contentType: record.contentType },
        steps,
        signal,
        callbacks,
        { retry: this.retryPolicy, connectivity: this.#connectivity, stallTimeoutMs: this.stallTimeoutMs },
      );
      if (!live()) return;
      Object.assign(record, { state: 'done', attachmentId, loaded: record.total });
      this.#touch();
      this.dispatchEvent(new AttachmentCompletedEvent({ ...this.#base(record), attachmentId }));
      this.#announce(this.strings.announceCompleted(record.file.name));
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
    this.#touch();
    this.dispatchEvent(new AttachmentErrorEvent({ ...this.#base(record), ...failure, ...this.#idOf(record) }));
    this.#announce(this.strings.announceFailed(record.file.name, this.strings.errors[error.code]));
  }

  // --- ways in -------------------------------------------------------------------------------

  #openPicker = (): void => {
    if (this.disabled) return;
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  };

  #onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = input.files ? Array.from(input.files) : [];
    // Cleared so that picking the same file again fires `change` again.
    input.value = '';
    if (files.length > 0) this.upload(files);
  };

  #onDragOver = (event: DragEvent): void => {
    if (this.disabled || !event.dataTransfer?.types.includes('Files')) return;
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
    if (this.disabled) return;
    event.preventDefault();
    const files = event.dataTransfer?.files;
    if (files && files.length > 0) this.upload(files);
  };

  // --- rendering -----------------------------------------------------------------------------

  #formatBytes(bytes: number): string {
    const locale = this.lang || document.documentElement.lang || undefined;
    const [unit, value] =
      bytes >= 1024 * 1024 ? ['megabyte', bytes / (1024 * 1024)] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
    return new Intl.NumberFormat(locale, { style: 'unit', unit: unit as string, maximumFractionDigits: 1 }).format(value as number);
  }

  #renderItem(record: UploadRecord) {
    const s = this.strings;
    const name = record.file.name;
    const active = ACTIVE.has(record.state);
    const canRetry = record.state === 'cancelled' || (record.state === 'failed' && record.error?.retryable === true);
    const showProgress = record.state === 'uploading' || record.state === 'finalizing';
    return html`<li part="item" data-state=${record.state}>
      <span class="name">${name}</span>
      <span class="meta"
        >${this.#formatBytes(record.file.size)} · <span class="state">${s.states[record.state]}</span></span
      >
      ${showProgress
        ? html`<progress part="progress" aria-label=${s.progressLabel(name)} max=${record.total} .value=${record.loaded}></progress>`
        : nothing}
      ${record.error ? html`<span part="error" class="error">${s.errors[record.error.code]}</span>` : nothing}
      <span class="actions">
        ${active
          ? html`<button class="secondary" type="button" aria-label=${s.cancel(name)} @click=${() => this.cancel(record.uploadId)}>
              ✕
            </button>`
          : nothing}
        ${canRetry
          ? html`<button class="secondary" type="button" aria-label=${s.retry(name)} @click=${() => this.retry(record.uploadId)}>
              ↻
            </button>`
          : nothing}
      </span>
    </li>`;
  }

  protected override render() {
    const s = this.strings;
    const waiting = this.manual && this.#records.some((record) => record.state === 'queued' && !record.controller);
    return html`
      <div
        part="dropzone"
        class="dropzone ${this.#dragging ? 'dragging' : ''}"
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        <slot name="prompt"><span>${this.#dragging ? s.dropHere : s.prompt}</span></slot>
        <slot name="button" @click=${this.#openPicker}>
          <button part="button" type="button" ?disabled=${this.disabled}>${s.choose}</button>
        </slot>
        ${waiting ? html`<button type="button" @click=${() => this.upload()}>${s.start}</button>` : nothing}
        <input
          type="file"
          hidden
          tabindex="-1"
          aria-hidden="true"
          accept=${this.accept}
          ?multiple=${this.multiple}
          @change=${this.#onPicked}
        />
      </div>
      ${this.#records.length > 0
        ? html`<ul part="list" aria-label=${s.listLabel}>
            ${repeat(this.#records, (record) => record.uploadId, (record) => this.#renderItem(record))}
          </ul>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>
    `;
  }
}
