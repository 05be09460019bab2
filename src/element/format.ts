/**
 * Percentages in the words of the element's language, and file names as the element shows them.
 * Sizes are put into words by the core's formatBytes (format-bytes.ts), with the same cached
 * formatters; a file's progress line and time left are the file item's (file-item.ts).
 */
import { withoutBidiControls } from '../pipeline/bidi.js';
import { formatter } from '../pipeline/format-bytes.js';

/** `fraction` in 0..1 as a whole percentage ("45 %" or "45%" as the locale writes it). */
export function formatPercent(fraction: number, locale: string | undefined): string {
  return formatter(locale, 'percent').format(fraction);
}

/** A file's name as the element shows and says it, everywhere: without its bidi controls (see bidi.ts). */
export const displayName = withoutBidiControls;
