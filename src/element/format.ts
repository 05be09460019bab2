/**
 * Sizes and percentages in the words of the element's language, through Intl. Formatters are
 * cached per language and unit: building one costs far more than formatting, and the list formats
 * on every progress tick (the lookup builds no key and no options object).
 */

type Unit = 'byte' | 'kilobyte' | 'megabyte' | 'percent';

const cache = new Map<string | undefined, Partial<Record<Unit, Intl.NumberFormat>>>();

function formatter(locale: string | undefined, unit: Unit): Intl.NumberFormat {
  let formats = cache.get(locale);
  if (!formats) cache.set(locale, (formats = {}));
  // The percent style shows whole percentages by default; sizes get one decimal at most.
  return (formats[unit] ??= new Intl.NumberFormat(
    locale,
    unit === 'percent' ? { style: unit } : { style: 'unit', unit, maximumFractionDigits: 1 },
  ));
}

export function formatBytes(bytes: number, locale: string | undefined): string {
  const [unit, value]: [Unit, number] =
    bytes >= 1024 * 1024 ? ['megabyte', bytes / (1024 * 1024)] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
  return formatter(locale, unit).format(value);
}

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return formatter(locale, 'percent').format(fraction);
}
