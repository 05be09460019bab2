/**
 * One file of the list: what a sighted user and a screen reader are told about it, made from the
 * uploader's snapshot and drawn into its own `<li>`, drawn again only when its file changed.
 */
import { html, nothing, render } from 'lit';
import { ACTIVE_STATES, type UploadInfo } from '../pipeline/upload-list.js';
import { formatBytes, formatPercent } from './format.js';
import { CANCEL, REMOVE, RETRY, icon, typeIcon } from './icons.js';
import { type UploadStrings, errorText } from './strings.js';

export type ItemStatus = keyof UploadStrings['states'];

/** What an item's buttons do: the element's own methods. */
export interface ItemActions {
  cancel(uploadId: string): void;
  retry(uploadId: string): void;
  dismiss(uploadId: string): void;
}

function statusOf(upload: UploadInfo): ItemStatus {
  if (upload.state === 'done') {
    if (upload.scanStatus === 'REJECTED') return 'scanRejected';
    if (upload.scanStatus === 'IN_PROGRESS') return 'scanning';
    return 'done';
  }
  return upload.stalled ? 'stalled' : upload.state;
}

/**
 * Draws the file into its `<li part="item">`, made on first use. Progress shows while bytes move,
 * as a percentage that stays below 100 until Complete succeeded: the bytes are in S3, not yet in
 * the chat.
 */
export function drawItem(
  li: HTMLLIElement | undefined,
  upload: UploadInfo,
  s: UploadStrings,
  locale: string | undefined,
  preview: string | undefined,
  actions: ItemActions,
): HTMLLIElement {
  const { uploadId, state, error } = upload;
  const name = upload.file.name;
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
  const percent = Math.min(99, Math.floor((100 * upload.loaded) / Math.max(1, upload.total)));
  // Three actions, three icons and three names: Cancel stops a running upload, Retry sends it again,
  // Remove only takes a finished file off this list (a sent one stays in the chat).
  const button = (label: string, path: string, action: keyof ItemActions) =>
    html`<button type="button" class=${action} aria-label=${label} title=${label} @click=${() => actions[action](uploadId)}>
      ${icon(path)}
    </button>`;
  render(
    html`${preview
        ? html`<img part="preview" class="preview" src=${preview} alt="" />`
        : html`<span part="icon" class="preview">${typeIcon(upload.contentType)}</span>`}
      <span class="name">${name}</span>
      <span class="meta">${formatBytes(upload.file.size, locale)} · <span class="state">${s.states[status]}</span></span>
      ${state === 'uploading' || state === 'finalizing'
        ? html`<progress
            part="progress"
            aria-label=${s.progressLabel(name)}
            aria-valuetext=${s.progressText(
              formatPercent(percent / 100, locale),
              formatBytes(upload.loaded, locale),
              formatBytes(upload.total, locale),
            )}
            max="100"
            .value=${percent}
          ></progress>`
        : nothing}
      ${error ? html`<span part="error" class="error">${errorText(s, error)}</span>` : nothing}
      <span class="actions">
        ${active ? button(s.cancel(name), CANCEL, 'cancel') : nothing}
        ${state === 'cancelled' || (state === 'failed' && error?.retryable) ? button(s.retry(name), RETRY, 'retry') : nothing}
        ${active ? nothing : button(s.remove(name), REMOVE, 'dismiss')}
      </span>`,
    li,
  );
  return li;
}
