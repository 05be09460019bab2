/** The element in a form: it submits the AttachmentIds, is invalid while uploads run, and supports required and reset. */
import { expect, fixture, html } from '@open-wc/testing';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { settled } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

describe('form value', () => {
  it('submits the AttachmentIds, is invalid while uploads run, supports required and reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><connect-attachment-upload name="attachments" multiple required></connect-attachment-upload></form>`,
    );
    const el = form.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    const stand = await standIn();
    const chat = await stand.createChat();
    Object.assign(el, { endpoint: stand.endpoint, token: chat.connectionToken });
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false, 'required and empty');
    await stand.setFaults([{ route: 'complete-attachment-upload', delayMs: 500, times: 1 }]);
    el.upload([makeFile('a.txt', 100, 'text/plain', 1), makeFile('b.txt', 100, 'text/plain', 2)]);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(false, 'still uploading');
    await settled(el);
    await el.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    const ids = el.uploads.map((upload) => upload.attachmentId);
    expect(new FormData(form).getAll('attachments')).to.deep.equal(ids);
    form.reset();
    await el.updateComplete;
    expect(el.uploads).to.have.length(0);
    expect(new FormData(form).getAll('attachments')).to.deep.equal([]);
  });

  it('with complete-on-send, lets the form submit while a file uploads: Send completes it, send() waits for its PUT', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><connect-attachment-upload complete-on-send></connect-attachment-upload></form>`,
    );
    const el = form.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    const stand = await standIn();
    const chat = await stand.createChat();
    Object.assign(el, { endpoint: stand.endpoint, token: chat.connectionToken });
    await stand.setFaults([{ route: 's3-put', delayMs: 500, times: 1 }]);
    let submitted = 0;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted += 1;
    });
    const [uploadId] = el.upload([makeFile('photo.txt', 100, 'text/plain', 3)]);
    await el.updateComplete;
    expect(el.uploads[0]?.state).to.not.equal('ready', 'still on its way');
    expect(form.checkValidity()).to.equal(true, 'a staged file does not hold the Send back');
    form.requestSubmit();
    expect(submitted).to.equal(1);
    const result = await el.send();
    expect(result.completed).to.deep.equal([uploadId]);
    expect(result.failed).to.deep.equal([]);
  });
});
