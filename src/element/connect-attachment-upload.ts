/**
 * `<connect-attachment-upload>`: the Lit element, a view over one headless `AttachmentUploader`
 * (UploaderController). It renders the list and speaks through live regions, takes files from the
 * picker, drops and pastes, and keeps the form value; it never builds an HTTP request and never
 * imports the wire layer.
 */
import { LitElement, type PropertyValues, html, nothing } from 'lit';
import type { ChatSessionLike } from '../pipeline/chat-session.js';
import { type AttachmentRules, type FeaturePermissions, attachmentsAllowed, narrowAccept } from '../pipeline/instance-rules.js';
import type { AttachmentScanStatus, UploadInfo } from '../pipeline/upload-list.js';
import type { RetryPolicy } from '../pipeline/retry.js';
import { DEFAULT_SETTINGS } from '../pipeline/settings.js';
import type { TokenProvider } from '../pipeline/token-source.js';
import { CHAT_FILE_TYPES, DEFAULT_ACCEPT } from '../pipeline/file-types.js';
import { markFolder } from '../pipeline/validate.js';
import { AnnouncerController, batchOf } from './announcer.js';
import { styles } from './connect-attachment-upload.styles.js';
import { displayName, formatBytes, formatPercent } from './format.js';
import { PAPERCLIP, icon } from './icons.js';
import { ItemList } from './item-list.js';
import type { ItemActions } from './upload-item.js';
import { Previews } from './previews.js';
import { LanguageController } from './language.js';
import type { UploadStrings, Words } from './strings.js';
import { UploaderController } from './uploader-controller.js';
import type { AttachmentEventMap } from '../pipeline/events.js';

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
    name: {},
    required: { type: Boolean },
    pasteTarget: { attribute: 'paste-target' },
    showHint: { attribute: 'show-hint', type: Boolean },
    compact: { type: Boolean, reflect: true },
    dropTarget: { attribute: 'drop-target' },
    // The bare attribute means the default delay; a number is the delay in ms.
    dismissSent: { attribute: 'dismiss-sent', converter: (value: string | null) => (value === '' ? true : value === null ? undefined : Number(value)) },
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
    // On the element itself for good: a listener on the element cannot outlive it.
    this.addEventListener('paste', this.#onPaste);
  }

  #dragging = false;
  #formDisabled = false;
  /** What the form was last given: set again only when one of these changed. */
  #form: readonly [ids: readonly string[], running: boolean, name: string | undefined, required: boolean, text: string] | undefined;
  /** The strings and language the items were drawn with: all are drawn again when either changes. */
  #drawnWith: { strings: Words; locale: string | undefined; compact: boolean } | undefined;
  /** The item that held focus before a render, so focus can stay near it when its button goes. */
  #focusedItem: string | undefined;
  #releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where pastes are taken from besides the element, and the `pasteTarget` it was found from. */
  #pasteSource: EventTarget | undefined;
  #pasteTarget: Element | string | undefined;
  /** Where drops are taken from besides the drop zone, and the `dropTarget` it was found from. */
  #dropSource: Element | undefined;
  #dropTarget: Element | string | undefined;
  /** The sent files waiting for `dismissSent`, so each gets one timer. */
  readonly #leaving = new Set<string>();
  /** A file that held focus left on its own: focus goes to the drop zone, not to another file. */
  #focusToZone = false;
  /**
   * `show-hint`'s words are made by code loaded the first time a hint is shown (most composers show
   * none): until it arrives the hint is there, empty, and the render after it fills it in.
   */
  #hintLoaded: Promise<void> | undefined;
  #hintText: typeof import('./hint.js').hintText | undefined;

  // Feature-detected: happy-dom has no attachInternals and jsdom's internals have no form methods.
  // There the element has no form value and no validity, and everything else works.
  readonly #internals: Partial<ElementInternals> = this.attachInternals?.() ?? {};
  readonly #core = new UploaderController(this);
  readonly #previews = new Previews();
  readonly #items = new ItemList(this.#previews);
  /** The files sent (and not rejected by the scan), whose AttachmentIds, in list order, are the form value. */
  readonly #sent = new Set<string>();
  #sentIds: readonly string[] = [];
  readonly #language = new LanguageController(this);
  readonly #announcer = new AnnouncerController(
    this,
    this.#core,
    () => this.#language.words,
    () => this.#locale(),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.#releaseTimer);
    this.#followTargets();
  }

  /**
   * Moved (disconnected, then connected again in the same task, as frameworks do): nothing is lost.
   * Removed for good: uploads already given go on to the chat (call `clear()` first to stop them),
   * and the previews are released; the element draws them again if it comes back.
   */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listenForPaste(undefined);
    this.#listenForDrops(undefined);
    clearTimeout(this.#releaseTimer);
    this.#releaseTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.#previews.retain(new Set());
      this.#core.redrawAll();
    });
  }

  /**
   * The token attributes (`token`, `participant-token`: the only ones ending so) are consumed: read
   * into their property, then removed at once (before the page's next line runs), so the DOM that
   * page scripts and session-replay tools read never holds a token. Set again, an attribute is
   * consumed again. Parsed markup is consumed when the element upgrades.
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
    return this.#core.uploader.uploads;
  }

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals.form ?? null;
  }

  /**
   * Adds files: each is validated (`attachment-reject` or `attachment-select`) and, unless `manual`
   * is set, starts when a slot is free. With no argument, starts the files `manual` kept queued.
   * Returns the `uploadId`s of the files it queued or started: none while disabled.
   */
  upload(files?: Iterable<File> | ArrayLike<File> | null): string[] {
    this.requestUpdate();
    if (files == null) return this.#core.uploader.upload();
    if (this.#isDisabled()) return [];
    // The files not added are listed until dismissed or until the next files come.
    this.#announcer.rejected = [];
    return this.#core.uploader.upload(files);
  }

  /** Cancels one file, or every file still running when no id is given. Nothing is completed after a cancel. */
  cancel(uploadId?: string): void {
    this.#core.uploader.cancel(uploadId);
    this.requestUpdate();
  }

  /** Starts a failed or cancelled file again from StartAttachmentUpload. */
  retry(uploadId: string): void {
    this.#core.uploader.retry(uploadId);
    this.requestUpdate();
  }

  /** Takes a finished (sent, failed or cancelled) file off the list. */
  dismiss(uploadId: string): void {
    this.#core.uploader.dismiss(uploadId);
    this.requestUpdate();
  }

  /** Cancels whatever still runs, then empties the list. */
  clear(): void {
    this.#core.uploader.clear();
    this.#announcer.rejected = [];
    this.requestUpdate();
  }

  /**
   * Passes on Connect's scan verdict for an attachment (the `Status` of its chat message), so the
   * list can say "being scanned" or "rejected". A rejected attachment leaves the form value.
   */
  setAttachmentStatus(attachmentId: string, status: AttachmentScanStatus): void {
    this.#core.uploader.setAttachmentStatus(attachmentId, status);
    this.requestUpdate();
  }

  /**
   * A download URL for an attachment of this chat, valid for a minute (GetAttachment). Use it at
   * once; the element never logs it or puts it in an event. Rejects with an `UploadError`.
   */
  getAttachmentUrl(attachmentId: string): Promise<string> {
    return this.#core.uploader.getAttachmentUrl(attachmentId);
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
   * At most one render per animation frame (a hidden tab gets no frames, hence the timeout); what
   * the uploads report comes at a calmer pace still (UploaderController). Nothing that requests go
   * by waits for a render: the uploader reads every setting at the moment of use. The first update
   * is not delayed: it also restores properties a framework set before the upgrade.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.hasUpdated) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        // Optional: jsdom has no frames unless told to pretend it is visual; the timeout then paces.
        globalThis.requestAnimationFrame?.(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await super.scheduleUpdate();
  }

  /** Also waits for the render of what the uploads have reported so far, and of a hint or a language being loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    this.#core.flush();
    const done = await super.getUpdateComplete();
    if (!this.#hintLoaded && !this.#language.loading) return done;
    await Promise.all([this.#hintLoaded, this.#language.loading]);
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A hint that cannot be loaded (offline) stays empty, is tried again at a later render, and
    // never makes `updateComplete` fail.
    this.#hintLoaded ??= this.showHint
      ? import('./hint.js').then(
          (hint) => {
            this.#hintText = hint.hintText;
            this.requestUpdate();
          },
          () => {
            this.#hintLoaded = undefined;
          },
        )
      : undefined;
    if (this.pasteTarget !== this.#pasteTarget || this.dropTarget !== this.#dropTarget) this.#followTargets();
    // Whether sent files offer Open depends on these: every item is drawn again.
    if (changed.has('openSent') || changed.has('chatSession')) this.#core.redrawAll();
    const active = this.shadowRoot?.activeElement?.closest<HTMLElement>('li[data-id]');
    this.#focusedItem = active?.dataset['id'];
  }

  protected override updated(): void {
    this.#placeOverlay();
    this.#drawItems();
    this.#keepFocus();
    this.#updateFormState();
    this.#updateCustomStates();
  }

  // --- what is shown -------------------------------------------------------------------------

  #locale(): string | undefined {
    return this.#language.lang;
  }

  /**
   * The property, or a disabled fieldset or form. The browser also reports the element's own
   * `disabled` attribute through formDisabledCallback, and that attribute follows the property only
   * at the next render: while the element has it, the property decides.
   */
  #isDisabled(): boolean {
    return this.disabled || (this.#formDisabled && !this.hasAttribute('disabled')) || !attachmentsAllowed(this.featurePermissions);
  }

  /** What an item's buttons do. */
  readonly #actions: ItemActions = {
    cancel: (uploadId) => this.cancel(uploadId),
    retry: (uploadId) => this.retry(uploadId),
    dismiss: (uploadId) => this.dismiss(uploadId),
    open: (uploadId) => void this.#open(uploadId),
    // With a chat session a verdict comes: only an approved file is offered; without one, any sent file Connect did not reject.
    canOpen: ({ state, scanStatus }) =>
      this.openSent && state === 'done' && (scanStatus === 'APPROVED' || (!this.chatSession && scanStatus === undefined)),
  };

  /** Opens a sent file in a new tab (or downloads it, as S3 serves it), through a URL asked for now. */
  async #open(uploadId: string): Promise<void> {
    const upload = this.#core.uploader.getUpload(uploadId);
    if (!upload?.attachmentId) return;
    try {
      window.open(await this.getAttachmentUrl(upload.attachmentId), '_blank', 'noopener');
    } catch {
      this.#announcer.say(this.#language.words.openFailed({ name: displayName(upload.file.name) }), 'assertive');
    }
  }

  /** The items whose files changed since the last render; all of them when the words or language changed. */
  #drawItems(): void {
    // Off the page nothing is drawn, so no preview is made that nobody would release.
    if (!this.isConnected) return;
    const strings = this.#language.words;
    const locale = this.#locale();
    const compact = this.compact;
    const drawn = this.#drawnWith;
    if (drawn?.strings !== strings || drawn.locale !== locale || drawn.compact !== compact) this.#core.redrawAll();
    this.#drawnWith = { strings, locale, compact };
    const changed = this.#core.takeChanged();
    const uploader = this.#core.uploader;
    let toggled = changed === 'all';
    const note = (uploadId: string, upload: UploadInfo | undefined) => {
      const sent = upload?.state === 'done' && upload.scanStatus !== 'REJECTED';
      if (sent) this.#dismissLater(upload);
      if (sent === this.#sent.has(uploadId)) return;
      toggled = true;
      if (sent) this.#sent.add(uploadId);
      else this.#sent.delete(uploadId);
    };
    if (changed === 'all') {
      this.#sent.clear();
      for (const upload of uploader.uploads) note(upload.uploadId, upload);
    } else {
      for (const uploadId of changed) note(uploadId, uploader.getUpload(uploadId));
    }
    // In list order, made again only when a file joined or left the sent ones: the FormData holds
    // every id anyway, and progress ticks (most changes) never get here.
    if (toggled) this.#sentIds = uploader.uploads.filter((upload) => this.#sent.has(upload.uploadId)).map((upload) => upload.attachmentId as string);
    const list = this.renderRoot.querySelector<HTMLElement>('[part=list]');
    const later = this.#items.draw(list, changed, uploader, strings, locale, this.#actions, compact);
    if (later.length > 0) {
      this.#core.changed(later);
      this.requestUpdate();
    }
  }

  /** Takes a sent file off the list after `dismissSent` ms, once no scan verdict is pending. */
  #dismissLater({ uploadId, scanStatus }: UploadInfo): void {
    const delay = this.dismissSent === true ? 4000 : this.dismissSent;
    if (typeof delay !== 'number' || !(delay >= 0) || scanStatus === 'IN_PROGRESS' || this.#leaving.has(uploadId)) return;
    this.#leaving.add(uploadId);
    setTimeout(() => {
      this.#leaving.delete(uploadId);
      const upload = this.#core.uploader.getUpload(uploadId);
      // Looked at again: a verdict may have come meanwhile (a pending one dismisses it when approved).
      if (upload?.state !== 'done' || upload.scanStatus === 'IN_PROGRESS' || upload.scanStatus === 'REJECTED') return;
      this.#focusToZone ||= !!this.#items.itemOf(uploadId)?.contains(this.shadowRoot?.activeElement ?? null);
      this.dismiss(uploadId);
    }, delay);
  }

  #updateFormState(): void {
    const ids = this.#sentIds;
    const running = this.#core.uploader.summary.active > 0;
    const name = this.name?.trim() || undefined;
    const text = this.#language.words.states.uploading;
    const form = [ids, running, name, this.required, text] as const;
    // Progress ticks change none of this: skip the FormData and validity work unless something did.
    if (this.#form?.every((value, i) => value === form[i])) return;
    this.#form = form;
    if (name) {
      const data = new FormData();
      for (const id of ids) data.append(name, id);
      this.#internals.setFormValue?.(data);
    } else {
      this.#internals.setFormValue?.(null);
    }
    const anchor = this.renderRoot.querySelector<HTMLElement>('[part=dropzone]') ?? undefined;
    if (running) {
      this.#internals.setValidity?.({ customError: true }, text, anchor);
    } else if (this.required && ids.length === 0) {
      this.#internals.setValidity?.({ valueMissing: true }, this.#language.words.prompt, anchor);
    } else {
      this.#internals.setValidity?.({});
    }
  }

  #updateCustomStates(): void {
    const states = this.#internals.states as Set<string> | undefined;
    if (!states) return;
    const { active, failed } = this.#core.uploader.summary;
    // `waiting-words`: the page's language is loading; the styles hide the element's text meanwhile.
    const wanted = { idle: active === 0, dragging: this.#dragging, uploading: active > 0, error: failed > 0, 'waiting-words': this.#language.waiting };
    for (const [state, on] of Object.entries(wanted)) {
      try {
        if (on) states.add(state);
        else states.delete(state);
      } catch {
        // Browsers that only know the older `--state` syntax: the parts and attributes still work.
      }
    }
  }

  /**
   * Lays the drop overlay over the drop-target: fixed, at the target's box, set through the CSSOM
   * (which a strict style-src allows, unlike a style attribute). The target's own DOM is left alone.
   */
  #placeOverlay(): void {
    const overlay = this.renderRoot.querySelector<HTMLElement>('.overlay');
    const box = overlay && this.#dropSource?.getBoundingClientRect();
    if (box) Object.assign(overlay.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
  }

  /** When the focused button of an item disappears, focus its next button, the item, or the drop zone. */
  #keepFocus(): void {
    const id = this.#focusedItem;
    const toZone = this.#focusToZone;
    this.#focusedItem = undefined;
    this.#focusToZone = false;
    if (!id || this.shadowRoot?.activeElement) return;
    if (toZone) return this.renderRoot.querySelector<HTMLElement>('[part=dropzone]')?.focus();
    const item = this.#items.itemOf(id);
    const first = this.renderRoot.querySelector<HTMLElement>('li[data-id]');
    const target =
      item?.querySelector<HTMLElement>('.actions button') ??
      item ??
      first?.querySelector<HTMLElement>('.actions button') ??
      this.renderRoot.querySelector<HTMLElement>('[part=dropzone]');
    target?.focus();
  }

  // --- ways in -------------------------------------------------------------------------------

  /** Listens on `pasteTarget` and `dropTarget` (elements, or selectors resolved now) while the element is on the page. */
  #followTargets(): void {
    const find = (target: Element | string | undefined) =>
      typeof target === 'string' ? (target.trim() && document.querySelector(target)) || undefined : target;
    this.#listenForPaste(find((this.#pasteTarget = this.pasteTarget)));
    this.#listenForDrops(find((this.#dropTarget = this.dropTarget)));
  }

  #listenForDrops(source: Element | undefined): void {
    const old = this.#dropSource;
    this.#dropSource = source;
    for (const [type, listener] of [
      ['dragenter', this.#onDragOver],
      ['dragover', this.#onDragOver],
      ['dragleave', this.#onDragLeave],
      ['drop', this.#onDrop],
    ] as const) {
      old?.removeEventListener(type, listener as EventListener);
      source?.addEventListener(type, listener as EventListener);
    }
    if (old !== source) this.#setDragging(false);
  }

  #listenForPaste(source: EventTarget | undefined): void {
    this.#pasteSource?.removeEventListener('paste', this.#onPaste);
    this.#pasteSource = source === this ? undefined : source;
    this.#pasteSource?.addEventListener('paste', this.#onPaste);
  }

  /** Files on the clipboard (a screenshot, copied files) are attached; plain text is left alone. */
  #onPaste = (event: Event): void => {
    const transfer = (event as ClipboardEvent).clipboardData;
    // Already taken: a paste inside the element bubbles on to a paste-target that contains it.
    if (event.defaultPrevented || this.#isDisabled() || !transfer?.files.length) return;
    event.preventDefault();
    // Like a drop: a pasted folder (copied in a file manager) gives its files.
    this.#take(transfer);
  };

  #onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    // Cleared so that picking the same file again fires `change` again.
    input.value = '';
    if (files.length > 0) this.upload(files);
  };

  #setDragging(dragging: boolean): void {
    if (this.#dragging === dragging) return;
    this.#dragging = dragging;
    // A drag that ends elsewhere (dropped outside the page, cancelled with Escape) must not leave the overlay up.
    for (const type of ['dragend', 'keydown', 'drop']) {
      if (dragging) addEventListener(type, this.#onDragEnd, true);
      else removeEventListener(type, this.#onDragEnd, true);
    }
    this.requestUpdate();
  }

  #onDragEnd = (event: Event): void => {
    if (event.type !== 'keydown' || (event as KeyboardEvent).key === 'Escape') this.#setDragging(false);
  };

  #onDragOver = (event: DragEvent): void => {
    if (this.#isDisabled() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.#setDragging(true);
    // The page may scroll while files hover: the overlay follows the target.
    this.#placeOverlay();
  };

  #onDragLeave = (event: DragEvent): void => {
    const zone = event.currentTarget as HTMLElement;
    if (!(event.relatedTarget instanceof Node) || !zone.contains(event.relatedTarget)) this.#setDragging(false);
  };

  #onDrop = (event: DragEvent): void => {
    this.#setDragging(false);
    // Already taken: a drop on the drop zone bubbles on to a drop-target that contains it.
    if (this.#isDisabled() || event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) this.#take(event.dataTransfer);
  };

  /** The files of a drop or a paste. */
  #take(transfer: DataTransfer): void {
    // A dropped folder comes as a File that cannot be read: only its entry tells it apart, and
    // entries can be had only inside the event. WebKit answers each look-up slowly (see
    // markFolder), so they are looked up now only for as many files as the list has room for; the
    // others are asked by validation, and a folder among them is rejected rather than read.
    const { files: inAll, failed, cancelled } = this.#core.uploader.summary;
    const inList = inAll - failed - cancelled;
    let room = (this.multiple ? (this.maxFiles ?? Infinity) : Math.min(this.maxFiles ?? Infinity, inList + 1)) - inList;
    const given = transfer.items?.length
      ? [...transfer.items].map((item) => {
          if (item.kind !== 'file') return [];
          const file = item.getAsFile();
          const entry = file && room-- <= 0 ? undefined : item.webkitGetAsEntry?.();
          // A folder's files are taken in its place; the folder itself never starts an attachment.
          if (entry && entry.isDirectory) return readFolder(entry as FileSystemDirectoryEntry);
          // Some browsers give no File for a folder: one stands in, so the folder is rejected, not lost.
          const taken = file ?? (entry ? new File([], entry.name) : undefined);
          if (!taken) return [];
          markFolder(taken, () => (entry ?? item.webkitGetAsEntry?.())?.isDirectory);
          return [taken];
        })
      : [[...transfer.files]];
    // Files alone are taken at once; with a folder, once its entries are read, all together in the order dropped.
    const files = (given as File[][]).flat();
    if (given.some((files) => files instanceof Promise)) void Promise.all(given).then((files) => this.upload(files.flat()));
    else if (files.length > 0) this.upload(files);
  }

  // --- rendering -----------------------------------------------------------------------------

  /**
   * The files not added, each with its name (isolated: a right-to-left name cannot turn the words
   * around it) and its reason in the strings' own direction, and a button to dismiss it.
   */
  #renderRejections(s: Words) {
    const rejected = this.#announcer.rejected;
    const dismiss = (index?: number) => {
      if (index === undefined) rejected.length = 0;
      else rejected.splice(index, 1);
      this.requestUpdate();
      // Focus stays in the list (on the next file's button) or goes back to the drop zone.
      void this.updateComplete.then(() => {
        const buttons = this.renderRoot.querySelectorAll<HTMLElement>('[part=rejection] button');
        (buttons[Math.min(index ?? 0, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('[part=dropzone]'))?.focus();
      });
    };
    return rejected.length === 0
      ? nothing
      : html`<div part="rejections" class="rejections">
          <ul aria-label=${s.rejectedLabel}>
            ${rejected.map(
              ([name, reason], index) =>
                html`<li part="rejection">
                  <span><bdi class="name">${name}</bdi> <span dir=${s.dir}>${reason}</span></span>
                  <button type="button" aria-label=${s.dismissRejection({ name })} title=${s.dismissRejection({ name })} @click=${() => dismiss(index)}>
                    <span aria-hidden="true">✕</span>
                  </button>
                </li>`,
            )}
          </ul>
          ${rejected.length > 1 ? html`<button type="button" class="dismiss-all" @click=${() => dismiss()}>${s.dismissAll}</button>` : nothing}
        </div>`;
  }

  protected override render() {
    const s = this.#language.words;
    const disabled = this.#isDisabled();
    const summary = this.#core.uploader.summary;
    const waiting = this.manual && summary.held > 0;
    // "2 of 5 files sent · 40 %" while several files run together.
    const batch = batchOf(this.#core.uploader);
    const said = this.#announcer.said;
    const compact = this.compact;
    const allowed = attachmentsAllowed(this.featurePermissions);
    // The paperclip is named "Attach files", unless attachments are off: then its visible reason is its name.
    const named = compact && allowed ? s.attach : nothing;
    const list = summary.files > 0 ? html`<ul part="list" aria-label=${s.listLabel}></ul>` : nothing;
    // Compact: the chips come before the paperclip, on screen and in the tab order alike.
    return html`
      ${compact ? list : nothing}
      <div class="bar">
      <button
        part="dropzone"
        class="dropzone ${this.#dragging ? 'dragging' : ''}"
        type="button"
        aria-label=${named}
        title=${named}
        ?disabled=${disabled}
        aria-describedby=${this.showHint ? 'hint' : nothing}
        @click=${() => this.openPicker()}
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        ${!allowed
          ? html`<span part="unavailable">${s.attachmentsOff}</span>`
          : compact
            ? icon(PAPERCLIP)
            : html`<slot name="prompt"><span>${this.#dragging ? s.dropHere : s.prompt}</span></slot>
                <slot name="button"><span part="button" class="choose">${s.choose}</span></slot>`}
      </button>
      ${compact ? html`<slot></slot>` : nothing}
      </div>
      <input
        type="file"
        hidden
        tabindex="-1"
        aria-hidden="true"
        accept=${narrowAccept(this.accept, this.attachmentRules)}
        capture=${this.capture || nothing}
        ?multiple=${this.multiple}
        @change=${this.#onPicked}
      />
      ${waiting ? html`<button part="start" class="start" type="button" @click=${() => this.upload()}>${s.start}</button>` : nothing}
      ${this.showHint
        ? html`<p part="hint" id="hint" class="hint" dir=${s.dir}>
            ${this.#hintText?.(
              s,
              this.#locale(),
              this.accept?.trim() || DEFAULT_ACCEPT,
              CHAT_FILE_TYPES,
              formatBytes(this.maxFileSize, this.#locale(), true),
              this.maxFiles,
              !this.keepMetadata,
            )}
          </p>`
        : nothing}
      ${this.#renderRejections(s)}
      ${batch
        ? html`<p part="summary" class="summary" dir=${s.dir}>${s.batch({ done: batch.done, count: batch.files, percent: formatPercent(batch.fraction, this.#locale()) })}</p>`
        : nothing}
      ${compact ? nothing : list}
      ${this.#dragging && this.#dropSource
        ? html`<div part="drop-overlay" class="overlay" aria-hidden="true">${s.dropHere}</div>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${said.polite}</div>
      <div class="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">${said.assertive}</div>
    `;
  }
}

/** A stand-in for a folder that cannot be attached: rejected with reason `folder`. */
function folderFile(name: string): File {
  const file = new File([], name);
  markFolder(file, () => true);
  return file;
}

/**
 * The files of a dropped folder, one level deep: a folder inside it (or a folder that cannot be
 * read) comes back as a stand-in that is rejected with reason `folder`, so nothing is lost silently.
 * `readEntries` answers in batches (100 in Chromium): it is called until it gives none.
 */
async function readFolder(folder: FileSystemDirectoryEntry): Promise<File[]> {
  const files: File[] = [];
  try {
    const reader = folder.createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return files;
      for (const entry of batch) {
        files.push(
          entry.isFile
            ? await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
            : folderFile(entry.name),
        );
      }
    }
  } catch {
    // What was read is kept; the rest of the folder is said to be not added.
    return [...files, folderFile(folder.name)];
  }
}

// The uploader's attachment-* events, fired on the element: typed for `el.addEventListener(…)`.
declare global {
  interface HTMLElementEventMap extends AttachmentEventMap {}
}
