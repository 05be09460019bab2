/**
 * The element in a real chat: an unmodified amazon-connect-chatjs 5.0.0 session against the
 * stand-in's websocket, handed to the element as `chatSession` with no token. No page code sits
 * between chatjs and the element: the token comes from the session, the verdicts from its items.
 */
import { expect } from '@open-wc/testing';
import type { ChatSessionLike } from '../../src/index.js';
import { customerSession } from '../helpers/chatjs.js';
import { announced, mount, settled } from '../helpers/element.js';
import { makeFile, sha256Hex } from '../helpers/stand-in.js';

const openButton = (el: HTMLElement, name: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`button[aria-label="Open ${name}"]`) ?? null;

/** Resolves once `check` holds, looking again after each render of `el`. */
async function until(el: { updateComplete: Promise<boolean> }, check: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
  }
}

describe('<connect-attachment-upload> with a real chatjs session', () => {
  afterEach(async () => {
    const { standIn } = await import('../helpers/stand-in.js');
    await (await standIn()).setScan(null);
  });

  it('uploads with the session’s token, and shows and announces the scan verdicts chatjs receives', async () => {
    const { el, chat, stand } = await mount((el) => {
      el.token = undefined;
      el.openSent = true;
    });
    await stand.setScan({ delayMs: 200, rules: [{ match: '^infected', verdict: 'REJECTED' }] });
    // Requests of this test only: the stand-in's log holds those of the tests before it.
    const since = (await stand.state()).requests.at(-1)?.at ?? 0;
    const session = await customerSession(stand, chat);
    // The chatjs type fits the element's structural one: chatjs is not a dependency.
    const structural: ChatSessionLike = session;
    expect((await session.connect()).connectSuccess).to.equal(true);
    el.chatSession = structural;

    const clean = makeFile('clean.pdf', 150_000, 'application/pdf', 1);
    const infected = makeFile('infected.pdf', 20_000, 'application/pdf', 2);
    el.upload([clean, infected]);
    await settled(el);
    expect(el.uploads.map((upload) => upload.state)).to.deep.equal(['done', 'done']);

    // The element made no CreateParticipantConnection of its own: the one on record is chatjs's, so
    // every Start and Complete went with the ConnectionToken the session holds (the stand-in keeps
    // no bearer token in its log).
    const requests = (await stand.state()).requests.filter((r) => r.service === 'acps' && r.at > since);
    expect(requests.filter((r) => r.url.endsWith('/participant/connection') && r.status === 200)).to.have.length(1);
    expect(requests.filter((r) => /attachment-upload$/.test(r.url) && r.status === 200)).to.have.length(4);

    await until(
      el,
      () => el.uploads.every((upload) => upload.scanStatus === 'APPROVED' || upload.scanStatus === 'REJECTED'),
      'the verdicts',
    );
    expect(el.uploads.map((upload) => [upload.file.name, upload.scanStatus])).to.deep.equal([
      ['clean.pdf', 'APPROVED'],
      ['infected.pdf', 'REJECTED'],
    ]);
    await announced(el);
    const infectedItem = el.shadowRoot?.querySelector(`li[data-id="${el.uploads[1]?.uploadId}"]`);
    expect(infectedItem?.getAttribute('data-state')).to.equal('scanRejected');
    expect(infectedItem?.textContent).to.contain('Rejected by the security scan');
    expect(el.shadowRoot?.querySelector('[role=alert]')?.textContent).to.contain('infected.pdf was rejected by the security scan.');
    expect(el.shadowRoot?.querySelector(`li[data-id="${el.uploads[0]?.uploadId}"]`)?.getAttribute('data-state')).to.equal('done');

    // Open is offered for the approved file only, and its URL gives the file's bytes.
    expect(openButton(el, 'infected.pdf')).to.equal(null);
    expect(openButton(el, 'clean.pdf')).to.not.equal(null);
    const url = await el.getAttachmentUrl(el.uploads[0]?.attachmentId as string);
    expect(await sha256Hex(await (await fetch(url)).blob())).to.equal(await sha256Hex(clean));

    // The verdicts are chatjs's own items: the stand-in's transcript holds the same.
    const transcript = await stand.transcript(chat.contactId);
    const verdicts = transcript.filter((item) => item.Type === 'ATTACHMENT').map((item) => item.Attachments?.[0]?.Status);
    expect(verdicts).to.have.members(['APPROVED', 'REJECTED']);
    await stand.endChat(chat.contactId);
  });
});
