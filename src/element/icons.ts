/**
 * The element's icons: inline SVG drawn with `currentColor` (no request, nothing for a strict CSP to
 * block), one 24-unit grid and one stroke style set in the stylesheet, so each icon costs its path.
 * Every icon is decorative: the button or item it sits in carries the words.
 */
import { svg, type SVGTemplateResult } from 'lit';

export const icon = (d: string, label?: string): SVGTemplateResult =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d} />${label ? svg`<text x="12" y="19">${label}</text>` : ''}</svg>`;

/** Cancel a running upload: the usual stop cross. */
export const CANCEL = 'M6 6l12 12M18 6 6 18';
/** Remove a finished file from the list: a minus, so it never reads as "delete from the chat". */
export const REMOVE = 'M6 12h12';
/** Open a sent file: an arrow out of a box, as links to a new tab show. */
export const OPEN = 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5';
/** Try again: a circular arrow. */
export const RETRY = 'M21 4v6h-6M19 15a8 8 0 1 1-2-8.5l4 3.5';

/** Attach files: the composer's paperclip. */
export const PAPERCLIP = 'M21 11l-9 9a6 6 0 0 1-8.5-8.5l9-9a4 4 0 0 1 5.7 5.7l-9 9a2 2 0 0 1-2.9-2.9l8.3-8.3';

/** A page with a folded corner: every file type's icon starts from it. */
const PAGE = 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm0 0v6h6';

/** Content type → what the page shows: a short label, or a mark drawn on it (audio, video). */
const TYPES: readonly (readonly [RegExp, string, string?])[] = [
  [/pdf/, 'PDF'],
  [/sheet|excel|csv/, 'XLS'],
  [/presentation|powerpoint/, 'PPT'],
  [/word|rtf|opendocument\.text/, 'DOC'],
  [/^text/, 'TXT'],
  [/^image/, 'IMG'],
  [/^audio/, '', 'M10 19v-6l5-1v5'],
  [/^video/, '', 'M10 12v6l5-3z'],
];

/** The icon of a file that has no preview: PDF, document, sheet, slides, text, image, audio, video, or a plain page. */
export function typeIcon(contentType: string): SVGTemplateResult {
  const [, label, mark = ''] = TYPES.find(([type]) => type.test(contentType)) ?? [];
  return icon(PAGE + mark, label);
}
