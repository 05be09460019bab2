/** The wire layer alone, with real fetch and XHR against the stand-in. */
import { expect } from '@open-wc/testing';
import { AcpsClient } from '../../src/api/acps.js';
import { UploadError } from '../../src/api/errors.js';
import { putObject } from '../../src/api/s3.js';
import { makeFile, sha256Hex, standIn } from '../helpers/stand-in.js';

afterEach(async () => (await standIn()).clearFaults());

async function setup() {
  const stand = await standIn();
  const chat = await stand.createChat();
  return { stand, chat, acps: new AcpsClient(stand.endpoint) };
}

describe('ACPS and S3 over the wire', () => {
  it('exchanges a ParticipantToken for a ConnectionToken that works', async () => {
    const { chat, acps } = await setup();
    const credentials = await acps.createParticipantConnection(chat.participantToken);
    expect(credentials.connectionToken).to.be.a('string').and.not.equal(chat.participantToken);
    expect(credentials.expiry.getTime()).to.be.greaterThan(Date.now());
    const started = await acps.startAttachmentUpload(credentials.connectionToken, {
      contentType: 'text/plain',
      sizeInBytes: 3,
      name: 'x.txt',
      clientToken: crypto.randomUUID(),
    });
    expect(started.attachmentId).to.be.a('string');
  });

  it('starts, puts with progress, completes, and reads the attachment back', async () => {
    const { stand, chat, acps } = await setup();
    const file = makeFile('résumé 2026.pdf', 200_000, 'application/pdf');
    const started = await acps.startAttachmentUpload(chat.connectionToken, {
      contentType: file.type,
      sizeInBytes: file.size,
      name: file.name,
      clientToken: crypto.randomUUID(),
    });
    expect(started.urlExpiry.getTime()).to.be.greaterThan(Date.now());
    expect(Object.keys(started.headers)).to.include.members(['Content-Type', 'Content-Length', 'Content-Disposition']);
    const progress: number[] = [];
    await putObject({ url: started.url, headers: started.headers, body: file, onProgress: (loaded) => progress.push(loaded) });
    expect(progress.at(-1)).to.equal(file.size);
    await acps.completeAttachmentUpload(chat.connectionToken, { attachmentId: started.attachmentId, clientToken: crypto.randomUUID() });
    const link = await acps.getAttachment(chat.connectionToken, started.attachmentId);
    expect(link.sizeInBytes).to.equal(file.size);
    const downloaded = await (await fetch(link.url)).blob();
    expect(await sha256Hex(downloaded)).to.equal(await sha256Hex(file));
    const [stored] = await stand.attachments(chat.contactId);
    expect(stored).to.include({ name: 'résumé 2026.pdf', completeCount: 1 });
  });

  for (const errorFormat of ['header', 'body-code', 'body-type', 'status-only'] as const) {
    it(`decodes an error whose type travels as "${errorFormat}"`, async () => {
      const { stand, chat, acps } = await setup();
      await stand.setFaults([
        { route: 'start-attachment-upload', status: 409, errorType: 'ConflictException', errorFormat, message: 'busy', times: 1 },
      ]);
      const error = await acps
        .startAttachmentUpload(chat.connectionToken, { contentType: 'text/plain', sizeInBytes: 1, name: 'a.txt', clientToken: 'x' })
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(UploadError);
      expect(error).to.include({ code: 'conflict', status: 409 });
      if (errorFormat !== 'status-only') expect((error as UploadError).awsType).to.equal('ConflictException');
    });
  }

  it('answers a wrong token with access-denied', async () => {
    const { acps } = await setup();
    const error = await acps
      .startAttachmentUpload('not-a-token', { contentType: 'text/plain', sizeInBytes: 1, name: 'a.txt', clientToken: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).to.include({ code: 'access-denied', status: 403, retryable: false });
  });

  it('reports a connection reset as a retryable network error', async () => {
    const { stand, chat, acps } = await setup();
    // Browsers silently re-send a request once per reused connection that drops, so every try is reset
    // (the afterEach hook clears the fault).
    await stand.setFaults([{ route: 'start-attachment-upload', reset: true, times: -1 }]);
    const error = await acps
      .startAttachmentUpload(chat.connectionToken, { contentType: 'text/plain', sizeInBytes: 1, name: 'a.txt', clientToken: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).to.include({ code: 'network', retryable: true });
  });

  it('aborts a PUT when the signal fires', async () => {
    const { stand, chat, acps } = await setup();
    await stand.setFaults([{ route: 's3-put', slowBytesPerSecond: 128 * 1024, times: 1 }]);
    const file = makeFile('big.mp4', 4 * 1024 * 1024, 'video/mp4');
    const started = await acps.startAttachmentUpload(chat.connectionToken, {
      contentType: file.type,
      sizeInBytes: file.size,
      name: file.name,
      clientToken: crypto.randomUUID(),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await putObject({ url: started.url, headers: started.headers, body: file, signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });
});
