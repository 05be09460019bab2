/**
 * Percentages in the words of the element's language, and file names as the element shows them.
 * Sizes are put into words by the core's formatBytes (format-bytes.ts), with the same cached
 * formatters; a file's progress line and time left are the file item's (file-item.ts).
 */
import { formatter } from '../pipeline/format-bytes.js';

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return formatter(locale, 'percent').format(fraction);
}

/**
 * A file's name as the element shows and says it, everywhere: without the bidi controls (embeddings,
 * overrides, isolates, marks), which `<bdi>` does not neutralise inside a name, so
 * `invoice\u202Efdp.exe` cannot pass for `invoiceexe.pdf`: the real extension is what is seen.
 * The `File` and the AttachmentName sent to Connect keep the name as it is. Unicode's Bidi_Control
 * property is exactly U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069.
 */
export const displayName = (name: string): string => name.replace(/\p{Bidi_C}/gu, '');
