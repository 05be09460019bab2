/**
 * `<connect-attachment-upload>`: the Lit element, a view over one headless `AttachmentUploader`
 * (UploaderController): its public contract and its render. Files come in through FileIntake, the
 * list is drawn by ItemList, the live regions speak through AnnouncerController, and FormFace is
 * its face to a form. It never builds an HTTP request and never imports the wire layer.
 */
import { LitElement, type PropertyValues, html, nothing } from 'lit';
// First: the core (the uploader, the wire, zod) then comes before the view's modules in the CDN
// file, an order that gzip packs about 700 B smaller than the view first (measured).
import { UploaderController, nextFrame } from './uploader-controller.js';
import type { ChatSessionLike } from '../pipeline/chat-session.js';
import type { AttachmentEventMap } from '../pipeline/events.js';
import { CHAT_FILE_TYPES } from '../pipeline/file-types.js';
import { formatBytes } from '../pipeline/format-bytes.js';
import { type AttachmentRules, type FeaturePermissions, attachmentsAllowed } from '../pipeline/instance-rules.js';
import type { RetryPolicy } from '../pipeline/retry.js';
import { DEFAULT_SETTINGS } from '../pipeline/settings.js';
import type { TokenProvider } from '../pipeline/token-source.js';
import type { AttachmentScanStatus, UploadInfo } from '../pipeline/upload-list.js';
import { FormFace } from './form-face.js';
import { AnnouncerController, batchOf } from './announcer.js';
import { FileIntake } from './file-intake.js';
import { displayName, formatPercent } from './format.js';
import { LazyPart } from './lazy-part.js';
import { PAPERCLIP, icon } from './icons.js';
import { ItemList } from './item-list.js';
import { LanguageController } from './language.js';
import { VIEW_KIT } from './view-kit.js';
// Last of the view's modules: the CSS after the code packs about 45 B smaller with gzip (measured).
import { styles } from './connect-attachment-upload.styles.js';
import type { UploadStrings } from './strings.js';
import type { SendResult } from '../pipeline/uploader.js';

export type { AttachmentScanStatus, UploadFailure, UploadInfo, UploadState } from '../pipeline/upload-list.js';

/**
 * Attaches files to an Amazon Connect chat: StartAttachmentUpload, the S3 PUT with progress, then
 * CompleteAttachmentUpload, for each file, with a DOM event at every stage. Form-associated: the
 * completed AttachmentIds are its form value.
 *
 * @fires attachment-select - A file passed validation and is about to be queued. Cancelable: cancel it and nothing is sent.
 * @fires attachment-reject - A file failed validation (`reason`, `message`); nothing was sent.
 * @fires attachment-converted - An image was changed before Start: `fit-images` shrank or converted it, or its metadata was removed (`original`, `converted`: `name`, `size`, `type`; `removed?`).
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
 * @slot - `compact` only: the composer's own content (its text box), beside the paperclip, under the chips.
 *
 * @csspart dropzone - The drop zone; a button that opens the file picker (the paperclip in `compact`).
 * @csspart drop-overlay - What covers the `drop-target` while files are dragged over it.
 * @csspart icon - A file's type icon, when it has no preview.
 * @csspart button - The "Choose files" label inside the drop zone.
 * @csspart start - The "Upload" button shown in `manual` mode.
 * @csspart hint - What may be attached (`show-hint`).
 * @csspart rejections - The list of the last files given that were not added, with its "Dismiss all" button.
 * @csspart rejection - One file not added: its name and why.
 * @csspart summary - The progress line of a batch.
 * @csspart list - The list of files.
 * @csspart item - One file in the list.
 * @csspart preview - An image file's preview.
 * @csspart progress - A file's progress bar.
 * @csspart progress-text - A file's size, or while it uploads how far it is ("45 % · 1.2 MB of 2.6 MB · 10 seconds left").
 * @csspart error - A file's error text.
 * @csspart open - The button that opens a sent file (`open-sent`).
 * @csspart unavailable - Why attachments are off (the instance's `featurePermissions`).
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
 * @cssprop [--connect-attachment-upload-preview-size=2.5rem] - The size of image previews and type icons.
 * @cssprop [--connect-attachment-upload-chips-max-height=7.5rem] - `compact`: how tall the chips may grow before they scroll.
 * @cssprop [--connect-attachment-upload-overlay=rgb(11 102 195 / 0.15)] - The drop overlay's background.
 */
