// The element in a host app's unit tests: imported from the built package by its name (as an app
// imports it), defined, mounted, given a token and an endpoint, used, and removed, in a simulated
// DOM. Each spec file picks the DOM (jsdom, happy-dom) with Vitest's environment comment and calls
// hostSuite(). Vitest fails the run on any uncaught error or unhandled rejection, so "nothing
// threw" is checked by the runner as well as by the `error` listener below.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConnectStandIn } from 'connect-chat-stand-in';

const FINAL = new Set(['done', 'failed', 'cancelled']);

/** Resolves once every file in the list has finished; polls, as a host test would without the event helpers. */
async function settled(el, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  while (!el.uploads.every((upload) => FINAL.has(upload.state))) {
    if (Date.now() > until) throw new Error(`uploads did not settle: ${el.uploads.map((u) => u.state).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * @param {string} dom the simulated DOM's name, for the test titles
 * @param {{ missing?: string[], s3Put?: 'stored' | 'refused' }} [options] `missing`: globals to delete
 *   first, so their absence is tested even where this DOM has them (ResizeObserver,
 *   IntersectionObserver); `s3Put`: what this DOM's XMLHttpRequest gets from a presigned PUT
 *   (happy-dom's sends the body chunked, without the signed Content-Length, and S3 refuses it)
 */
export function hostSuite(dom, { missing = [], s3Put = 'stored' } = {}) {
  describe(`<connect-attachment-upload> in ${dom}`, () => {
    /** @type {Awaited<ReturnType<typeof startConnectStandIn>>} */
    let stand;
    /** @type {unknown[]} */
    const errors = [];
    const onError = (/** @type {ErrorEvent} */ event) => errors.push(event.error ?? event.message);

    beforeAll(async () => {
      for (const name of missing) delete globalThis[name];
      window.addEventListener('error', onError);
      stand = await startConnectStandIn();
      await import('connect-attachment-upload/define.js');
    });

    afterAll(async () => {
      window.removeEventListener('error', onError);
      await stand?.close();
    });

    afterEach(async () => {
      document.body.replaceChildren();
      // The element releases previews a task after it leaves the page: let that run inside the test.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors).toEqual([]);
    });

    it('defines the tag from the package, and the root import has no side effects', async () => {
      const root = await import('connect-attachment-upload');
      expect(customElements.get('connect-attachment-upload')).toBe(root.ConnectAttachmentUpload);
      expect(typeof root.AttachmentUploader).toBe('function');
      for (const name of missing) expect(globalThis[name]).toBeUndefined();
    });

    it('mounts, takes a token and an endpoint, renders its idle state, and is removed', async () => {
      const el = document.createElement('connect-attachment-upload');
      document.body.append(el);
      el.token = 'connection-token';
      el.endpoint = stand.endpoint;
      await el.updateComplete;
      const zone = el.shadowRoot?.querySelector('[part=dropzone]');
      expect(zone?.textContent).toContain('Choose files');
      expect(el.uploads).toEqual([]);
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(el.isConnected).toBe(false);
    });

    it('sits in a form without a form value where the DOM has none, and the form still submits its other fields', async () => {
      const form = document.createElement('form');
      form.innerHTML =
        '<input name="message" value="hello"><connect-attachment-upload name="attachments" required></connect-attachment-upload>';
      document.body.append(form);
      const el = /** @type {HTMLElement & { form: HTMLFormElement | null, updateComplete: Promise<boolean> }} */ (
        form.querySelector('connect-attachment-upload')
      );
      await el.updateComplete;
      const data = new FormData(form);
      expect(data.get('message')).toBe('hello');
      // Where ElementInternals has form methods the form would list the ids; here none, and no error.
      expect(data.getAll('attachments')).toEqual([]);
      expect(el.form === null || el.form === form).toBe(true);
    });

    const title =
      s3Put === 'stored'
        ? 'uploads a file through the local Connect stand-in: the bytes in S3 are the file'
        : "reports S3's refusal of this DOM's PUT as an attachment-error event, and nothing throws";
    it(title, async () => {
      const chat = stand.createChat();
      const el = /** @type {any} */ (document.createElement('connect-attachment-upload'));
      document.body.append(el);
      el.endpoint = stand.endpoint;
      el.token = chat.connectionToken;
      const events = [];
      for (const type of ['attachment-started', 'attachment-uploaded', 'attachment-completed', 'attachment-error']) {
        el.addEventListener(type, (event) => events.push({ type, detail: event.detail }));
      }
      const bytes = new TextEncoder().encode('a plain note, sent from a unit test\n'.repeat(100));
      const [uploadId] = el.upload([new File([bytes], 'note.txt', { type: 'text/plain' })]);
      expect(uploadId).toBeTypeOf('string');
      await settled(el);
      await el.updateComplete;

      // The list shows the file (jsdom has no `part` property, so the item is found by its data-id).
      expect(el.shadowRoot?.querySelector(`li[data-id="${uploadId}"]`)?.textContent).toContain('note.txt');
      const { attachments } = await stand.state();
      const stored = attachments.find((attachment) => attachment.contactId === chat.contactId);
      if (s3Put === 'stored') {
        expect(events.map((event) => event.type)).toEqual(['attachment-started', 'attachment-uploaded', 'attachment-completed']);
        expect(stored).toMatchObject({ name: 'note.txt', status: 'completed', completeCount: 1 });
        expect(stored.stored?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(el.uploads[0]).toMatchObject({ state: 'done', attachmentId: stored.attachmentId });
      } else {
        expect(events.map((event) => event.type)).toEqual(['attachment-started', 'attachment-error']);
        expect(events[1].detail).toMatchObject({ stage: 'upload', code: 'upload-rejected', retryable: false });
        expect(stored).toMatchObject({ name: 'note.txt', status: 'started', stored: null });
        expect(el.uploads[0]).toMatchObject({ state: 'failed' });
      }
      el.remove();
    });
  });
}
