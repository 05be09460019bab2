/**
 * Sizes and percentages in the words of the element's language, through Intl. Formatters are
 * cached: building one costs far more than formatting, and the list formats on every progress tick.
 */

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${options.style}|${options.unit ?? ''}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

export function formatBytes(bytes: number, locale: string | undefined): string {
  const [unit, value] =
    bytes >= 1024 * 1024 ? ['megabyte', bytes / (1024 * 1024)] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
  return formatter(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return formatter(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
