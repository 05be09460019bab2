/** One file of the list, rendered from its view: name, size, state in words, progress, actions. */
import { html, nothing } from 'lit';
import type { UploadStrings } from './strings.js';

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

export function renderItem(view: ItemView, s: UploadStrings, actions: ItemActions) {
  const { uploadId, name } = view;
  const button = (label: string, glyph: string, action: (id: string) => void) =>
    html`<button class="secondary" type="button" aria-label=${label} title=${label} @click=${() => action(uploadId)}>
      <span aria-hidden="true">${glyph}</span>
    </button>`;
  return html`<li part="item" data-id=${uploadId} data-state=${view.status} tabindex="-1">
    ${view.preview ? html`<img part="preview" class="preview" src=${view.preview} alt="" />` : nothing}
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
    </span>
  </li>`;
}
