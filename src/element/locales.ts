/**
 * Where each language's words are: a file of its own, loaded by import() the first time a page
 * speaks it. This module is itself loaded only then (a page in English never loads it), so the
 * lookup and the list of files cost the element's module nothing. Bundlers make a chunk per
 * language from these calls; the CDN build puts each beside its module
 * (connect-attachment-upload-de.min.js). The classic-script build replaces this module with
 * ./locale-scripts.ts (see rollup.config.mjs).
 */
import { type Locale, localeOf } from './locale-of.js';
import type { UploadStrings } from './strings.js';

const FILES: Record<Exclude<Locale, 'en'>, () => Promise<{ default: UploadStrings }>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  id: () => import('./locales/id.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
  'zh-TW': () => import('./locales/zh-TW.js'),
};

/** The locale for `lang` and its words (none for English, whose words are the element's own). */
export async function loadLanguage(lang: string): Promise<[Locale, UploadStrings]> {
  const locale = localeOf(lang);
  return [locale, locale === 'en' ? {} : (await FILES[locale]()).default];
}
