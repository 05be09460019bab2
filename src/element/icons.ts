/**
 * The element's icons: inline SVG drawn with `currentColor` (no request, nothing for a strict CSP to
 * block), one 24-unit grid and one stroke style set in the stylesheet, so each icon costs its path.
 * Every icon is decorative: the button or item it sits in carries the words. The file items' icons
 * are drawn by file-item.ts, loaded with them.
 */
import { svg, type SVGTemplateResult } from 'lit';

export const icon = (d: string, label?: string): SVGTemplateResult =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d} />${label ? svg`<text x="12" y="19">${label}</text>` : ''}</svg>`;

/** Attach files: the composer's paperclip. */
export const PAPERCLIP = 'M21 11l-9 9a6 6 0 0 1-8.5-8.5l9-9a4 4 0 0 1 5.7 5.7l-9 9a2 2 0 0 1-2.9-2.9l8.3-8.3';
