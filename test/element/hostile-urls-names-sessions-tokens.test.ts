/**
 * The element against hostile answers, hostile names and careless markup, through the stand-in:
 * Open never hands a `javascript:`, `data:` or off-loopback http URL to `window.open`; a name's bidi
 * controls cannot fake its extension anywhere the element shows or says it; a chat session that
 * throws reads as the set-up failing; the token attributes are consumed. Each test failed before
 * the fix it guards.
 */
import { expect } from '@open-wc/testing';
import type { ChatSessionLike } from '../../src/pipeline/chat-session.js';
import { ConnectAttachmentUpload } from '../../src/index.js';
import { catchOpens, mount, settled } from '../helpers/element.js';
import { makeFile, standIn } from '../helpers/stand-in.js';
import { ENGLISH } from '../helpers/words.js';

afterEach(async () => (await standIn()).clearFaults());

/** Resolves once `read` gives a truthy value, polling each frame; fails with `what` after a while. */
function until<T>(read: () => T, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = read();
      if (value) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** Every attribute and text of the element's shadow tree: what a user or a screen reader can meet. */
function everythingShown(el: HTMLElement): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element) for (const attribute of Array.from(node.attributes)) parts.push(attribute.value);
    else if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(visit);
  };
  if (el.shadowRoot) visit(el.shadowRoot);
  return parts.join('\n');
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const alertOf = (el: HTMLElement) => el.shadowRoot?.querySelector('[role=alert]')?.textContent ?? '';

/** Everything the live regions say from now on: news comes in turns, each replacing the last. */
function heard(el: HTMLElement): string[] {
  const said: string[] = [];
  const regions = () => [...(el.shadowRoot?.querySelectorAll('[aria-live]') ?? [])].map((region) => region.textContent ?? '');
  new MutationObserver(() => said.push(...regions())).observe(el.shadowRoot as ShadowRoot, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  return said;
}

describe('Hardening the element: Open and the download URL', () => {
  /** A sent file with an Open button, and the stand-in to arm. */
  async function sentFile() {
    const mounted = await mount((el) => (el.openSent = true));
    mounted.el.upload([makeFile('a.txt', 100, 'text/plain')]);
    await settled(mounted.el);
    await mounted.el.updateComplete;
    const open = mounted.el.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label="Open a.txt"]');
    expect(open, 'an Open button').to.exist;
    return { ...mounted, open: open as HTMLButtonElement, attachmentId: mounted.el.uploads[0]?.attachmentId as string };
  }

  for (const url of [
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(document.domain)</script>',
    'http://attacker.example/a.txt',
  ]) {
    it(`opens nothing and says so when GetAttachment answers ${url.slice(0, 24)}…`, async () => {
      const { el, stand, open, attachmentId } = await sentFile();
      await stand.setFaults([{ route: 'attachment', downloadUrl: url, times: 2 }]);
      const opens = catchOpens();
      try {
        open.click();
        await until(() => alertOf(el).includes('a.txt could not be opened.'), 'the failure to be announced');
        expect(opens.urls, 'nothing reached window.open').to.deep.equal([]);
        let caught: unknown;
        await el.getAttachmentUrl(attachmentId).catch((error: unknown) => (caught = error));
        expect((caught as { code?: string }).code, 'getAttachmentUrl rejects').to.equal('bad-response');
      } finally {
        opens.restore();
      }
    });
  }

  it('opens an https URL, and the stand-in’s own http URL on loopback', async () => {
    const { stand, open } = await sentFile();
    const opens = catchOpens();
    try {
      open.click();
      await until(() => opens.urls.length === 1, 'the loopback URL to be opened');
      expect(new URL(opens.urls[0] as string).hostname).to.equal('127.0.0.1');
      await stand.setFaults([{ route: 'attachment', downloadUrl: 'https://bucket.s3.us-east-1.amazonaws.com/a.txt?X-Amz-Signature=ab' }]);
      open.click();
      await until(() => opens.urls.length === 2, 'the https URL to be opened');
      expect(opens.urls[1]).to.equal('https://bucket.s3.us-east-1.amazonaws.com/a.txt?X-Amz-Signature=ab');
    } finally {
      opens.restore();
    }
  });
});

