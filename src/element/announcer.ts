/**
 * What the live regions say. News is collected for a moment and then said once: one file's news
 * in its own words, many files' news as one summary, so a screen reader is not flooded when
 * thirty files finish together. Failures go to the assertive region; progress in coarse steps.
 * `Announcer` only hands out text; `AnnouncerController` feeds it from the uploader's events and
 * keeps the two live regions' words for the element to render.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentUploader } from '../pipeline/uploader.js';
import { formatPercent } from './format.js';
import type { UploadStrings } from './strings.js';

export type Urgency = 'polite' | 'assertive';
type Kind = 'started' | 'completed' | 'failed' | 'rejected' | 'scanRejected';

interface News {
  kind: Kind;
  name: string;
  reason: string;
}

const URGENCY: Record<Kind, Urgency> = {
  started: 'polite',
  completed: 'polite',
  rejected: 'polite',
  failed: 'assertive',
  scanRejected: 'assertive',
};

export class Announcer {
  readonly #say: (text: string, urgency: Urgency) => void;
  readonly #strings: () => UploadStrings;
  readonly #delayMs: number;
  #pending: News[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(say: (text: string, urgency: Urgency) => void, strings: () => UploadStrings, delayMs = 300) {
    this.#say = say;
    this.#strings = strings;
    this.#delayMs = delayMs;
  }

  add(kind: Kind, name: string, reason = ''): void {
    this.#pending.push({ kind, name, reason });
    this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
  }

  /** Said at once, for progress steps, which must not wait behind a batch. */
  now(text: string): void {
    this.#say(text, 'polite');
  }

  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = this.#pending;
    this.#pending = [];
    const s = this.#strings();
    const lines: Record<Urgency, string[]> = { polite: [], assertive: [] };
    for (const kind of ['started', 'completed', 'rejected', 'failed', 'scanRejected'] as const) {
      const news = pending.filter((item) => item.kind === kind);
      const first = news[0];
      if (!first) continue;
      lines[URGENCY[kind]].push(news.length === 1 ? this.#one(s, first) : this.#many(s, kind, news.length));
    }
    for (const urgency of ['polite', 'assertive'] as const) {
      if (lines[urgency].length > 0) this.#say(lines[urgency].join(' '), urgency);
    }
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  #one(s: UploadStrings, { kind, name, reason }: News): string {
    switch (kind) {
      case 'started':
        return s.announceStarted(name);
      case 'completed':
        return s.announceCompleted(name);
      case 'failed':
        return s.announceFailed(name, reason);
      case 'rejected':
        return s.announceRejected(name, reason);
      case 'scanRejected':
        return s.announceScanRejected(name);
    }
  }

  #many(s: UploadStrings, kind: Kind, count: number): string {
    switch (kind) {
      case 'started':
        return s.announceManyStarted(count);
      case 'completed':
        return s.announceManyCompleted(count);
      case 'failed':
        return s.announceManyFailed(count);
      case 'rejected':
        return s.announceManyRejected(count);
      case 'scanRejected':
        return s.announceManyFailed(count);
    }
  }
}

/** Screen readers hear progress in these steps, not every tick. */
const PROGRESS_STEPS = [0.25, 0.5, 0.75];
const stepOf = (fraction: number) => PROGRESS_STEPS.filter((threshold) => fraction >= threshold).length;

export class AnnouncerController implements ReactiveController {
  /** The words of the polite and the assertive live region. */
  said: Record<Urgency, string> = { polite: '', assertive: '' };
  readonly #host: ReactiveControllerHost;
  readonly #uploader: AttachmentUploader;
  readonly #strings: () => UploadStrings;
  readonly #locale: () => string | undefined;
  readonly #announcer: Announcer;
  /** The last progress step said per file (kept across retries: a step is said once). */
  readonly #steps = new Map<string, number>();
  /** Files whose start was said: a file that restarts for a fresh upload URL is not announced again. */
  readonly #started = new Set<string>();
  readonly #scanRejected = new Set<string>();
  /** The last batch progress step said; back to 0 when nothing runs. */
  #batchStep = 0;

