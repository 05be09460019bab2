/**
 * One file of the list: what a sighted user and a screen reader are told about it, made from the
 * uploader's snapshot and drawn into its own `<li>`, drawn again only when its file changed. In the
 * `compact` layout the same `<li>` is a chip: icon or preview, name, one short line, the bar, actions.
 */
import { html, nothing, render } from 'lit';
import { formatBytes } from '../pipeline/format-bytes.js';
import { isBeingScanned, isScanRejected } from '../pipeline/scan-verdict.js';
import { ACTIVE_STATES, type UploadInfo } from '../pipeline/upload-list.js';
import { displayName, formatPercent, percentOf, progressText } from './format.js';
import { CANCEL, OPEN, REMOVE, RETRY, icon, typeIcon } from './icons.js';
import { type Words, errorText } from './strings.js';

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

function statusOf(upload: UploadInfo): ItemStatus {
  if (upload.state === 'done') return isScanRejected(upload) ? 'scanRejected' : isBeingScanned(upload) ? 'scanning' : 'done';
  return upload.stalled ? 'stalled' : upload.state;
}

/**
 * Draws the file into its `<li part="item">`, made on first use. Progress shows while bytes move,
 * as a percentage that stays below 100 until Complete succeeded: the bytes are in S3, not yet in
 * the chat.
 */
export function drawItem(li: HTMLLIElement | undefined, upload: UploadInfo, preview: string | undefined, view: ItemView): HTMLLIElement {
  const { strings: s, locale, actions, compact } = view;
  const { uploadId, state, error } = upload;
  const name = displayName(upload.file.name);
  const status = statusOf(upload);
  if (!li) {
    li = document.createElement('li');
    li.part = 'item';
    li.dataset['id'] = uploadId;
    li.tabIndex = -1;
  }
  // Written only when it changes: the styles select on it, so each write restyles the item.
  if (li.dataset['state'] !== status) li.dataset['state'] = status;
  const active = ACTIVE_STATES.has(state);
  const running = state === 'uploading' || state === 'finalizing';
  // While bytes move the size gives way to how far they are: "45 % · 1.2 MB of 2.6 MB · 10 seconds left".
  const progress = running ? progressText(upload, s, locale) : '';
  const percent = percentOf(upload);
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
  render(
    html`${
        preview
          ? html`<img part="preview" class="preview" src=${preview} alt="" />`
          : html`<span part="icon" class="preview">${typeIcon(upload.contentType)}</span>`
      }
      <bdi class="name" title=${name}>${name}</bdi>
      ${
        compact
          ? // A chip has room for one short line: the percent while bytes move, else the state (the error in its tooltip).
            html`<span class="meta state" dir=${s.dir} title=${error ? errorText(s, error) : nothing}
              >${running ? formatPercent(percent / 100, locale) : s.states[status]}</span
            >`
          : html`<span class="meta" dir=${s.dir}
              ><span part="progress-text" class="progress-text">${progress || formatBytes(upload.file.size, locale)}</span> ·
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
      ${error ? html`<span part="error" class="error" dir=${s.dir}>${errorText(s, error)}</span>` : nothing}
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