describe('Hardening the element: names with bidi controls', () => {
  it('shows and says every name without its bidi controls, the real extension last, and sends the real name', async () => {
    // Written with U+202E (right-to-left override), these read "invoiceexe.pdf" and "reporttxt.pdf";
    // the second is an allowed .txt, the first a .exe, refused.
    const disguised = 'invoice\u202Efdp.exe';
    const sent = 'report\u202Efdp.txt';
    const { el, chat, stand, events } = await mount();
    const said = heard(el);
    // Connect's answer names the file, as a page may show it.
    await stand.setFaults([
      {
        route: 'complete-attachment-upload',
        status: 400,
        errorType: 'ValidationException',
        message: `Attachment ${sent} is invalid`,
        times: 1,
      },
    ]);
    el.upload([
      makeFile(disguised, 100, 'application/octet-stream'),
      makeFile(sent, 100, 'text/plain'),
      makeFile(`second ${sent}`, 100, 'text/plain'),
    ]);
    await settled(el);
    const all = () => said.join('\n');
    await until(() => all().includes('could not be attached') && all().includes('was not added'), 'the news to be said');
    await el.updateComplete;

    const rejection = el.shadowRoot?.querySelector('[part=rejection] .name')?.textContent ?? '';
    expect(rejection).to.equal('invoicefdp.exe');
    const items = [...(el.shadowRoot?.querySelectorAll('li[data-id] .name') ?? [])].map((name) => name.textContent);
    expect(items).to.deep.equal(['reportfdp.txt', 'second reportfdp.txt']);
    const shown = everythingShown(el);
    expect(all()).to.contain('invoicefdp.exe was not added.').and.to.contain('reportfdp.txt could not be attached.');
    expect(all().match(BIDI_CONTROLS), 'no bidi control in anything said').to.equal(null);
    expect(shown).to.contain('Remove reportfdp.txt from the list');
    expect(shown).to.contain('Dismiss invoicefdp.exe');
    expect(shown.match(BIDI_CONTROLS), 'no bidi control in any text, title or label').to.equal(null);

    // The messages the events carry, which a page may show, name the files without their controls too.
    const messages = events.flatMap(({ type, detail }) =>
      type === 'attachment-reject' || type === 'attachment-error' ? [(detail as { message: string }).message] : [],
    );
    expect(messages.join('\n')).to.contain('"invoicefdp.exe"').and.to.contain('Attachment reportfdp.txt is invalid');
    expect(messages.join('\n').match(BIDI_CONTROLS), 'no bidi control in an event message').to.equal(null);

    // The file and Connect keep the real name.
    expect(el.uploads.map((upload) => upload.file.name)).to.deep.equal([sent, `second ${sent}`]);
    const stored = await stand.attachments(chat.contactId);
    expect(stored.map((attachment) => attachment.name).sort()).to.deep.equal([sent, `second ${sent}`].sort());
  });
});

describe('Hardening the element: a chat session that throws', () => {
  it('fails as the set-up ("config"), not the network: not retried, no Retry button, the config words shown', async () => {
    const { el, events } = await mount((el) => (el.token = undefined));
    const session: ChatSessionLike = {
      getChatDetails: () => {
        throw new Error('chat details unavailable');
      },
      onMessage: () => {},
      onEnded: () => {},
    };
    el.chatSession = session;
    el.upload([makeFile('a.txt', 100, 'text/plain')]);
    await settled(el);
    await el.updateComplete;
    expect(el.uploads[0]?.error).to.include({ code: 'config', retryable: false });
    expect(events.map((event) => event.type)).to.not.include('attachment-retry');
    const item = el.shadowRoot?.querySelector('li[data-id]');
    expect(item?.querySelector('[part=error]')?.textContent).to.equal(ENGLISH.errors.config);
    expect(item?.querySelector('button.retry'), 'no Retry that cannot help').to.equal(null);
    expect(item?.querySelector('button.dismiss'), 'Remove, as for any config failure').to.exist;
  });
});

describe('Hardening the element: the token attributes are consumed', () => {
  it('reads token and participant-token set with setAttribute into the properties and removes them at once, each time', async () => {
    const { el, chat, stand } = await mount((el) => (el.token = undefined));
    el.setAttribute('token', chat.connectionToken);
    expect(el.outerHTML, 'gone before the next line').to.not.contain(chat.connectionToken);
    expect(el.hasAttribute('token')).to.equal(false);
    expect(el.token).to.equal(chat.connectionToken);
    el.setAttribute('token', chat.connectionToken);
    expect(el.hasAttribute('token'), 'set again, consumed again').to.equal(false);
    el.setAttribute('participant-token', chat.participantToken);
    expect(el.outerHTML).to.not.contain(chat.participantToken);
    expect(el.participantToken).to.equal(chat.participantToken);

    el.upload([makeFile('a.txt', 100, 'text/plain')]);
    await settled(el);
    expect(el.uploads[0]?.state, 'the token taken from the attribute works').to.equal('done');
    expect(await stand.attachments(chat.contactId)).to.have.length(1);
  });

  it('consumes the attributes of server-rendered markup when the element upgrades', async () => {
    const stand = await standIn();
    const chat = await stand.createChat();
    // Parsed before any definition of its tag, as a server-rendered page is before the script loads.
    const tag = `connect-attachment-upload-late-${Math.random().toString(36).slice(2, 8)}`;
    const container = document.createElement('div');
    container.innerHTML = `<${tag} endpoint="${stand.endpoint}" token="${chat.connectionToken}" participant-token="${chat.participantToken}"></${tag}>`;
    document.body.append(container);
    try {
      const el = container.firstElementChild as ConnectAttachmentUpload;
      expect(el.getAttribute('token'), 'in the DOM until the upgrade').to.equal(chat.connectionToken);
      customElements.define(tag, class extends ConnectAttachmentUpload {});
      expect(container.innerHTML).to.not.contain(chat.connectionToken).and.to.not.contain(chat.participantToken);
      expect(el.token).to.equal(chat.connectionToken);
      expect(el.participantToken).to.equal(chat.participantToken);
      el.upload([makeFile('a.txt', 100, 'text/plain')]);
      await settled(el);
      expect(el.uploads[0]?.state).to.equal('done');
    } finally {
      container.remove();
    }
  });
});
