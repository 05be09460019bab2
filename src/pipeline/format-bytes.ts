/**
 * Numbers in words through Intl, cached per language and unit (building a formatter costs far more
 * than formatting, and a list formats on every progress tick), and the one place sizes are put into
 * words: the uploader's messages and the element's text alike. No DOM.
 *
 * Sizes are decimal (1 kB = 1000 bytes), the only byte units Intl names, so the label always
 * matches the number: never "MB" for 2^20 bytes. Bytes are written out in the language's plural
 * ("1 byte", "225 bytes"); larger units short ("10 kB", "2.6 MB").
 */
export type Unit = 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte' | 'percent' | 'second' | 'minute';

const cache = new Map<string | undefined, Partial<Record<Unit, Intl.NumberFormat>>>();

export function formatter(locale: string | undefined, unit: Unit): Intl.NumberFormat {
  let formats = cache.get(locale);
  if (!formats) cache.set(locale, (formats = {}));
  const short = unit !== 'byte' && unit.endsWith('byte');
  // The percent style shows whole percentages by default. kB, MB and GB are short, with a decimal
  // at most; bytes and durations whole and in words.
  return (formats[unit] ??= new Intl.NumberFormat(
    locale,
    unit === 'percent'
      ? { style: unit }
      : { style: 'unit', unit, maximumFractionDigits: short ? 1 : 0, unitDisplay: short ? 'short' : 'long' },
  ));
}

/**
 * `bytes` in the largest unit that keeps it at 1 or more ("10 kB" under a megabyte). A `limit` is
 * rounded down to the digit shown: "up to 20.9 MB" (Connect's 20,971,520 bytes) never promises more
 * than is taken.
 */
export function formatBytes(bytes: number, locale: string | undefined, limit?: boolean): string {
  if (limit) bytes -= bytes % (bytes >= 1e9 ? 1e8 : bytes >= 1e6 ? 1e5 : bytes >= 1e3 ? 100 : 1);
  const [unit, value]: [Unit, number] =
    bytes >= 1e9
      ? ['gigabyte', bytes / 1e9]
      : bytes >= 1e6
        ? ['megabyte', bytes / 1e6]
        : bytes >= 1e3
          ? ['kilobyte', bytes / 1e3]
          : ['byte', bytes];
  return formatter(locale, unit).format(value);
}
