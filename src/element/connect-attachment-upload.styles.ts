/** The element's default look; every colour and size comes from a documented custom property. */
import { css } from 'lit';

export const styles = css`
  :host {
    --connect-attachment-upload-accent: #0b66c3;
    --connect-attachment-upload-border: #8a94a3;
    --connect-attachment-upload-background: transparent;
    --connect-attachment-upload-text: inherit;
    --connect-attachment-upload-muted: #5a6270;
    --connect-attachment-upload-error: #b3261e;
    --connect-attachment-upload-success: #1e7a34;
    --connect-attachment-upload-radius: 8px;
    --connect-attachment-upload-gap: 0.5rem;
    display: block;
    font: inherit;
    color: var(--connect-attachment-upload-text);
  }
  :host([hidden]) {
    display: none;
  }
  .dropzone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: var(--connect-attachment-upload-gap);
    padding: 1rem;
    border: 2px dashed var(--connect-attachment-upload-border);
    border-radius: var(--connect-attachment-upload-radius);
    background: var(--connect-attachment-upload-background);
    text-align: center;
  }
  .dropzone.dragging {
    border-color: var(--connect-attachment-upload-accent);
    border-style: solid;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: calc(var(--connect-attachment-upload-radius) / 2);
    border: 1px solid var(--connect-attachment-upload-accent);
    background: var(--connect-attachment-upload-accent);
    color: #fff;
    padding: 0.35rem 0.8rem;
  }
  button.secondary {
    background: transparent;
    color: var(--connect-attachment-upload-accent);
    padding: 0.15rem 0.5rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible {
    outline: 3px solid var(--connect-attachment-upload-accent);
    outline-offset: 2px;
  }
  ul {
    list-style: none;
    margin: var(--connect-attachment-upload-gap) 0 0;
    padding: 0;
    display: grid;
    gap: var(--connect-attachment-upload-gap);
  }
  li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem var(--connect-attachment-upload-gap);
    align-items: center;
    padding: 0.5rem;
    border: 1px solid var(--connect-attachment-upload-border);
    border-radius: var(--connect-attachment-upload-radius);
  }
  .name {
    overflow-wrap: anywhere;
    font-weight: 600;
  }
  .meta {
    color: var(--connect-attachment-upload-muted);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    gap: 0.25rem;
    grid-row: 1 / span 2;
    grid-column: 2;
  }
  progress {
    width: 100%;
    accent-color: var(--connect-attachment-upload-accent);
  }
  [data-state='done'] .state {
    color: var(--connect-attachment-upload-success);
  }
  .error {
    color: var(--connect-attachment-upload-error);
    grid-column: 1 / -1;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
