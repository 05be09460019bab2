/**
 * What the live regions say, fed by the uploader's events. News is collected for a moment and then
 * said once: one file's news in its own words, many files' news as one summary, so a screen reader
 * is not flooded when thirty files finish together. Failures go to the assertive region; progress
 * is said in coarse steps, at once. The element renders `said`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentUploader } from '../pipeline/uploader.js';
import type { UploaderController } from './uploader-controller.js';
import { formatBytes } from '../pipeline/format-bytes.js';
import { isScanRejected } from '../pipeline/scan-verdict.js';
import type { UploaderSettings } from '../pipeline/settings.js';
import { displayName, formatPercent } from './format.js';
import { type Words, errorText } from './strings.js';

export type Urgency = 'polite' | 'assertive';

type Said<Names extends string> = {
  [K in keyof Words]: Words[K] extends (values: Record<Names, string | number>) => string ? K : never;
}[keyof Words];

/**
 * Each kind of news, in the order it is said, named by its words for one file: its words for many
 * files, and its region.
 */
const KINDS = [
  // Several images prepared at once are on their way: "Uploading 3 files." says it.
  ['announcePreparing', 'announceManyStarted', 'polite'],
  ['announceStarted', 'announceManyStarted', 'polite'],
  ['announceReady', 'announceManyReady', 'polite'],
  ['announceCompleted', 'announceManyCompleted', 'polite'],
  ['announceRejected', 'announceManyRejected', 'polite'],
  ['announceFailed', 'announceManyFailed', 'assertive'],
  ['announceScanRejected', 'announceManyFailed', 'assertive'],
] as const satisfies readonly (readonly [Said<'name' | 'reason'>, Said<'count'>, Urgency])[];

type Kind = (typeof KINDS)[number][0];

/** Screen readers hear progress in these steps, not every tick. */
const PROGRESS_STEPS = [0.25, 0.5, 0.75];
const stepOf = (fraction: number) => PROGRESS_STEPS.filter((threshold) => fraction >= threshold).length;

/** The files not cancelled, while any still runs and there are several: how far they are together. */
export function batchOf(uploader: AttachmentUploader): { done: number; files: number; fraction: number } | undefined {
  const { files, cancelled, active, done, loaded, total } = uploader.summary;
  if (files - cancelled < 2 || active === 0) return undefined;
  return { done, files: files - cancelled, fraction: Math.min(0.99, loaded / Math.max(1, total)) };
}

export class AnnouncerController implements ReactiveController {
  /** The words of the polite and the assertive live region. */
  said: Record<Urgency, string> = { polite: '', assertive: '' };
  /** The files rejected (name, reason in words) since the element last emptied this; it shows them. */
  rejected: [name: string, reason: string][] = [];
  readonly #core: UploaderController;
  readonly #uploader: AttachmentUploader;
  readonly #strings: () => Words;
  readonly #locale: () => string | undefined;
  #pending: [kind: Kind, name: string, reason: string][] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The last progress step said per file (kept across retries: a step is said once). A file is in
   * it from its first news on: its `preparing` (fit-images) is said once, when it is not yet.
   */
  readonly #steps = new Map<string, number>();
  /** Files whose start was said: a file that restarts for a fresh upload URL is not announced again. */
  readonly #started = new Set<string>();
  readonly #scanRejected = new Set<string>();
  /** Files whose `ready` was said: said once, whatever comes after. */
  readonly #ready = new Set<string>();
  /** The last batch progress step said; back to 0 when nothing runs. */
  #batchStep = 0;

