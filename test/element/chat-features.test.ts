/**
 * The element's chat features against the stand-in: `getAttachmentUrl` and the Open button of sent
 * files (bytes compared), the instance's rules and feature permissions, `capture`. Verdicts come
 * from a session object with chatjs's public shape here; real chatjs over the stand-in's websocket
 * is in real-chatjs-session.test.ts.
 */
import { expect } from '@open-wc/testing';
import type { ChatMessageEventLike, ChatSessionLike } from '../../src/pipeline/chat-session.js';
import { announced, catchOpens, mount, settled } from '../helpers/element.js';
import { makeFile, sha256Hex } from '../helpers/stand-in.js';

/** A session that hands the element `token` and lets the test push ATTACHMENT items. */
function sessionWith(token: string) {
  const handlers: ((event: ChatMessageEventLike) => void)[] = [];
  const session: ChatSessionLike = {
    getChatDetails: () => ({ connectionDetails: { connectionToken: token } }),
    onMessage: (handler) => handlers.push(handler),
    onEnded: () => {},
  };
  const verdict = (attachmentId: string, Status: string) => {
    for (const handler of handlers) handler({ data: { Type: 'ATTACHMENT', Attachments: [{ AttachmentId: attachmentId, Status }] } });
  };
  return { session, verdict };
}

const openButton = (el: HTMLElement, name: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`button[aria-label="Open ${name}"]`) ?? null;

