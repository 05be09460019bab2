/** The element's default look; every colour and size comes from a documented custom property. */
import { type CSSResult, unsafeCSS } from 'lit';

/**
 * Our styles are one constant with nothing interpolated, so Lit's own css tag, whose extra code only
 * checks interpolated values, is not needed: this tag makes the same CSSResult for 160 B gzip less
 * in the CDN file. Nothing from outside ever reaches it. (The CDN build minifies the template.)
 */
const css = (strings: TemplateStringsArray): CSSResult => unsafeCSS(strings.raw[0]);

export const styles = css`
  :host {
    --connect-attachment-upload-accent: #0b66c3;
    --connect-attachment-upload-accent-text: #ffffff;
    --connect-attachment-upload-border: #8a94a3;
    --connect-attachment-upload-background: transparent;
    --connect-attachment-upload-text: inherit;
    --connect-attachment-upload-muted: #5a6270;
    --connect-attachment-upload-error: #b3261e;
    --connect-attachment-upload-success: #1e7a34;
    --connect-attachment-upload-radius: 8px;
    --connect-attachment-upload-gap: 0.5rem;
    --connect-attachment-upload-preview-size: 2.5rem;
    --connect-attachment-upload-chips-max-height: 7.5rem;
    --connect-attachment-upload-overlay: rgb(11 102 195 / 0.15);
    display: block;
    color: var(--connect-attachment-upload-text);
    /* A page's own alignment (text-align: center on a body) does not reach into the rows. */
    text-align: start;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --connect-attachment-upload-accent: #7cb8ff;
      --connect-attachment-upload-accent-text: #0a1a2e;
      --connect-attachment-upload-border: #7d8796;
      --connect-attachment-upload-muted: #b4bcc8;
      --connect-attachment-upload-error: #ffb4ab;
      --connect-attachment-upload-success: #8fd9a0;
      --connect-attachment-upload-overlay: rgb(124 184 255 / 0.2);
    }
  }
  :host([hidden]) {
    display: none;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  li:focus-visible {
    outline: 3px solid var(--connect-attachment-upload-accent);
    outline-offset: 2px;
  }
  .dropzone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: var(--connect-attachment-upload-gap);
    box-sizing: border-box;
    width: 100%;
    padding: 1rem;
    border: 2px dashed var(--connect-attachment-upload-border);
    border-radius: var(--connect-attachment-upload-radius);
    background: var(--connect-attachment-upload-background);
    text-align: center;
  }
  .dropzone.dragging {
    border-style: solid;
    border-color: var(--connect-attachment-upload-accent);
  }
  .choose,
  .start,
  .preview,
  .rejections button,
  .actions button {
    border-radius: calc(var(--connect-attachment-upload-radius) / 2);
  }
  .choose,
  .start,
  .rejections button,
  .actions button {
    border: 1px solid var(--connect-attachment-upload-accent);
  }
  .choose,
  .start {
    background: var(--connect-attachment-upload-accent);
    color: var(--connect-attachment-upload-accent-text);
    padding: 0.35rem 0.8rem;
  }
  .start {
    margin-top: var(--connect-attachment-upload-gap);
  }
  .summary,
  .hint,
  ul {
    margin: var(--connect-attachment-upload-gap) 0 0;
  }
  ul {
    list-style: none;
    padding: 0;
  }
  /* Block layout with margins rather than a grid with gaps: a render that changes a few items
     re-lays out those items, not the whole list's grid. */
  li + li {
    margin-top: var(--connect-attachment-upload-gap);
  }
  .rejections li {
    display: flex;
  }
  .rejections li > span {
    flex: 1;
    align-self: center;
  }
  .dismiss-all {
    margin-top: var(--connect-attachment-upload-gap);
  }
  li {
    /* Items out of view skip style, layout and paint: a long list costs what its visible part costs. */
    content-visibility: auto;
    contain-intrinsic-size: auto 3rem;
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.25rem var(--connect-attachment-upload-gap);
    align-items: center;
    padding: 0.5rem;
    border: 1px solid var(--connect-attachment-upload-border);
    border-radius: var(--connect-attachment-upload-radius);
  }
  li > :not(.preview):not(.actions) {
    grid-column: 2;
  }
  .preview {
    grid-row: 1 / span 3;
    grid-column: 1;
    width: var(--connect-attachment-upload-preview-size);
    height: var(--connect-attachment-upload-preview-size);
    object-fit: cover;
  }
  .preview svg {
    width: 100%;
    height: 100%;
    stroke-width: 1.5;
    color: var(--connect-attachment-upload-muted);
  }
  text {
    font: 700 6px sans-serif;
    fill: currentColor;
    stroke: none;
    text-anchor: middle;
  }
  .name {
    unicode-bidi: isolate;
    overflow-wrap: anywhere;
    font-weight: 600;
  }
  .summary,
  .hint,
  .meta {
    color: var(--connect-attachment-upload-muted);
  }
  .meta {
    font-size: 0.875em;
    /* Digits of one width: the progress line does not shake as its numbers change. */
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    gap: 0.25rem;
    grid-column: 3;
    grid-row: 1 / span 2;
  }
  .rejections button,
  .actions button {
    min-width: 2rem;
    min-height: 2rem;
    padding: 0;
    background: transparent;
    color: var(--connect-attachment-upload-accent);
  }
  /* The arrow out of the box points to the line's end: up and to the left, right to left. */
  .open:dir(rtl) svg {
    transform: scaleX(-1);
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    vertical-align: middle;
  }
  progress {
    width: 100%;
    accent-color: var(--connect-attachment-upload-accent);
  }
  [data-state='done'] .state {
    color: var(--connect-attachment-upload-success);
  }
  [data-state='failed'] .state,
  [data-state='scanRejected'] .state,
  .error,
  .rejections [dir] {
    color: var(--connect-attachment-upload-error);
  }
  /* Over the drop-target while files are dragged over it; lets the drag events through to it. */
  .overlay {
    position: fixed;
    z-index: 2147483647;
    display: grid;
    place-items: center;
    box-sizing: border-box;
    border: 3px dashed var(--connect-attachment-upload-accent);
    border-radius: var(--connect-attachment-upload-radius);
    background: var(--connect-attachment-upload-overlay);
    color: var(--connect-attachment-upload-accent);
    font-weight: 700;
    pointer-events: none;
  }
  /* compact: the paperclip and, above it, chips that wrap and scroll past two rows. */
  :host([compact]) {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
  }
  :host([compact]) .bar {
    display: flex;
    align-items: flex-end;
    gap: var(--connect-attachment-upload-gap);
    width: 100%;
  }
  ::slotted(*) {
    flex: 1 1 auto;
    min-width: 0;
  }
  :host([compact]) .dropzone {
    width: auto;
    padding: 0.5rem;
    border-style: solid;
  }
  :host([compact]) .dropzone.dragging {
    background: var(--connect-attachment-upload-accent);
    color: var(--connect-attachment-upload-accent-text);
  }
  :host([compact]) ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--connect-attachment-upload-gap);
    box-sizing: border-box;
    width: 100%;
    max-height: var(--connect-attachment-upload-chips-max-height);
    overflow-y: auto;
    margin: 0 0 var(--connect-attachment-upload-gap);
  }
  :host([compact]) li {
    content-visibility: visible;
    grid-template-columns: auto minmax(0, 1fr) auto;
    gap: 0 0.375rem;
    max-width: min(100%, 11rem);
    margin: 0;
    padding: 0.25rem;
    font-size: 0.875em;
  }
  :host([compact]) .name {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  :host([compact]) .preview,
  :host([compact]) .actions button {
    width: 1.75rem;
    min-width: 0;
    height: 1.75rem;
    min-height: 0;
  }
  :host([compact]) progress {
    height: 0.25rem;
  }
  :host([compact]) [data-state='failed'],
  :host([compact]) [data-state='scanRejected'] {
    border-color: var(--connect-attachment-upload-error);
  }
  /* Fingers: every action at least 44 × 44 px (WCAG 2.5.5), and a chip wide enough for a name, up
     to the whole row on a phone. */
  @media (pointer: coarse) {
    .dropzone,
    .start,
    .rejections button,
    .actions button,
    :host([compact]) .actions button {
      min-width: 44px;
      min-height: 44px;
    }
    :host([compact]) li {
      flex: 1 1 15rem;
      max-width: 100%;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .dropzone {
      transition: border-color 120ms ease-out;
    }
  }
  @media (forced-colors: active) {
    .dropzone,
    li,
    .rejections button,
    .actions button,
    .choose,
    .start {
      border-color: ButtonText;
    }
    .dropzone.dragging {
      border-color: Highlight;
    }
    .choose,
    .start {
      background: ButtonFace;
      color: ButtonText;
    }
    .error,
    .rejections [dir],
    [data-state] .state {
      color: CanvasText;
    }
  }
  /* The live regions, and a chip's error (its tooltip shows it): no padding or border to undo. */
  /* While the page's language loads (at most 1.5 s), its text is hidden, not shown in English;
     the composer's own content (the default slot) stays. Only the holders of text are named, and
     their contents inherit: the states are set at every render, and Chromium restyles each subject
     of a state rule then, so a rule on every element would restyle every item every render. */
  :host(:state(waiting-words)) :is(.dropzone, ul, .start, .hint, .rejections, .summary, .overlay) {
    visibility: hidden;
  }
  .visually-hidden,
  :host([compact]) .error {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
