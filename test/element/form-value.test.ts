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
});
