/**
 * One file of the list: its view-model (what a sighted user and a screen reader are told about
 * it) made from the uploader's snapshot, and its template. Each item is drawn into its own `<li>`
 * and drawn again only when its file changed.
 */
import { html, nothing, render } from 'lit';
import type { UploadInfo } from '../pipeline/upload-list.js';
import { formatBytes, formatPercent } from './format.js';
import { type UploadStrings, errorText } from './strings.js';

export type ItemStatus =
  | 'queued'
  | 'starting'
  | 'uploading'
  | 'finalizing'
  | 'done'
  | 'failed'
  | 'cancelled'
  | 'stalled'
  | 'scanning'
  | 'scanRejected';

export interface ItemView {
  uploadId: string;
  name: string;
  status: ItemStatus;
  size: string;
  /** Shown while bytes move: a percentage that stays below 100 until Complete succeeded. */
  progress: { percent: number; text: string } | undefined;
  error: string | undefined;
  preview: string | undefined;
  canCancel: boolean;
  canRetry: boolean;
  canRemove: boolean;
}

export interface ItemActions {
  cancel(uploadId: string): void;
  retry(uploadId: string): void;
  remove(uploadId: string): void;
}

function statusOf(upload: UploadInfo): ItemStatus {
  if (upload.state === 'done') {
    if (upload.scanStatus === 'REJECTED') return 'scanRejected';
    if (upload.scanStatus === 'IN_PROGRESS') return 'scanning';
    return 'done';
  }
  return upload.stalled ? 'stalled' : upload.state;
}

/** The percentage stays below 100 until Complete succeeded: the bytes are in S3, not yet in the chat. */
function percentOf(upload: UploadInfo): number {
  if (upload.state === 'done') return 100;
  return Math.min(99, Math.floor((100 * upload.loaded) / Math.max(1, upload.total)));
}

const ACTIVE = new Set(['queued', 'starting', 'uploading', 'finalizing']);

export function itemView(
  upload: UploadInfo,
  s: UploadStrings,
  locale: string | undefined,
  preview: (upload: UploadInfo) => string | undefined,
): ItemView {
  const showProgress = upload.state === 'uploading' || upload.state === 'finalizing';
  const percent = percentOf(upload);
  return {
    uploadId: upload.uploadId,
    name: upload.file.name,
    status: statusOf(upload),
    size: formatBytes(upload.file.size, locale),
    progress: showProgress
      ? {
          percent,
          text: s.progressText(formatPercent(percent / 100, locale), formatBytes(upload.loaded, locale), formatBytes(upload.total, locale)),
        }
      : undefined,
    error: upload.error ? errorText(s, upload.error) : undefined,
    preview: preview(upload),
    canCancel: ACTIVE.has(upload.state),
    canRetry: upload.state === 'cancelled' || (upload.state === 'failed' && upload.error?.retryable === true),
    canRemove: !ACTIVE.has(upload.state),
  };
}

function itemContent(view: ItemView, s: UploadStrings, actions: ItemActions) {
  const { uploadId, name } = view;
  const button = (label: string, glyph: string, action: (id: string) => void) =>
    html`<button class="secondary" type="button" aria-label=${label} title=${label} @click=${() => action(uploadId)}>
      <span aria-hidden="true">${glyph}</span>
    </button>`;
  return html`${view.preview ? html`<img part="preview" class="preview" src=${view.preview} alt="" />` : nothing}
    <span class="name">${name}</span>
    <span class="meta">${view.size} · <span class="state">${s.states[view.status]}</span></span>
    ${view.progress
      ? html`<progress
          part="progress"
          aria-label=${s.progressLabel(name)}
          aria-valuetext=${view.progress.text}
          max="100"
          .value=${view.progress.percent}
        ></progress>`
      : nothing}
    ${view.error ? html`<span part="error" class="error">${view.error}</span>` : nothing}
    <span class="actions">
      ${view.canCancel ? button(s.cancel(name), '✕', actions.cancel) : nothing}
      ${view.canRetry ? button(s.retry(name), '↻', actions.retry) : nothing}
      ${view.canRemove ? button(s.remove(name), '✕', actions.remove) : nothing}
    </span>`;
}

/** Draws `view` into its `<li part="item">`, made on first use. */
export function drawItem(li: HTMLLIElement | undefined, view: ItemView, s: UploadStrings, actions: ItemActions): HTMLLIElement {
  if (!li) {
    li = document.createElement('li');
    li.setAttribute('part', 'item');
    li.dataset['id'] = view.uploadId;
    li.tabIndex = -1;
  }
  // Written only when it changes: the styles select on it, so each write restyles the item.
  if (li.dataset['state'] !== view.status) li.dataset['state'] = view.status;
  render(itemContent(view, s, actions), li);
  return li;
}