export class ConnectAttachmentUpload extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  // Declared with `static properties` rather than decorators: no decorator helpers in the CDN file.
  static override properties = {
    token: {},
    participantToken: { attribute: 'participant-token' },
    tokenProvider: { attribute: false },
    chatSession: { attribute: false },
    attachmentRules: { attribute: false },
    featurePermissions: { attribute: false },
    capture: {},
    openSent: { attribute: 'open-sent', type: Boolean },
    endpoint: {},
    region: {},
    accept: {},
    maxFileSize: { attribute: 'max-file-size', type: Number },
    maxFiles: { attribute: 'max-files', type: Number },
    fitImages: { attribute: 'fit-images', type: Boolean },
    maxImageDimension: { attribute: 'max-image-dimension', type: Number },
    keepMetadata: { attribute: 'keep-metadata', type: Boolean },
    multiple: { type: Boolean },
    concurrency: { type: Number },
    disabled: { type: Boolean, reflect: true },
    manual: { type: Boolean },
    completeOnSend: { attribute: 'complete-on-send', type: Boolean },
    name: {},
    required: { type: Boolean },
    pasteTarget: { attribute: 'paste-target' },
    showHint: { attribute: 'show-hint', type: Boolean },
    compact: { type: Boolean, reflect: true },
    dropTarget: { attribute: 'drop-target' },
    // The bare attribute means the default delay; a number is the delay in ms.
    dismissSent: {
      attribute: 'dismiss-sent',
      converter: (value: string | null) => (value === '' ? true : value === null ? undefined : Number(value)),
    },
    retryPolicy: { attribute: false },
    requestTimeoutMs: { attribute: false },
    stallTimeoutMs: { attribute: false },
    strings: { attribute: false },
  };

  /**
   * The ConnectionToken sent as `X-Amz-Bearer` to the ACPS endpoint, and nowhere else. Set it as a
   * property, on the client: the attribute works, but it is consumed (read into the property and
   * removed at once), and in server-rendered HTML it would already be in caches and logs.
   */
  declare token: string | undefined;

  /**
   * A ParticipantToken (from StartChatContact). With it the element calls CreateParticipantConnection
   * itself, keeps the ConnectionToken until shortly before it expires, and renews it after a 403.
   * Used when `token` is not set. Set it as a property; its attribute is consumed as `token`'s is.
   */
  declare participantToken: string | undefined;

  /**
   * Called for a ConnectionToken when neither `token` nor `participantToken` is set, and once after
   * the service refused the token (403) before the upload gives up. May return a promise.
   */
  declare tokenProvider: TokenProvider | undefined;

  /**
   * An amazon-connect-chatjs `ChatSession`. Its ConnectionToken is read at each call (a token chatjs
   * renewed applies at once) unless `token`, `participantToken` or `tokenProvider` is set, and the
   * scan verdicts in its ATTACHMENT items mark each file "being scanned", "rejected" or approved.
   * Listening stops when the chat ends or the property changes. Only public chatjs methods are used.
   */
  declare chatSession: ChatSessionLike | undefined;

  /**
   * The instance's attachment rules, `{ AllowedExtensions, MaximumSizeLimitInBytes }` (the shape of
   * its `AttachedFilesConfiguration`, from the page's backend): they narrow `accept` and
   * `maxFileSize`, never widen them.
   */
  declare attachmentRules: AttachmentRules | undefined;

  /**
   * chat-interface's `featurePermissions`: given without `ATTACHMENTS: true`, the element takes no
   * file and says why instead of offering a drop zone.
   */
  declare featurePermissions: FeaturePermissions | undefined;

  /** Passed to the file picker: `user` or `environment` asks phones for the camera. */
  declare capture: string | undefined;

  /**
   * Sent files get a button that opens (or downloads) them through a short-lived GetAttachment URL,
   * once the scan approved them when a `chatSession` reports verdicts.
   */
  declare openSent: boolean;

  /** The ACPS endpoint, e.g. `https://participant.connect.us-east-1.amazonaws.com`. https, or http on localhost. */
  declare endpoint: string | undefined;

  /** The AWS region; gives the standard endpoint when `endpoint` is not set. */
  declare region: string | undefined;

  /** Accepted extensions and MIME types, as in `<input accept>`. Default: Amazon Connect's chat types. */
  declare accept: string;

  /** The largest file accepted, in bytes. Default: 20,971,520 (20 MiB), Amazon Connect's chat limit; shown as "20.9 MB". */
  declare maxFileSize: number;

  /** How many files the list may hold at once: sent ones count, failed or cancelled ones do not. No limit when unset. */
  declare maxFiles: number | undefined;

  /**
   * Shrink or convert images before they are sent: a JPEG, PNG or WebP over `max-file-size` is
   * decoded with its EXIF orientation applied, scaled and encoded again (JPEG, or PNG when it has
   * transparency) until it fits; a HEIC/HEIF the browser can decode is sent as JPEG. Start and the
   * upload get the new bytes, size, type and extension; `uploads` and events keep the original
   * `File`. The code for it is loaded the first time an image needs it.
   */
  declare fitImages: boolean;

  /** With `fit-images`: the longest side an image may have, in pixels; larger images are scaled down even when they fit. */
  declare maxImageDimension: number | undefined;

  /**
   * Send photos with their metadata. By default a JPEG, PNG or WebP sent with its own pixels loses
   * its Exif (GPS location, camera, dates), XMP, IPTC and text before Start, its image data left
   * byte for byte; a JPEG keeps its orientation and colour profile. `attachment-converted` says
   * what was removed (`removed`), and `show-hint` tells the customer.
   */
  declare keepMetadata: boolean;

  /** Accept several files at once from the picker, a drop, a paste or `upload()`. */
  declare multiple: boolean;

  /** How many files upload at the same time. Default: 3. */
  declare concurrency: number;

  /** Ignore new files (picker, drops, pastes, `upload(files)`) and disable the controls. Running uploads go on. */
  declare disabled: boolean;

  /** Queue files without starting them; `upload()` with no argument starts the queue. */
  declare manual: boolean;

  /**
   * Files are drafts: each is started and uploaded at once, then waits `ready` ("Ready to send")
   * until `send()` completes it, the moment it enters the chat. A ready file taken back (its Remove
   * button, `cancel(uploadId)`) never reaches the chat.
   */
  declare completeOnSend: boolean;

  /** The form field name: a form submits one entry per completed AttachmentId under it. */
  declare name: string | undefined;

  /** The form is invalid until at least one file is attached. */
  declare required: boolean;

  /**
   * Where pasted files are taken from besides the element itself: an element (the chat composer)
   * or a CSS selector for one. Never the whole document unless the page asks for it.
   */
  declare pasteTarget: Element | string | undefined;

  /**
   * Shows what may be attached under the drop zone, made from `accept`, `max-file-size` and
   * `max-files` ("PDF, images, Office files, up to 20.9 MB each"); its words are `strings.hint`.
   * When images are accepted and `keep-metadata` is not set, it adds `strings.metadataRemoved`.
   */
  declare showHint: boolean;

  /**
   * Where dropped files are taken from besides the element's own drop zone: an element (the whole
   * chat panel) or a CSS selector for one. While files are dragged over it, an overlay covers it.
   */
  declare dropTarget: Element | string | undefined;

  /**
   * Sent files leave the list this many ms after they are sent (`true`: after 4000 ms), for
   * composers where the chat itself shows them. A file waiting for its scan verdict leaves once it
   * is approved; a failed or rejected one stays.
   */
  declare dismissSent: number | boolean | undefined;

  /**
   * The chat composer's layout: a paperclip button (the drop zone, named by `strings.attach`) and
   * the files as a row of chips above it, which scrolls past two rows instead of growing.
   */
  declare compact: boolean;

  /** Retry rules for each step (attempts in all, backoff base and cap in ms). */
  declare retryPolicy: RetryPolicy;

  /** An ACPS call that has not answered after this many ms fails with `timeout` (and is retried). */
  declare requestTimeoutMs: number;

  /** An S3 upload with no progress for this many ms is aborted as `timeout` (and retried). */
  declare stallTimeoutMs: number;

  /**
   * Words laid over those of the element's language (see Languages in the README): any of them,
   * each as a sentence with `{named}` placeholders, plural forms, or a function of the named values.
   */
  declare strings: UploadStrings;

  constructor() {
    super();
    Object.assign(this, DEFAULT_SETTINGS);
    this.required = false;
    this.openSent = false;
    this.showHint = false;
    this.compact = false;
    this.strings = {};
  }

  readonly #language = new LanguageController(this);
  readonly #form = new FormFace(this);
  readonly #controller = new UploaderController(this);
  readonly #intake = new FileIntake(
    this,
    () => this.#controller.uploader.allowed,
    () => this.#isDisabled(),
  );
  readonly #items = new ItemList(this, this.#controller, (name) =>
    this.#announcer.say(this.#language.words.openFailed({ name: displayName(name) }), 'assertive'),
  );
  readonly #hint = new LazyPart(
    this,
    () => import('./hint.js'),
    () => this.showHint,
  );
  /** The list of files not added: drawn by code loaded the first time a file is refused. */
  readonly #rejections = new LazyPart(
    this,
    () => import('./rejections.js'),
    () => this.#announcer.rejected.length > 0,
  );
  readonly #announcer = new AnnouncerController(
    this,
    this.#controller,
    () => this.#language.words,
    () => this.#locale(),
  );

  /**
   * The token attributes (`token`, `participant-token`: the only ones ending so) are consumed: read
   * into their property and removed at once, so the DOM that page scripts and session-replay tools
   * read never holds a token. Set again, consumed again; parsed markup, when the element upgrades.
   */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const token = name.endsWith('token');
    // The removal below calls back with null: the property keeps what it took.
    if (token && value === null) return;
    super.attributeChangedCallback(name, old, value);
    if (token) this.removeAttribute(name);
  }

  /** A snapshot of every file in the list. */
  get uploads(): readonly UploadInfo[] {
    return this.#controller.uploader.uploads;
  }

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#form.form;
  }

  /**
   * Adds files: each is validated (`attachment-reject` or `attachment-select`) and, unless `manual`
   * is set, starts when a slot is free. With no argument, starts the files `manual` kept queued.
   * Returns the `uploadId`s of the files it queued or started: none while disabled.
   */
  upload(files?: Iterable<File> | ArrayLike<File> | null): string[] {
    this.requestUpdate();
    if (files == null) return this.#controller.uploader.upload();
    if (this.#isDisabled()) return [];
    // The files not added are listed until dismissed or until the next files come.
    this.#announcer.rejected = [];
    return this.#controller.uploader.upload(files);
  }

  /**
   * Cancels one file, or every file still running when no id is given. Nothing is completed after a
   * cancel; a ready file (`complete-on-send`) leaves the list.
   */
  cancel(uploadId?: string): void {
    this.#controller.uploader.cancel(uploadId);
    this.requestUpdate();
  }

  /**
   * Sends the draft (`complete-on-send`): completes every ready file in the order taken, and each
   * file still uploading once its upload ends; then `text`, when given, through `chatSession`, after
   * the files (without a session the text is the page's to send). The files sent leave the list:
   * the chips are the draft, and the transcript shows what was sent.
   */
  send(options?: { text?: string }): Promise<SendResult> {
    return this.#controller.uploader.send(options);
  }

  /** Starts a failed or cancelled file again from StartAttachmentUpload. */
  retry(uploadId: string): void {
    this.#controller.uploader.retry(uploadId);
    this.requestUpdate();
  }

  /** Takes a finished (sent, failed or cancelled) file off the list. */
  dismiss(uploadId: string): void {
    this.#controller.uploader.dismiss(uploadId);
    this.requestUpdate();
  }

  /**
   * Cancels whatever still runs, then empties the list. (An element removed from the page sends on
   * what it was given: call this first to stop it.)
   */
  clear(): void {
    this.#controller.uploader.clear();
    this.#announcer.rejected = [];
    this.requestUpdate();
  }

  /**
   * Passes on Connect's scan verdict for an attachment (the `Status` of its chat message), so the
   * list can say "being scanned" or "rejected". A rejected attachment leaves the form value.
   */
  setAttachmentStatus(attachmentId: string, status: AttachmentScanStatus): void {
    this.#controller.uploader.setAttachmentStatus(attachmentId, status);
    this.requestUpdate();
  }

  /**
   * A download URL for an attachment of this chat, valid for a minute (GetAttachment). Use it at
   * once; the element never logs it or puts it in an event. Rejects with an `UploadError`.
   */
  getAttachmentUrl(attachmentId: string): Promise<string> {
    return this.#controller.uploader.getAttachmentUrl(attachmentId);
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
    this.#form.disabled = disabled;
    this.requestUpdate();
  }

  /**
   * At most one render per animation frame (a hidden tab gets no frames, hence the timeout); what
   * the uploads report comes at a calmer pace still (UploaderController). Nothing that requests go
   * by waits for a render: the uploader reads every setting at the moment of use. The first update
   * is not delayed: it also restores properties a framework set before the upgrade.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) await nextFrame();
    await super.scheduleUpdate();
  }

  /** Also waits for the render of what the uploads have reported so far, and of a part or a language being loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    this.#controller.flush();
    const done = await super.getUpdateComplete();
    const loading = [this.#hint.loaded, this.#rejections.loaded, this.#items.loaded, this.#language.loading];
    if (!loading.some(Boolean)) return done;
    await Promise.all(loading);
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Whether sent files offer Open depends on these: every item is drawn again.
    if (changed.has('openSent') || changed.has('chatSession')) this.#controller.redrawAll();
    this.#items.noteFocus();
  }

  protected override updated(): void {
    this.#intake.placeOverlay();
    // Off the page nothing is drawn, so no preview is made that nobody would release.
    if (this.isConnected) {
      const delay = this.dismissSent === true ? 4000 : this.dismissSent;
      const uploader = this.#controller.uploader;
      const changed = this.#items.update(this.#language.words, this.#locale());
      this.#form.track(changed, uploader, (upload) => this.#items.dismissLater(upload, delay, uploader));
    }
    this.#items.keepFocus();
    const { active, failed } = this.#controller.uploader.summary;
    const zone = this.renderRoot.querySelector<HTMLElement>('[part=dropzone]') ?? undefined;
    // A form is held back while files run, unless they are staged for Send: then the page's Send is
    // what completes them, and `send()` waits for a file still uploading.
    this.#form.update(active > 0 && !this.completeOnSend, this.#language.words, zone);
    // `waiting-words`: the page's language is loading; the styles hide the element's text meanwhile.
    this.#form.show({
      idle: active === 0,
      dragging: this.#intake.dragging,
      uploading: active > 0,
      error: failed > 0,
      'waiting-words': this.#language.waiting,
    });
  }

  #locale(): string | undefined {
    return this.#language.lang;
  }

  /** Off (`disabled`, or attachments off: the uploader's answer), or disabled by a fieldset or form. */
  #isDisabled(): boolean {
    return !this.#controller.uploader.allowed.enabled || this.#form.disabled;
  }

  protected override render() {
    const s = this.#language.words;
    const disabled = this.#isDisabled();
    const uploader = this.#controller.uploader;
    const allowed = uploader.allowed;
    const dragging = this.#intake.dragging;
    const waiting = this.manual && uploader.summary.held > 0;
    // "2 of 5 files sent · 40 %" while several files run together.
    const batch = batchOf(uploader);
    const said = this.#announcer.said;
    const compact = this.compact;
    const on = attachmentsAllowed(this.featurePermissions);
    // The paperclip is named "Attach files", unless attachments are off: then its visible reason is its name.
    const named = compact && on ? s.attach : nothing;
    const list = uploader.summary.files > 0 ? html`<ul part="list" aria-label=${s.listLabel}></ul>` : nothing;
    // Compact: the chips come before the paperclip, on screen and in the tab order alike.
    return html`
      ${compact ? list : nothing}
      <div class="bar">
        <button
          part="dropzone"
          class="dropzone ${dragging ? 'dragging' : ''}"
          type="button"
          aria-label=${named}
          title=${named}
          ?disabled=${disabled}
          aria-describedby=${this.showHint ? 'hint' : nothing}
          @click=${() => this.openPicker()}
          @dragenter=${this.#intake.onDragOver}
          @dragover=${this.#intake.onDragOver}
          @dragleave=${this.#intake.onDragLeave}
          @drop=${this.#intake.onDrop}
        >
          ${
            !on
              ? html`<span part="unavailable">${s.attachmentsOff}</span>`
              : compact
                ? icon(PAPERCLIP)
                : html`<slot name="prompt"><span>${dragging ? s.dropHere : s.prompt}</span></slot>
                    <slot name="button"><span part="button" class="choose">${s.choose}</span></slot>`
          }
        </button>
        ${compact ? html`<slot></slot>` : nothing}
      </div>
      <input
        type="file"
        hidden
        tabindex="-1"
        aria-hidden="true"
        accept=${allowed.accept}
        capture=${this.capture || nothing}
        ?multiple=${this.multiple}
        @change=${this.#intake.onPicked}
      />
      ${waiting ? html`<button part="start" class="start" type="button" @click=${() => this.upload()}>${s.start}</button>` : nothing}
      ${
        this.showHint
          ? html`<p part="hint" id="hint" class="hint" dir=${s.dir}>
              ${this.#hint.part?.hintText({ strings: s, locale: this.#locale(), accept: allowed.accept, typeOf: CHAT_FILE_TYPES, maxFileSize: formatBytes(allowed.maxFileSize, this.#locale(), true), maxFiles: this.maxFiles, stripped: !this.keepMetadata })}
            </p>`
          : nothing
      }
      ${this.#rejections.part?.renderRejections(VIEW_KIT, this, this.#announcer.rejected, s)}
      ${
        batch
          ? html`<p part="summary" class="summary" dir=${s.dir}>
              ${s.batch({ done: batch.done, count: batch.files, percent: formatPercent(batch.fraction, this.#locale()) })}
            </p>`
          : nothing
      }
      ${compact ? nothing : list}
      ${
        dragging && this.#intake.dropSource
          ? html`<div part="drop-overlay" class="overlay" aria-hidden="true">${s.dropHere}</div>`
          : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${said.polite}</div>
      <div class="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">${said.assertive}</div>
    `;
  }
}

// The uploader's attachment-* events, fired on the element: typed for `el.addEventListener(…)`.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the DOM's event map is widened by merging: an interface, empty by design
  interface HTMLElementEventMap extends AttachmentEventMap {}
}