  constructor(
    host: ReactiveControllerHost & HTMLElement & Pick<UploaderSettings, 'maxFiles'>,
    core: UploaderController,
    strings: () => Words,
    locale: () => string | undefined,
  ) {
    const uploader = core.uploader;
    this.#core = core;
    this.#uploader = uploader;
    this.#strings = strings;
    this.#locale = locale;
    host.addController(this);
    host.addEventListener('attachment-reject', ({ detail }) => {
      const s = strings();
      // The reason in words, with the limit that was passed when there is one: the one in force.
      const limit =
        detail.reason === 'file-too-large'
          ? s.sizeLimit({ size: formatBytes(uploader.allowed.maxFileSize, locale(), true) })
          : detail.reason === 'too-many-files'
            ? // Without max-files the only count limit is `multiple` unset: one file at a time.
              s.countLimit({ count: host.maxFiles ?? 1 })
            : '';
      const reason = limit ? `${s.rejections[detail.reason]} ${limit}` : s.rejections[detail.reason];
      this.rejected.push([displayName(detail.file.name), reason]);
      this.#add('announceRejected', detail.file.name, reason);
    });
    host.addEventListener('attachment-started', ({ detail: { uploadId, file } }) => {
      if (!this.#started.has(uploadId)) this.#add('announceStarted', file.name);
      this.#started.add(uploadId);
    });
    host.addEventListener('attachment-progress', ({ detail }) =>
      this.#progress(detail.uploadId, detail.file.name, detail.loaded / detail.total),
    );
    host.addEventListener('attachment-completed', ({ detail }) => this.#add('announceCompleted', detail.file.name));
    host.addEventListener('attachment-error', ({ detail }) => {
      this.#started.delete(detail.uploadId);
      this.#add('announceFailed', detail.file.name, errorText(strings(), detail));
    });
    host.addEventListener('attachment-abort', ({ detail }) => this.#started.delete(detail.uploadId));
    uploader.addEventListener('uploads-changed', ({ detail }) => this.#changed(detail.changed));
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  #add(kind: Kind, name: string, reason = ''): void {
    this.#pending.push([kind, displayName(name), reason]);
    this.#timer ??= setTimeout(() => this.#flush(), 300);
  }

  #flush(): void {
    this.#timer = undefined;
    const s = this.#strings();
    const lines: Record<Urgency, string[]> = { polite: [], assertive: [] };
    for (const [kind, many, urgency] of KINDS) {
      const news = this.#pending.filter((item) => item[0] === kind);
      // Up to three rejected files are each said with their reason (the user chose them, and wants
      // to know which and why); more, and other news of several files, are summed up.
      if (news.length > (kind === 'announceRejected' ? 3 : 1)) lines[urgency].push(s[many]({ count: news.length }));
      else for (const [, name, reason] of news) lines[urgency].push(s[kind]({ name, reason }));
    }
    this.#pending = [];
    for (const urgency of ['polite', 'assertive'] as const) {
      if (lines[urgency].length > 0) this.say(lines[urgency].join(' '), urgency);
    }
  }

  say(text: string, urgency: Urgency): void {
    // The same words twice in a row would not be read again; a trailing no-break space makes them new.
    this.said = { ...this.said, [urgency]: text === this.said[urgency].trimEnd() ? `${text}\u00a0` : text };
    // At the uploads' calm pace: screen readers hear it a moment later, and no frame is spent on it.
    this.#core.requestRender();
  }

  /** Scan verdicts and files leaving the list; only the files that changed are looked at. */
  #changed(ids: readonly string[]): void {
    for (const uploadId of ids) {
      const upload = this.#uploader.getUpload(uploadId);
      if (!upload) {
        this.#steps.delete(uploadId);
        this.#started.delete(uploadId);
        this.#scanRejected.delete(uploadId);
        this.#ready.delete(uploadId);
      } else if (upload.state === 'ready' && !this.#ready.has(uploadId)) {
        this.#ready.add(uploadId);
        this.#add('announceReady', upload.file.name);
      } else if (upload.state === 'preparing' && !this.#steps.has(uploadId)) {
        this.#steps.set(uploadId, 0);
        this.#add('announcePreparing', upload.file.name);
      } else if (isScanRejected(upload) && !this.#scanRejected.has(uploadId)) {
        this.#scanRejected.add(uploadId);
        this.#add('announceScanRejected', upload.file.name);
      }
    }
    if (this.#uploader.summary.active === 0) this.#batchStep = 0;
  }

  /**
   * Progress in coarse steps (25, 50, 75 %): of the file when it is the only one running, of the
   * whole batch when several are. At 100 % the completion is what a user needs to hear instead.
   */
  #progress(uploadId: string, name: string, fraction: number): void {
    const step = stepOf(fraction);
    if (step <= (this.#steps.get(uploadId) ?? 0)) return;
    this.#steps.set(uploadId, step);
    const s = this.#strings();
    const batch = batchOf(this.#uploader);
    const said = batch ? stepOf(batch.fraction) : step;
    if (batch ? said <= this.#batchStep : fraction >= 1) return;
    if (batch) this.#batchStep = said;
    const percent = formatPercent(PROGRESS_STEPS[said - 1] ?? 0, this.#locale());
    this.say(batch ? s.announceBatchProgress({ percent }) : s.announceProgress({ name: displayName(name), percent }), 'polite');
  }
}
