/** The languages the element speaks, and which of them a `lang` gets: the rule both ways of loading them follow. */

/** English is inside the element's module; each other language is a file of its own (./locales). */
export const LOCALES = ['en', 'ar', 'de', 'es', 'fr', 'he', 'id', 'it', 'ja', 'ko', 'pt-BR', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * BCP 47 lookup: the exact tag, then its language alone (`pt-PT` → `pt` → `pt-BR`, the only
 * Portuguese; `de-AT` → `de`), then English. Chinese goes by script or region: Traditional for
 * `zh-Hant`, `zh-TW`, `zh-HK` and `zh-MO`, else Simplified. `iw` is Hebrew's old code.
 */
export function localeOf(lang: string | undefined): Locale {
  const tag = lang?.toLowerCase() ?? '';
  const language = tag.split('-')[0] === 'iw' ? 'he' : tag.split('-')[0];
  if (language === 'zh') return /^zh-(hant|tw|hk|mo)/.test(tag) ? 'zh-TW' : 'zh-CN';
  return LOCALES.find((locale) => locale.toLowerCase() === tag) ?? LOCALES.find((locale) => locale.split('-')[0] === language) ?? 'en';
}
