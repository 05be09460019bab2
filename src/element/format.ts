/**
 * Percentages and durations in the words of the element's language, and the one line that tells
 * how far a file's upload is. Sizes are put into words by the core's formatBytes (format-bytes.ts),
 * with the same cached formatters.
 */
import { formatBytes, formatter } from '../pipeline/format-bytes.js';
import type { UploadInfo } from '../pipeline/upload-list.js';
import type { Words } from './strings.js';

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return formatter(locale, 'percent').format(fraction);
}

/** A file's percentage: below 100 until Complete succeeded (the bytes are in S3, not yet in the chat). */
export const percentOf = (upload: Pick<UploadInfo, 'loaded' | 'total'>): number =>
  Math.min(99, Math.floor((100 * upload.loaded) / Math.max(1, upload.total)));

/**
 * What the time left is estimated from, per file: throughput as an exponential moving average, so
 * one fast or slow moment moves it little. Kept by File (the snapshot changes, the File does not),
 * in a WeakMap: nothing to clean up, and no timer: it moves only when progress is drawn.
 */
interface Estimate {
  /** The last sample. */
  at: number;
  loaded: number;
  /** Bytes per millisecond, smoothed. */
  rate: number;
  /** What was last shown and when (at first, 2 s ahead: nothing shows for 3 s): it changes at most once a second. */
  shownAt: number;
  shown: string;
}
const estimates = new WeakMap<File, Estimate>();

/** Seconds for new samples to outweigh the old: long enough to be calm, short enough to follow a change. */
const SMOOTHING_MS = 3000;

/**
 * "12 seconds left", "3 minutes left": only after 3 s of transfer (before that nothing is known),
 * rounded (5 s steps under a minute, then minutes) and changed at most once a second.
 */
export function timeLeft(upload: UploadInfo, s: Words, locale: string | undefined, now = performance.now()): string {
  const estimate = estimates.get(upload.file);
  // A new upload, or a retry that started over: the old samples say nothing.
  if (!estimate || upload.loaded < estimate.loaded) {
    estimates.set(upload.file, { at: now, loaded: upload.loaded, rate: 0, shownAt: now + 2000, shown: '' });
    return '';
  }
  const elapsed = now - estimate.at;
  if (elapsed > 0) {
    const sample = (upload.loaded - estimate.loaded) / elapsed;
    const weight = Math.min(1, elapsed / SMOOTHING_MS);
    estimate.rate = estimate.rate ? estimate.rate + weight * (sample - estimate.rate) : sample;
    estimate.at = now;
    estimate.loaded = upload.loaded;
  }
  // Nothing is left to send once the bytes are out (S3 is answering), nor known while stalled.
  if (upload.state !== 'uploading' || upload.stalled || upload.loaded >= upload.total) return '';
  if (now - estimate.shownAt < 1000 || !estimate.rate) return estimate.shown;
  const seconds = (upload.total - upload.loaded) / estimate.rate / 1000;
  estimate.shownAt = now;
  return (estimate.shown = s.timeLeft({
    time:
      seconds < 55
        ? formatter(locale, 'second').format(Math.max(5, Math.ceil(seconds / 5) * 5))
        : formatter(locale, 'minute').format(Math.round(seconds / 60)),
  }));
}

/**
 * A file's name as the element shows and says it, everywhere: without the bidi controls (embeddings,
 * overrides, isolates, marks), which `<bdi>` does not neutralise inside a name, so
 * `invoice\u202Efdp.exe` cannot pass for `invoiceexe.pdf`: the real extension is what is seen.
 * The `File` and the AttachmentName sent to Connect keep the name as it is. Unicode's Bidi_Control
 * property is exactly U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069.
 */
export const displayName = (name: string): string => name.replace(/\p{Bidi_C}/gu, '');

/**
 * The visible line of a running file, "45 % · 1.2 MB of 2.6 MB · 10 seconds left": the one place
 * it is made, for the list and any other view of a file.
 */
export function progressText(upload: UploadInfo, s: Words, locale: string | undefined): string {
  const text = s.progressText({
    percent: formatPercent(percentOf(upload) / 100, locale),
    loaded: formatBytes(upload.loaded, locale),
    total: formatBytes(upload.total, locale),
  });
  const left = timeLeft(upload, s, locale);
  return left ? `${text} · ${left}` : text;
}
