/** Sizes and percentages in the words of the element's language, through Intl. */

export function formatBytes(bytes: number, locale: string | undefined): string {
  const [unit, value] =
    bytes >= 1024 * 1024 ? ['megabyte', bytes / (1024 * 1024)] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
