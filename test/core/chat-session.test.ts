/**
 * The uploader and a chat session, on a fake transport and a fake session with chatjs's public
 * shape: the ConnectionToken read from the session at each call, scan verdicts from its ATTACHMENT
 * items, when listening stops, GetAttachment, and the instance's rules. The same against real
 * amazon-connect-chatjs and the stand-in's websocket is in ../element/real-chatjs-session.test.ts.
 */
import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/api/errors.js';
import { type ChatMessageEventLike, type ChatSessionLike, verdictsOf } from '../../src/pipeline/chat-session.js';
import { allowanceOf } from '../../src/pipeline/allowance.js';
import type { UploaderSettings } from '../../src/pipeline/settings.js';
import { TOKEN, fakeUploader, idFor, macrotask, nextEvent, settled } from '../helpers/fake-connect.js';
import { makeFile } from '../helpers/stand-in.js';

/** A chat session as chatjs shapes it: handlers can be added, never removed. */
class FakeChat implements ChatSessionLike {
  token: string | undefined = 'session-token-1';
  participantToken: string | undefined = 'participant-token-1';
  readonly messageHandlers: ((event: ChatMessageEventLike) => void)[] = [];
  readonly endedHandlers: ((event?: unknown) => void)[] = [];

  getChatDetails() {
    return {
      participantId: 'customer-1',
      participantToken: this.participantToken,
      connectionDetails: this.token === undefined ? undefined : { connectionToken: this.token },
    };
  }

  onMessage(handler: (event: ChatMessageEventLike) => void): void {
    this.messageHandlers.push(handler);
  }

  onEnded(handler: (event?: unknown) => void): void {
    this.endedHandlers.push(handler);
  }

  /** An item over the websocket, as chatjs hands it on. */
  push(data: unknown): void {
    for (const handler of this.messageHandlers) handler({ data });
  }

  attachmentItem(attachmentId: string, status: string, name = 'a.pdf'): Record<string, unknown> {
    return {
      Id: `item-${attachmentId}`,
      Type: 'ATTACHMENT',
      ParticipantRole: 'CUSTOMER',
      Attachments: [{ AttachmentId: attachmentId, AttachmentName: name, ContentType: 'application/pdf', Status: status }],
    };
  }

  end(): void {
    for (const handler of this.endedHandlers) handler(null);
  }
}

/** An uploader whose only source of tokens is `chat`. */
function chatUploader(chat: FakeChat, more: UploaderSettings = {}) {
  return fakeUploader({ token: undefined, chatSession: chat, ...more });
}

async function sendOne(uploader: ReturnType<typeof chatUploader>['uploader'], name = 'a.pdf') {
  const completed = nextEvent(uploader, 'attachment-completed', (event) => event.detail.file.name === name);
  uploader.upload([makeFile(name, 100, 'application/pdf')]);
  return (await completed).detail;
}

describe('chatSession: tokens', () => {
  it("sends the session's ConnectionToken, read again at each call: a token chatjs renewed applies at once", async () => {
    const chat = new FakeChat();
    const { uploader, fake } = chatUploader(chat);
    await sendOne(uploader, 'a.pdf');
    chat.token = 'session-token-2';
    await sendOne(uploader, 'b.pdf');
    expect(fake.callsOf('start', 'a.pdf').map((call) => call.token)).to.deep.equal(['session-token-1']);
    expect(fake.callsOf('start', 'b.pdf').map((call) => call.token)).to.deep.equal(['session-token-2']);
    expect(fake.callsOf('complete', 'b.pdf').map((call) => call.token)).to.deep.equal(['session-token-2']);
    expect(fake.connections).to.have.length(0);
  });

  it('lets token, participant-token and tokenProvider win over the session', async () => {
    const chat = new FakeChat();
    const { uploader, fake, settings } = chatUploader(chat, { token: TOKEN });
    await sendOne(uploader, 'a.pdf');
    settings.token = undefined;
    settings.tokenProvider = () => 'provided-token';
    await sendOne(uploader, 'b.pdf');
    expect(fake.callsOf('start', 'a.pdf')[0]?.token).to.equal(TOKEN);
    expect(fake.callsOf('start', 'b.pdf')[0]?.token).to.equal('provided-token');
  });

  it("renews a refused session token with the session's ParticipantToken, and takes the session's own again once it renewed", async () => {
    const chat = new FakeChat();
    const { uploader, fake } = chatUploader(chat);
    fake.refuse('session-token-1');
    await sendOne(uploader, 'a.pdf');
    expect(fake.connections.map((c) => c.participantToken)).to.deep.equal(['participant-token-1']);
    expect(fake.callsOf('start', 'a.pdf').map((call) => call.token)).to.deep.equal([
      'session-token-1',
      'connection-of-participant-token-1',
    ]);
    chat.token = 'session-token-2';
    await sendOne(uploader, 'b.pdf');
    expect(fake.callsOf('start', 'b.pdf').map((call) => call.token)).to.deep.equal(['session-token-2']);
  });

  it('fails with config, saying why, when the session is not connected and has no ParticipantToken', async () => {
    const chat = new FakeChat();
    chat.token = undefined;
    chat.participantToken = undefined;
    const { uploader, fake } = chatUploader(chat);
    const failed = nextEvent(uploader, 'attachment-error');
    uploader.upload([makeFile('a.pdf', 100, 'application/pdf')]);
    const { detail } = await failed;
    expect(detail.code).to.equal('config');
    expect(detail.message).to.contain('connect()');
    expect(fake.calls).to.have.length(0);
  });
});

