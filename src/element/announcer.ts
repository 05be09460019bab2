/**
 * What the live regions say. News is collected for a moment and then said once: one file's news
 * in its own words, many files' news as one summary, so a screen reader is not flooded when
 * thirty files finish together. Failures go to the assertive region. No DOM: it hands out text.
 */
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
