/**
 * One file of the list: what a sighted user and a screen reader are told about it, made from the
 * uploader's snapshot and drawn into its own `<li>`, drawn again only when its file changed. In the
 * `compact` layout the same `<li>` is a chip: icon or preview, name, one short line, the bar, actions.
 *
 * Loaded by import() when the list gets its first file (a chat where nobody attaches anything never
 * needs it), it imports nothing at run time: Lit and the shared rules come in the `ViewKit`.
 */
import type { UploadInfo } from '../pipeline/upload-list.js';
import type { Words } from './strings.js';
import type { ViewKit } from './view-kit.js';

export type ItemStatus = keyof Words['states'];

/** What an item's buttons do: the element's own methods. */
export interface ItemActions {
  cancel(uploadId: string): void;
  retry(uploadId: string): void;
  dismiss(uploadId: string): void;
  open(uploadId: string): unknown;
  /** Whether the file gets an Open button (`open-sent`, and the scan approved it when one reports). */
  canOpen(upload: UploadInfo): boolean;
}

/** How an item is drawn: the words, the language, what its buttons do, the layout. */
export interface ItemView {
  strings: Words;
  locale: string | undefined;
  actions: ItemActions;
  compact: boolean;
}

/** Cancel a running upload: the usual stop cross. */
const CANCEL = 'M6 6l12 12M18 6 6 18';
/** Remove a finished file from the list: a minus, so it never reads as "delete from the chat". */
const REMOVE = 'M6 12h12';
/** Open a sent file: an arrow out of a box, as links to a new tab show. */
const OPEN = 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5';
/** Try again: a circular arrow. */
const RETRY = 'M21 4v6h-6M19 15a8 8 0 1 1-2-8.5l4 3.5';

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

/** A file's percentage: below 100 until Complete succeeded (the bytes are in S3, not yet in the chat). */
const percentOf = (upload: Pick<UploadInfo, 'loaded' | 'total'>): number =>
  Math.min(99, Math.floor((100 * upload.loaded) / Math.max(1, upload.total)));

/**
 * What the time left is estimated from, per file: throughput as an exponential moving average, so
 * one fast or slow moment moves it little. Kept by File (the snapshot changes, the File does not),
 * in a WeakMap: nothing to clean up, and no timer: it moves only when progress is drawn.
 */
interface Estimate {
  /** The last sample. */
  at: number;
  loaded: number;
  /** Bytes per millisecond, smoothed. */
  rate: number;
  /** What was last shown and when (at first, 2 s ahead: nothing shows for 3 s): it changes at most once a second. */
  shownAt: number;
  shown: string;
}
const estimates = new WeakMap<File, Estimate>();

/** Seconds for new samples to outweigh the old: long enough to be calm, short enough to follow a change. */
const SMOOTHING_MS = 3000;

/**
 * "12 seconds left", "3 minutes left": only after 3 s of transfer (before that nothing is known),
 * rounded (5 s steps under a minute, then minutes) and changed at most once a second.
 */
export function timeLeft(
  { formatter }: ViewKit,
  upload: UploadInfo,
  s: Words,
  locale: string | undefined,
  now = performance.now(),
): string {
  const estimate = estimates.get(upload.file);
  // A new upload, or a retry that started over: the old samples say nothing.
  if (!estimate || upload.loaded < estimate.loaded) {
    estimates.set(upload.file, { at: now, loaded: upload.loaded, rate: 0, shownAt: now + 2000, shown: '' });
    return '';
  }
  const elapsed = now - estimate.at;
  if (elapsed > 0) {
    const sample = (upload.loaded - estimate.loaded) / elapsed;
    const weight = Math.min(1, elapsed / SMOOTHING_MS);
    estimate.rate = estimate.rate ? estimate.rate + weight * (sample - estimate.rate) : sample;
    estimate.at = now;
    estimate.loaded = upload.loaded;
  }
  // Nothing is left to send once the bytes are out (S3 is answering), nor known while stalled.
  if (upload.state !== 'uploading' || upload.stalled || upload.loaded >= upload.total) return '';
  if (now - estimate.shownAt < 1000 || !estimate.rate) return estimate.shown;
  const seconds = (upload.total - upload.loaded) / estimate.rate / 1000;
  estimate.shownAt = now;
  return (estimate.shown = s.timeLeft({
    time:
      seconds < 55
        ? formatter(locale, 'second').format(Math.max(5, Math.ceil(seconds / 5) * 5))
        : formatter(locale, 'minute').format(Math.round(seconds / 60)),
  }));
}