  constructor(
    host: ReactiveControllerHost,
    uploader: AttachmentUploader,
    strings: () => UploadStrings,
    locale: () => string | undefined,
  ) {
    this.#host = host;
    this.#uploader = uploader;
    this.#strings = strings;
    this.#locale = locale;
    this.#announcer = new Announcer((text, urgency) => this.#say(text, urgency), strings);
    host.addController(this);
    const s = () => this.#strings();
    uploader.addEventListener('attachment-reject', ({ detail }) =>
      this.#announcer.add('rejected', detail.file.name, s().rejections[detail.reason]),
    );
    uploader.addEventListener('attachment-started', ({ detail }) => {
      if (this.#started.has(detail.uploadId)) return;
      this.#started.add(detail.uploadId);
      this.#announcer.add('started', detail.file.name);
    });
    uploader.addEventListener('attachment-progress', ({ detail }) => this.#progress(detail.uploadId, detail.file.name, detail.loaded, detail.total));
    uploader.addEventListener('attachment-completed', ({ detail }) => this.#announcer.add('completed', detail.file.name));
    uploader.addEventListener('attachment-error', ({ detail }) => {
      this.#started.delete(detail.uploadId);
      this.#announcer.add('failed', detail.file.name, s().errors[detail.code]);
    });
    uploader.addEventListener('attachment-abort', ({ detail }) => this.#started.delete(detail.uploadId));
    uploader.addEventListener('uploads-changed', ({ detail }) => this.#changed(detail.changed));
  }

  hostDisconnected(): void {
    this.#announcer.cancel();
  }

  #say(text: string, urgency: Urgency): void {
    // The same words twice in a row would not be read again; a trailing no-break space makes them new.
    this.said = { ...this.said, [urgency]: text === this.said[urgency].trimEnd() ? `${text}\u00a0` : text };
    this.#host.requestUpdate();
  }

  /** Scan verdicts and files leaving the list; only the files that changed are looked at. */
  #changed(ids: readonly string[]): void {
    for (const uploadId of ids) {
      const upload = this.#uploader.getUpload(uploadId);
      if (!upload) {
        this.#steps.delete(uploadId);
        this.#started.delete(uploadId);
        this.#scanRejected.delete(uploadId);
      } else if (upload.scanStatus === 'REJECTED' && !this.#scanRejected.has(uploadId)) {
        this.#scanRejected.add(uploadId);
        this.#announcer.add('scanRejected', upload.file.name);
      }
    }
    if (this.#uploader.summary.active === 0) this.#batchStep = 0;
  }

  /**
   * Progress in coarse steps (25, 50, 75 %): of the file when it is the only one running, of the
   * whole batch when several are. At 100 % the completion is what a user needs to hear instead.
   */
  #progress(uploadId: string, name: string, loaded: number, total: number): void {
    const fraction = total > 0 ? loaded / total : 0;
    const step = stepOf(fraction);
    if (step <= (this.#steps.get(uploadId) ?? 0)) return;
    this.#steps.set(uploadId, step);
    const s = this.#strings();
    const say = (at: number, words: (percent: string) => string) =>
      this.#announcer.now(words(formatPercent(PROGRESS_STEPS[at - 1] ?? 0, this.#locale())));
    const batch = batchOf(this.#uploader);
    if (!batch) {
      if (fraction < 1) say(step, (percent) => s.announceProgress(name, percent));
      return;
    }
    const batchStep = stepOf(batch.fraction);
    if (batchStep <= this.#batchStep) return;
    this.#batchStep = batchStep;
    say(batchStep, (percent) => s.announceBatchProgress(percent));
  }
}

/** The files not cancelled, while any still runs and there are several: how far they are together. */
export function batchOf(uploader: AttachmentUploader): { done: number; files: number; fraction: number } | undefined {
  const { files, cancelled, active, done, loaded, total } = uploader.summary;
  if (files - cancelled < 2 || active === 0) return undefined;
  return { done, files: files - cancelled, fraction: Math.min(0.99, loaded / Math.max(1, total)) };
}
