/**
 * The classic script's way to a language (it cannot import()): a script per language, beside the
 * classic script (connect-attachment-upload-de.js), that registers its words in
 * `self.connectAttachmentUploadLocales`. A page may add that script itself, before or after this
 * one; else it is added when the language is first needed. Stands in for ./locales.ts in the
 * classic-script build only (see rollup.config.mjs).
 */
import { type Locale, localeOf } from './locale-of.js';
import type { UploadStrings } from './strings.js';

declare global {
  var connectAttachmentUploadLocales: Record<string, UploadStrings> | undefined;
}

/** Read while this script runs: later, `document.currentScript` names whichever script runs then. */
const base = (document.currentScript as HTMLScriptElement | null)?.src;

/** The locale for `lang` and its words (none for English, whose words are the element's own). */
export function loadLanguage(lang: string): Promise<[Locale, UploadStrings]> {
  const locale = localeOf(lang);
  const registered = () => (locale === 'en' ? {} : globalThis.connectAttachmentUploadLocales?.[locale]);
  return new Promise((resolve, reject) => {
    const words = registered();
    if (words) return resolve([locale, words]);
    if (!base) return reject(new Error(`no words registered for ${locale}`));
    const script = document.createElement('script');
    script.src = new URL(`connect-attachment-upload-${locale}.js`, base).href;
    script.onload = () => {
      const words = registered();
      if (words) resolve([locale, words]);
      else reject(new Error(`${script.src} registered no words`));
    };
    script.onerror = () => reject(new Error(`${script.src} did not load`));
    document.head.append(script);
  });
}
