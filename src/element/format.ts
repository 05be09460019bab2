/**
 * Sizes, percentages and durations in the words of the element's language, through Intl, and the
 * one line that tells how far a file's upload is. Formatters are cached per language and unit:
 * building one costs far more than formatting, and the list formats on every progress tick.
 *
 * Sizes are decimal (1 kB = 1000 bytes), the only byte units Intl names, so the label always
 * matches the number: never "MB" for 2^20 bytes. Bytes are written out in the language's plural
 * ("1 byte", "225 bytes"); larger units short ("2.6 MB").
 */
import type { UploadInfo } from '../pipeline/upload-list.js';
import type { UploadStrings } from './strings.js';

export type Unit = 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte' | 'percent' | 'second' | 'minute';

const cache = new Map<string | undefined, Partial<Record<Unit, Intl.NumberFormat>>>();

function formatter(locale: string | undefined, unit: Unit): Intl.NumberFormat {
  let formats = cache.get(locale);
  if (!formats) cache.set(locale, (formats = {}));
  const short = unit !== 'byte' && unit.endsWith('byte');
  // The percent style shows whole percentages by default. kB, MB and GB are short, with a decimal
  // at most; bytes and durations whole and in words.
  return (formats[unit] ??= new Intl.NumberFormat(
    locale,
    unit === 'percent' ? { style: unit } : { style: 'unit', unit, maximumFractionDigits: short ? 1 : 0, unitDisplay: short ? 'short' : 'long' },
  ));
}

/**
 * `bytes` in the largest unit that keeps it at 1 or more. A `limit` is rounded down to the digit
 * shown: "up to 20.9 MB" (Connect's 20,971,520 bytes) never promises more than is taken.
 */
export function formatBytes(bytes: number, locale: string | undefined, limit?: boolean): string {
  if (limit) bytes -= bytes % (bytes >= 1e9 ? 1e8 : bytes >= 1e6 ? 1e5 : bytes >= 1e3 ? 100 : 1);
  const [unit, value]: [Unit, number] =
    bytes >= 1e9 ? ['gigabyte', bytes / 1e9] : bytes >= 1e6 ? ['megabyte', bytes / 1e6] : bytes >= 1e3 ? ['kilobyte', bytes / 1e3] : ['byte', bytes];
  return formatter(locale, unit).format(value);
}

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return formatter(locale, 'percent').format(fraction);
}

/** A file's percentage: below 100 until Complete succeeded (the bytes are in S3, not yet in the chat). */
export const percentOf = (upload: Pick<UploadInfo, 'loaded' | 'total'>): number =>
  Math.min(99, Math.floor((100 * upload.loaded) / Math.max(1, upload.total)));

/**
 * The time-left estimator (time-left.ts), loaded by import() the first time a file's bytes move:
 * the page's first load does not wait for code no file needs before then. Until it arrives (a
 * render or two) the line shows no time left, as it does anyway for the first 3 s. It imports
 * nothing: the formatter is passed in.
 */
let estimator: typeof import('./time-left.js') | undefined;
let loading: Promise<unknown> | undefined;

/**
 * The visible line of a running file, "45 % · 1.2 MB of 2.6 MB · 10 seconds left": the one place
 * it is made, for the list and any other view of a file.
 */
export function progressText(upload: UploadInfo, s: UploadStrings, locale: string | undefined): string {
  const text = s.progressText(
    formatPercent(percentOf(upload) / 100, locale),
    formatBytes(upload.loaded, locale),
    formatBytes(upload.total, locale),
  );
  // A part that cannot be loaded (offline) is asked for again at the next line; no time left meanwhile.
  loading ??= import('./time-left.js').then(
    (module) => (estimator = module),
    () => (loading = undefined),
  );
  const left = estimator?.timeLeft(upload, s, (unit, value) => formatter(locale, unit).format(value)) ?? '';
  return left ? `${text} · ${left}` : text;
}