/**
 * Draws the file into its `<li part="item">`, made on first use. Progress shows while bytes move,
 * as a percentage that stays below 100 until Complete succeeded: the bytes are in S3, not yet in
 * the chat.
 */
export function drawItem(
  kit: ViewKit,
  li: HTMLLIElement | undefined,
  upload: UploadInfo,
  preview: string | undefined,
  view: ItemView,
): HTMLLIElement {
  const { html, nothing, icon, formatter } = kit;
  const { strings: s, locale, actions, compact } = view;
  const { uploadId, state, error } = upload;
  const name = kit.displayName(upload.file.name);
  const status: ItemStatus =
    state === 'done'
      ? kit.isScanRejected(upload)
        ? 'scanRejected'
        : kit.isBeingScanned(upload)
          ? 'scanning'
          : 'done'
      : upload.stalled
        ? 'stalled'
        : state;
  if (!li) {
    li = document.createElement('li');
    li.part = 'item';
    li.dataset['id'] = uploadId;
    li.tabIndex = -1;
  }
  // Written only when it changes: the styles select on it, so each write restyles the item.
  if (li.dataset['state'] !== status) li.dataset['state'] = status;
  const active = kit.ACTIVE_STATES.has(state);
  const running = state === 'uploading' || state === 'finalizing';
  const percent = percentOf(upload);
  const percentText = running ? formatter(locale, 'percent').format(percent / 100) : '';
  // While bytes move the size gives way to how far they are: "45 % · 1.2 MB of 2.6 MB · 10 seconds left".
  let progress = '';
  if (running) {
    progress = s.progressText({
      percent: percentText,
      loaded: kit.formatBytes(upload.loaded, locale),
      total: kit.formatBytes(upload.total, locale),
    });
    const left = timeLeft(kit, upload, s, locale);
    if (left) progress += ` · ${left}`;
  }
  const errorWords = error && kit.errorText(s, error);
  // The icon of a file without a preview: PDF, document, sheet, slides, text, image, audio, video, or a plain page.
  const [, label, mark = ''] = TYPES.find(([type]) => type.test(upload.contentType)) ?? [];
  // Four actions, four icons and four names: Open shows a sent file, Cancel stops a running upload,
  // Retry sends it again, Remove only takes a finished file off this list (a sent one stays in the chat).
  const button = (label: string, path: string, action: Exclude<keyof ItemActions, 'canOpen'>) =>
    html`<button
      type="button"
      class=${action}
      part=${action === 'open' ? action : nothing}
      aria-label=${label}
      title=${label}
      @click=${() => actions[action](uploadId)}
    >
      ${icon(path)}
    </button>`;
  kit.render(
    html`${
        preview
          ? html`<img part="preview" class="preview" src=${preview} alt="" />`
          : html`<span part="icon" class="preview">${icon(PAGE + mark, label)}</span>`
      }
      <bdi class="name" title=${name}>${name}</bdi>
      ${
        compact
          ? // A chip has room for one short line: the percent while bytes move, else the state (the error in its tooltip).
            html`<span class="meta state" dir=${s.dir} title=${errorWords || nothing}>${running ? percentText : s.states[status]}</span>`
          : html`<span class="meta" dir=${s.dir}
              ><span part="progress-text" class="progress-text">${progress || kit.formatBytes(upload.file.size, locale)}</span> ·
              <span class="state">${s.states[status]}</span></span
            >`
      }
      ${
        running
          ? html`<progress
              part="progress"
              aria-label=${s.progressLabel({ name })}
              aria-valuetext=${progress}
              max="100"
              .value=${percent}
            ></progress>`
          : nothing
      }
      ${errorWords ? html`<span part="error" class="error" dir=${s.dir}>${errorWords}</span>` : nothing}
      <span class="actions">
        ${actions.canOpen(upload) ? button(s.open({ name }), OPEN, 'open') : nothing}
        ${active ? button(s.cancel({ name }), CANCEL, 'cancel') : nothing}
        ${state === 'cancelled' || (state === 'failed' && error?.retryable) ? button(s.retry({ name }), RETRY, 'retry') : nothing}
        ${active ? nothing : button(s.remove({ name }), REMOVE, 'dismiss')}
      </span>`,
    li,
  );
  return li;
}