describe('<connect-attachment-upload> and the chat', () => {
  it('getAttachmentUrl gives a URL whose bytes are the file, and never puts it in an event', async () => {
    const { el, events } = await mount();
    const file = makeFile('report.pdf', 120_000, 'application/pdf');
    el.upload([file]);
    await settled(el);
    const attachmentId = el.uploads[0]?.attachmentId as string;
    const url = await el.getAttachmentUrl(attachmentId);
    const body = await (await fetch(url)).blob();
    expect(await sha256Hex(body)).to.equal(await sha256Hex(file));
    expect(url).to.match(/X-Amz-Expires=60(&|$)/);
    expect(events.some((event) => Object.values(event.detail).includes(url))).to.equal(false);
  });

  it('offers Open on a sent file only after the scan approved it, and opens its bytes', async () => {
    const opens = catchOpens();
    try {
      const { el, chat } = await mount((el) => (el.openSent = true));
      const { session, verdict } = sessionWith(chat.connectionToken);
      el.token = undefined;
      el.chatSession = session;
      el.upload([makeFile('approved.pdf', 5_000, 'application/pdf', 1), makeFile('rejected.pdf', 5_000, 'application/pdf', 2)]);
      await settled(el);
      await el.updateComplete;
      const [approved, rejected] = el.uploads;
      expect(openButton(el, 'approved.pdf'), 'no verdict yet').to.equal(null);
      verdict(approved?.attachmentId as string, 'IN_PROGRESS');
      verdict(rejected?.attachmentId as string, 'IN_PROGRESS');
      await el.updateComplete;
      expect(openButton(el, 'approved.pdf'), 'being scanned').to.equal(null);
      verdict(approved?.attachmentId as string, 'APPROVED');
      verdict(rejected?.attachmentId as string, 'REJECTED');
      await announced(el);
      expect(openButton(el, 'rejected.pdf')).to.equal(null);
      const button = openButton(el, 'approved.pdf');
      expect(button).to.not.equal(null);
      expect(el.shadowRoot?.textContent).to.contain('rejected.pdf was rejected by the security scan.');
      button?.click();
      await new Promise<void>((resolve) => {
        const check = () => (opens.urls.length > 0 ? resolve() : setTimeout(check, 20));
        check();
      });
      const body = await (await fetch(opens.urls[0] as string)).blob();
      expect(await sha256Hex(body)).to.equal(await sha256Hex(approved?.file as File));
    } finally {
      opens.restore();
    }
  });

  it('without a chat session, offers Open on every sent file once open-sent is set, and says so when opening fails', async () => {
    const { el, stand } = await mount();
    el.upload([makeFile('a.txt', 100, 'text/plain')]);
    await settled(el);
    await el.updateComplete;
    expect(openButton(el, 'a.txt'), 'opt-in').to.equal(null);
    el.openSent = true;
    await el.updateComplete;
    expect(openButton(el, 'a.txt')).to.not.equal(null);
    await stand.setFaults([{ route: 'attachment', status: 403, errorType: 'AccessDeniedException', times: 1 }]);
    const opens = catchOpens();
    try {
      openButton(el, 'a.txt')?.click();
      await announced(el);
      expect(opens.urls).to.deep.equal([]);
      expect(el.shadowRoot?.querySelector('[role=alert]')?.textContent).to.contain('a.txt could not be opened.');
    } finally {
      opens.restore();
      await stand.setFaults([]);
    }
  });

  it("narrows the picker's accept and the size limit to the instance's rules", async () => {
    const { el, events } = await mount((el) => {
      el.accept = '.pdf,.png,.jpg';
      el.attachmentRules = { AllowedExtensions: ['pdf', '.PNG', 'zip'], MaximumSizeLimitInBytes: 10_000 };
    });
    const input = el.shadowRoot?.querySelector('input[type=file]');
    expect(input?.getAttribute('accept')).to.equal('.pdf,.png');
    el.upload([
      makeFile('ok.pdf', 5_000, 'application/pdf'),
      makeFile('photo.jpg', 500, 'image/jpeg'),
      makeFile('big.png', 20_000, 'image/png'),
    ]);
    await settled(el);
    const rejects = events.filter((event) => event.type === 'attachment-reject').map((event) => event.detail['reason']);
    expect(rejects).to.deep.equal(['file-type', 'file-too-large']);
    expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal(['ok.pdf']);
  });

  it('says why when featurePermissions turns attachments off, takes no file, and has no axe violation', async () => {
    const { el, stand, chat } = await mount((el) => (el.featurePermissions = { ATTACHMENTS: false }));
    const zone = el.shadowRoot?.querySelector<HTMLButtonElement>('[part=dropzone]');
    expect(zone?.disabled).to.equal(true);
    expect(zone?.textContent?.trim()).to.equal('Attachments are turned off for this chat.');
    await expect(el).to.be.accessible();
    expect(el.upload([makeFile('a.pdf', 100, 'application/pdf')])).to.deep.equal([]);
    const drop = new DataTransfer();
    drop.items.add(makeFile('b.pdf', 100, 'application/pdf'));
    zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, composed: true, cancelable: true }));
    expect(await stand.attachments(chat.contactId)).to.deep.equal([]);
    el.featurePermissions = { ATTACHMENTS: true };
    await el.updateComplete;
    expect(zone?.disabled).to.equal(false);
    expect(zone?.textContent).to.contain('Choose files');
  });

  it('in compact layout, names the paperclip by the reason when attachments are off', async () => {
    const { el } = await mount((el) => {
      el.compact = true;
      el.featurePermissions = {};
    });
    const zone = el.shadowRoot?.querySelector<HTMLButtonElement>('[part=dropzone]');
    expect(zone?.disabled).to.equal(true);
    expect(zone?.hasAttribute('aria-label')).to.equal(false);
    expect(zone?.textContent?.trim()).to.equal('Attachments are turned off for this chat.');
    await expect(el).to.be.accessible();
    el.featurePermissions = { ATTACHMENTS: true };
    await el.updateComplete;
    expect(zone?.getAttribute('aria-label')).to.equal('Attach files');
  });

  it('passes capture to the picker', async () => {
    const { el } = await mount();
    const input = () => el.shadowRoot?.querySelector('input[type=file]');
    expect(input()?.hasAttribute('capture')).to.equal(false);
    el.capture = 'environment';
    await el.updateComplete;
    expect(input()?.getAttribute('capture')).to.equal('environment');
    el.setAttribute('capture', 'user');
    await el.updateComplete;
    expect(input()?.getAttribute('capture')).to.equal('user');
  });
});