describe('chatSession: scan verdicts', () => {
  it('sets each file’s scan status from the ATTACHMENT items of its chat, by AttachmentId', async () => {
    const chat = new FakeChat();
    const { uploader } = chatUploader(chat);
    const a = await sendOne(uploader, 'a.pdf');
    const b = await sendOne(uploader, 'b.pdf');
    expect(chat.messageHandlers).to.have.length(1);
    chat.push(chat.attachmentItem(a.attachmentId, 'IN_PROGRESS'));
    expect(uploader.getUpload(a.uploadId)?.scanStatus).to.equal('IN_PROGRESS');
    chat.push(chat.attachmentItem(a.attachmentId, 'REJECTED'));
    chat.push(chat.attachmentItem(b.attachmentId, 'APPROVED'));
    expect(uploader.getUpload(a.uploadId)?.scanStatus).to.equal('REJECTED');
    expect(uploader.getUpload(b.uploadId)?.scanStatus).to.equal('APPROVED');
    // Other items and other attachments change nothing.
    chat.push({ Type: 'MESSAGE', Content: 'hello', ContentType: 'text/plain' });
    chat.push(chat.attachmentItem('someone-elses', 'REJECTED'));
    expect(uploader.uploads.map((upload) => upload.scanStatus)).to.deep.equal(['REJECTED', 'APPROVED']);
  });

  it('reads an ATTACHMENT item without attachment data, or without a status, as rejected', () => {
    expect(verdictsOf({ Type: 'ATTACHMENT', ParticipantRole: 'CUSTOMER' })).to.deep.equal([[null, 'REJECTED']]);
    expect(verdictsOf({ Type: 'ATTACHMENT', ParticipantRole: 'AGENT', Attachments: [] })).to.deep.equal([]);
    expect(verdictsOf({ Type: 'ATTACHMENT', Attachments: [{ AttachmentId: 'x' }] })).to.deep.equal([['x', 'REJECTED']]);
    expect(verdictsOf({ Type: 'ATTACHMENT', Attachments: [{ AttachmentId: 'x', Status: 'APPROVED' }] })).to.deep.equal([['x', 'APPROVED']]);
    expect(verdictsOf(null)).to.deep.equal([]);
    expect(verdictsOf('ATTACHMENT')).to.deep.equal([]);
  });

  it('gives an item without attachment data to the one file waiting for a verdict, and to none when several wait', async () => {
    const chat = new FakeChat();
    const { uploader } = chatUploader(chat);
    const a = await sendOne(uploader, 'a.pdf');
    chat.push({ Type: 'ATTACHMENT', ParticipantRole: 'CUSTOMER' });
    expect(uploader.getUpload(a.uploadId)?.scanStatus).to.equal('REJECTED');
    const b = await sendOne(uploader, 'b.pdf');
    const c = await sendOne(uploader, 'c.pdf');
    chat.push({ Type: 'ATTACHMENT', ParticipantRole: 'CUSTOMER' });
    expect(uploader.getUpload(b.uploadId)?.scanStatus).to.equal(undefined);
    expect(uploader.getUpload(c.uploadId)?.scanStatus).to.equal(undefined);
  });

  it('stops listening when the chat ends, when the property changes, and when the uploader is disposed', async () => {
    const ended = new FakeChat();
    const { uploader, settings } = chatUploader(ended);
    const a = await sendOne(uploader, 'a.pdf');
    ended.end();
    ended.push(ended.attachmentItem(a.attachmentId, 'REJECTED'));
    expect(uploader.getUpload(a.uploadId)?.scanStatus).to.equal(undefined);

    const first = new FakeChat();
    settings.chatSession = first;
    const b = await sendOne(uploader, 'b.pdf');
    settings.chatSession = new FakeChat();
    first.push(first.attachmentItem(b.attachmentId, 'REJECTED'));
    expect(uploader.getUpload(b.uploadId)?.scanStatus).to.equal(undefined);

    const last = settings.chatSession as FakeChat;
    const c = await sendOne(uploader, 'c.pdf');
    uploader.dispose();
    last.push(last.attachmentItem(c.attachmentId, 'REJECTED'));
    expect(uploader.getUpload(c.uploadId)?.scanStatus).to.equal(undefined);
  });

  it('takes verdicts from the session even when the page gives its own token', async () => {
    const chat = new FakeChat();
    const { uploader } = chatUploader(chat, { token: TOKEN });
    const a = await sendOne(uploader, 'a.pdf');
    chat.push(chat.attachmentItem(a.attachmentId, 'APPROVED'));
    expect(uploader.getUpload(a.uploadId)?.scanStatus).to.equal('APPROVED');
  });
});

