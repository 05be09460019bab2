/**
 * The files not added: each with its name (isolated: a right-to-left name cannot turn the words
 * around it) and its reason in the strings' own direction, a button to dismiss it, and one to
 * dismiss all. Focus stays in the list (on the next file's button) or goes back to the drop zone.
 * Loaded the first time a file is refused, it imports nothing at run time (Lit comes in the
 * `ViewKit`), which keeps it one small CDN file of its own.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Words } from './strings.js';
import type { ViewKit } from './view-kit.js';

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

/** `rejected` is the announcer's list (name, reason in words); dismissing empties it in place. */
export function renderRejections({ html, nothing }: ViewKit, host: Host, rejected: [name: string, reason: string][], s: Words) {
  const dismiss = (index?: number) => {
    if (index === undefined) rejected.length = 0;
    else rejected.splice(index, 1);
    host.requestUpdate();
    void host.updateComplete.then(() => {
      const root = host.renderRoot;
      const buttons = root.querySelectorAll<HTMLElement>('[part=rejection] button');
      (buttons[Math.min(index ?? 0, buttons.length - 1)] ?? root.querySelector<HTMLElement>('[part=dropzone]'))?.focus();
    });
  };
  return rejected.length === 0
    ? nothing
    : html`<div part="rejections" class="rejections">
        <ul aria-label=${s.rejectedLabel}>
          ${rejected.map(
            ([name, reason], index) =>
              html`<li part="rejection">
                <span><bdi class="name">${name}</bdi> <span dir=${s.dir}>${reason}</span></span>
                <button
                  type="button"
                  aria-label=${s.dismissRejection({ name })}
                  title=${s.dismissRejection({ name })}
                  @click=${() => dismiss(index)}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </li>`,
          )}
        </ul>
        ${rejected.length > 1 ? html`<button type="button" class="dismiss-all" @click=${() => dismiss()}>${s.dismissAll}</button>` : nothing}
      </div>`;
}
