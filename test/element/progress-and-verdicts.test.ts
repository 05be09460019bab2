/** What a file's row says as it goes: progress held below 100 % until Complete, a batch line, and the scan verdict. */
import { expect, fixture, html } from '@open-wc/testing';
import { DEFAULT_STRINGS } from '../../src/index.js';
import type { ConnectAttachmentUpload } from '../../src/index.js';
import { announced, countSaid, listenLive, mount, settled, shadow, shadowText } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

describe('progress, the batch line and the scan verdict', () => {
  it('keeps progress below 100 % until Complete succeeds, then says "Sent"', async () => {
    const { el, stand } = await mount();
    await stand.setFaults([{ route: 'complete-attachment-upload', delayMs: 800, times: 1 }]);
    el.upload([makeFile('a.txt', 20_000)]);
    await new Promise((resolve) => el.addEventListener('attachment-uploaded', resolve, { once: true }));
    await el.updateComplete;
    const progress = shadow(el).querySelector('progress') as HTMLProgressElement;
    expect(progress.value).to.be.below(100);
    expect(progress.getAttribute('aria-valuetext')).to.match(/^99\s?%/);
    expect(shadowText(el, '.state')).to.equal(DEFAULT_STRINGS.states.finalizing);
    await settled(el);
    await el.updateComplete;
    expect(shadowText(el, '.state')).to.equal(DEFAULT_STRINGS.states.done);
    expect(shadow(el).querySelector('progress')).to.equal(null);
  });

  it('shows a batch line for several files', async () => {
    const { el } = await mount((el) => (el.manual = true));
    el.upload([makeFile('a.txt', 100), makeFile('b.txt', 300)]);
    await el.updateComplete;
    expect(shadowText(el, '[part=summary]')).to.match(/^0 of 2 files sent · 0\s?%$/);
  });

  it('shows the scan verdict the host passes on, and drops a rejected attachment from the form value', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><connect-attachment-upload name="files"></connect-attachment-upload></form>`);
    const el = form.querySelector('connect-attachment-upload') as ConnectAttachmentUpload;
    const stand = await standIn();
    const chat = await stand.createChat();
    Object.assign(el, { endpoint: stand.endpoint, token: chat.connectionToken });
    const heard = listenLive(el);
    el.upload([makeFile('scan.pdf', 100, 'application/pdf')]);
    await settled(el);
    const id = el.uploads[0]?.attachmentId as string;
    el.setAttachmentStatus(id, 'IN_PROGRESS');
    await el.updateComplete;
    expect(shadowText(el, '.state')).to.equal(DEFAULT_STRINGS.states.scanning);
    el.setAttachmentStatus(id, 'REJECTED');
    await announced(el);
    expect(shadowText(el, '.state')).to.equal(DEFAULT_STRINGS.states.scanRejected);
    expect(countSaid(heard.assertive, 'scan.pdf was rejected by the security scan.')).to.equal(1);
    expect(new FormData(form).getAll('files')).to.deep.equal([]);
  });
});