describe('getAttachmentUrl', () => {
  it('asks GetAttachment with the current token and returns the URL, firing no event', async () => {
    const chat = new FakeChat();
    const { uploader, fake, events } = chatUploader(chat);
    const a = await sendOne(uploader, 'a.pdf');
    const before = events.length;
    chat.token = 'session-token-2';
    const url = await uploader.getAttachmentUrl(a.attachmentId);
    expect(url).to.equal(`https://s3.fake.test/download/${a.attachmentId}`);
    expect(fake.callsOf('get').map((call) => call.token)).to.deep.equal(['session-token-2']);
    expect(events.length).to.equal(before);
  });

  it('rejects with the UploadError of the call', async () => {
    const { uploader, fake } = fakeUploader();
    fake.fail('get', new UploadError('validation', 'Amazon Connect answered 400 ValidationException.', { status: 400 }));
    let caught: unknown;
    await uploader.getAttachmentUrl('att-1').catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(UploadError);
    expect((caught as UploadError).code).to.equal('validation');
  });
});

describe("the instance's rules", () => {
  it('narrows accept to the extensions both allow, and the size limit to the smaller (at most 100 MB)', () => {
    const attachmentRules = { AllowedExtensions: ['PDF', '.png', 'zip', 'exe'], MaximumSizeLimitInBytes: 5_000_000 };
    const narrowed = (accept: string, rules: typeof attachmentRules | undefined = attachmentRules) =>
      allowanceOf({ accept, attachmentRules: rules }).accept;
    const limit = (maxFileSize: number, MaximumSizeLimitInBytes: number) =>
      allowanceOf({ maxFileSize, attachmentRules: { MaximumSizeLimitInBytes } }).maxFileSize;
    expect(narrowed('.pdf,.png,.jpg')).to.equal('.pdf,.png');
    expect(narrowed('image/*,.zip')).to.equal('.png,.zip');
    expect(narrowed('.pdf', undefined)).to.equal('.pdf');
    expect(limit(20_000_000, 5_000_000)).to.equal(5_000_000);
    expect(limit(200_000_000, 150_000_000)).to.equal(100 * 1024 * 1024);
    expect(limit(20_000_000, 50_000_000)).to.equal(20_000_000);
    expect(limit(20_000_000, -1)).to.equal(20_000_000);
  });

  it('rejects files the instance does not allow, by type and by size, with the usual reasons', async () => {
    const { uploader, events } = fakeUploader({
      attachmentRules: { AllowedExtensions: ['pdf', 'png'], MaximumSizeLimitInBytes: 1_000 },
    });
    uploader.upload([
      makeFile('ok.pdf', 500, 'application/pdf'),
      makeFile('page-allows.jpg', 500, 'image/jpeg'),
      makeFile('big.png', 2_000, 'image/png'),
    ]);
    await settled(uploader);
    const rejects = events.filter((event) => event.type === 'attachment-reject');
    expect(rejects.map((event) => [event.detail.file.name, 'reason' in event.detail ? event.detail.reason : ''])).to.deep.equal([
      ['page-allows.jpg', 'file-type'],
      ['big.png', 'file-too-large'],
    ]);
    expect(uploader.uploads.map((upload) => [upload.file.name, upload.state])).to.deep.equal([['ok.pdf', 'done']]);
  });

  it('takes no file while featurePermissions leaves attachments out', async () => {
    const { uploader, fake, settings, events } = fakeUploader({ featurePermissions: { ATTACHMENTS: false } });
    expect(uploader.upload([makeFile('a.pdf', 100, 'application/pdf')])).to.deep.equal([]);
    settings.featurePermissions = { ATTACHMENTS: true };
    uploader.upload([makeFile('b.pdf', 100, 'application/pdf')]);
    await settled(uploader);
    await macrotask();
    expect(fake.callsOf('start').map((call) => call.name)).to.deep.equal(['b.pdf']);
    expect(events.filter((event) => event.type === 'attachment-completed')).to.have.length(1);
    expect(idFor(uploader, 'b.pdf')).to.be.a('string');
  });
});
