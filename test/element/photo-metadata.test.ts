/**
 * Metadata out by default, against the stand-in: what S3 stores for a phone photo, a PNG and a WebP
 * sent as they are, compared byte for byte with the original's image data; `keep-metadata`; a JPEG
 * that cannot be walked; what the page learns and what the customer is told.
 */
import { expect } from '@open-wc/testing';
import type { PutObjectRequest } from '../../src/api/s3.js';
import { AttachmentUploader, type ConnectAttachmentUpload, type UploaderSettings } from '../../src/index.js';
import { type Recorded, announced, mount, settled } from '../helpers/element.js';
import {
  IPTC,
  VP8L,
  XMP,
  bytesOf,
  canvasBytes,
  chunk,
  concat,
  exif,
  holds,
  iccSegments,
  jpegSegments,
  pngChunks,
  riffChunk,
  segment,
  vp8x,
  webp,
  webpChunks,
  withChunks,
  withSegments,
} from '../helpers/images.js';
import {
  type AttachmentEvent,
  FAKE_ENDPOINT,
  FakeConnect,
  TOKEN,
  created,
  online,
  record,
  settled as settledUploader,
} from '../helpers/fake-connect.js';
import { type StandIn, type StandInChat, makeFile, sha256Hex, storedBytes } from '../helpers/stand-in.js';
import { ENGLISH } from '../helpers/words.js';

const ofType = (events: Recorded[], type: string) => events.filter((event) => event.type === type).map((event) => event.detail);
const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Uploads `file`; returns the one stored attachment's bytes, after checking Start announced their size. */
async function sendOne(file: File, configure: (el: ConnectAttachmentUpload) => void = () => {}) {
  const { el, chat, stand, events } = await mount(configure);
  el.upload([file]);
  await settled(el);
  expect(el.uploads[0]?.state, String(el.uploads[0]?.error?.message)).to.equal('done');
  expect(el.uploads[0]?.file, 'the list keeps the File given').to.equal(file);
  const stored = await storedOf(stand, chat);
  return { el, events, stand, chat, stored };
}

async function storedOf(stand: StandIn, chat: StandInChat): Promise<Uint8Array> {
  const [attachment, ...others] = await stand.attachments(chat.contactId);
  expect(others).to.have.length(0);
  expect(attachment?.status).to.equal('completed');
  const blob = await storedBytes(stand, chat, attachment?.attachmentId as string);
  expect(attachment?.size, 'Start announced the size S3 stored').to.equal(blob.size);
  return bytes(blob);
}

/** A phone photo: a 64 × 32 JPEG from a canvas, with GPS and orientation 6, XMP, IPTC, a comment and a colour profile over two segments. */
async function phonePhoto(): Promise<{ file: File; original: Uint8Array; icc: Uint8Array[] }> {
  const icc = iccSegments(2);
  const original = withSegments(
    await canvasBytes(64, 32, 'image/jpeg'),
    segment(0xe1, exif({ orientation: 6, gps: true })),
    segment(0xe1, XMP),
    ...icc,
    segment(0xed, IPTC),
    segment(0xfe, bytesOf('taken at home')),
  );
  return { file: new File([original], 'parcel.jpg', { type: 'image/jpeg' }), original, icc };
}

/** How a browser shows an image: its decoded size, orientation applied (as createImageBitmap and an <img> do by default). */
async function shownSize(data: Uint8Array<ArrayBuffer>, type: string): Promise<{ bitmap: number[]; img: number[] }> {
  const blob = new Blob([data], { type });
  const bitmap = await createImageBitmap(blob);
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { bitmap: [bitmap.width, bitmap.height], img: [img.naturalWidth, img.naturalHeight] };
  } finally {
    bitmap.close();
    URL.revokeObjectURL(url);
  }
}

describe('metadata out by default', function () {
  this.timeout(30_000);

  it('stores a phone photo without GPS, XMP, IPTC or comment, upright, its colour profile and scan byte for byte', async () => {
    const { file, original, icc } = await phonePhoto();
    const { events, stored } = await sendOne(file);
    const { segments, scan } = jpegSegments(stored);
    const app1 = segments.filter((s) => s.marker === 0xe1);
    expect(app1, 'one APP1: the new Exif').to.have.length(1);
    expect(holds(app1[0]?.bytes as Uint8Array, 'Exif\0\0II*\0')).to.equal(true);
    expect(app1[0]?.bytes.length, 'the orientation alone: 34 bytes of segment').to.equal(36);
    // IFD0's one entry: Orientation (0x0112) SHORT 1 = 6.
    expect([...(app1[0]?.bytes.subarray(20, 30) as Uint8Array)]).to.deep.equal([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0]);
    expect(
      segments.some((s) => s.marker === 0xed || s.marker === 0xfe),
      'no APP13, no comment',
    ).to.equal(false);
    for (const secret of ['SecretCam', 'GPSLatitude', 'SecretCity', 'taken at home', 'ns.adobe.com']) {
      expect(holds(stored, secret), secret).to.equal(false);
    }
    // The encoder's own profile (Chromium writes one) and the two-segment one, as they were.
    const iccOf = (jpeg: Uint8Array) =>
      jpegSegments(jpeg)
        .segments.filter((s) => s.marker === 0xe2)
        .map((s) => [...s.bytes]);
    expect(iccOf(stored), 'the ICC segments as they were').to.deep.equal(iccOf(original));
    expect(iccOf(stored)).to.deep.include.members(icc.map((s) => [...s]));
    expect(scan, 'SOS to EOI byte for byte').to.deep.equal(jpegSegments(original).scan);
    // Stored 64 wide and 32 tall; orientation 6 shows it 32 wide and 64 tall.
    expect(await shownSize(stored as Uint8Array<ArrayBuffer>, 'image/jpeg')).to.deep.equal({ bitmap: [32, 64], img: [32, 64] });

    const [converted, ...more] = ofType(events, 'attachment-converted');
    expect(more).to.have.length(0);
    expect(converted).to.deep.include({
      file,
      original: { name: 'parcel.jpg', size: file.size, type: 'image/jpeg' },
      converted: { name: 'parcel.jpg', size: stored.length, type: 'image/jpeg' },
      removed: ['location', 'exif', 'xmp', 'iptc', 'text'],
    });
    expect(ofType(events, 'attachment-completed')[0]?.['file']).to.equal(file);
  });

  it('stores a PNG without its tEXt, eXIf, iTXt and tIME, its IDAT byte for byte', async () => {
    const canvasPng = await canvasBytes(300, 200, 'image/png');
    const original = withChunks(
      canvasPng,
      chunk('tEXt', bytesOf('Comment\0taken at home')),
      chunk('eXIf', exif({ gps: true }).subarray(6)),
      chunk('iTXt', concat(bytesOf('XML:com.adobe.xmp\0\0\0\0\0'), XMP.subarray(29))),
      chunk('tIME', new Uint8Array([7, 234, 12, 7, 20, 0, 0])),
    );
    const file = new File([original], 'screen.png', { type: 'image/png' });
    const { events, stored } = await sendOne(file);
    const types = pngChunks(stored).map((c) => c.type);
    for (const type of ['tEXt', 'eXIf', 'iTXt', 'tIME']) expect(types, type).not.to.include(type);
    const idat = (png: Uint8Array) =>
      pngChunks(png)
        .filter((c) => c.type === 'IDAT')
        .map((c) => [...c.bytes]);
    expect(idat(stored)).to.deep.equal(idat(original));
    expect(
      pngChunks(stored).map((c) => [...c.bytes]),
      'the canvas PNG, chunk for chunk',
    ).to.deep.equal(pngChunks(canvasPng).map((c) => [...c.bytes]));
    expect((await shownSize(stored as Uint8Array<ArrayBuffer>, 'image/png')).bitmap).to.deep.equal([300, 200]);
    expect(ofType(events, 'attachment-converted')[0]?.['removed']).to.deep.equal(['location', 'exif', 'xmp', 'text', 'other']);
  });

  it("keeps a PNG's orientation alone in a new eXIf, so it shows as the original did", async () => {
    const original = withChunks(await canvasBytes(60, 20, 'image/png'), chunk('eXIf', exif({ orientation: 6, gps: true }).subarray(6)));
    const { stored } = await sendOne(new File([original], 'turned.png', { type: 'image/png' }));
    const exifs = pngChunks(stored).filter((c) => c.type === 'eXIf');
    expect(
      exifs.map((c) => c.bytes.length),
      'one eXIf of 26 bytes of data',
    ).to.deep.equal([38]);
    expect(holds(stored, 'SecretCam')).to.equal(false);
    expect(await shownSize(stored as Uint8Array<ArrayBuffer>, 'image/png')).to.deep.equal(await shownSize(original, 'image/png'));
  });

  it('with keep-metadata, stores the original bytes and says nothing was converted', async () => {
    const { file } = await phonePhoto();
    const { el, events, stored } = await sendOne(file, (el) => el.setAttribute('keep-metadata', ''));
    expect(el.keepMetadata).to.equal(true);
    expect(await sha256Hex(new Blob([stored as Uint8Array<ArrayBuffer>]))).to.equal(await sha256Hex(file));
    expect(ofType(events, 'attachment-converted')).to.have.length(0);
  });

  it('sends an image with nothing to remove as it is, without attachment-converted', async () => {
    const file = new File([await canvasBytes(40, 40, 'image/png')], 'plain.png', { type: 'image/png' });
    const { events, stored } = await sendOne(file);
    expect(await sha256Hex(new Blob([stored as Uint8Array<ArrayBuffer>]))).to.equal(await sha256Hex(file));
    expect(ofType(events, 'attachment-converted')).to.have.length(0);
  });

  it('sends a .jpg that is not a JPEG, PNG or WebP as it is', async () => {
    const file = makeFile('not-really.jpg', 5000, 'image/jpeg');
    const { stored } = await sendOne(file);
    expect(await sha256Hex(new Blob([stored as Uint8Array<ArrayBuffer>]))).to.equal(await sha256Hex(file));
  });

  it('rejects a JPEG whose structure cannot be walked as image-unreadable, and sends nothing', async () => {
    const { el, chat, stand, events } = await mount();
    const before = (await stand.state()).requests.length;
    // An Exif with GPS whose segment says it is longer than the file.
    const broken = new File([concat(new Uint8Array([0xff, 0xd8]), segment(0xe1, exif({ gps: true })).subarray(0, 40))], 'broken.jpg', {
      type: 'image/jpeg',
    });
    el.upload([broken]);
    await settled(el);
    const [reject, ...more] = ofType(events, 'attachment-reject');
    expect(more).to.have.length(0);
    expect(reject).to.include({ file: broken, reason: 'image-unreadable' });
    expect(reject?.['message']).to.contain('broken.jpg').and.to.contain('location');
    expect(el.uploads, 'a rejected file leaves the list').to.have.length(0);
    expect((await stand.state()).requests.length, 'no request at all').to.equal(before);
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
    await announced(el);
    expect(el.shadowRoot?.querySelector('[part=rejections]')?.textContent).to.contain(ENGLISH.rejections['image-unreadable']);
  });

  it('removes the metadata again from the original at a retry, and sends one attachment', async () => {
    const { file, original } = await phonePhoto();
    const { el, chat, stand, events } = await mount();
    await stand.setFaults([{ route: 'start-attachment-upload', status: 500, errorType: 'InternalServerException', times: 3 }]);
    try {
      el.upload([file]);
      await settled(el);
    } finally {
      await stand.clearFaults();
    }
    expect(el.uploads[0]?.state).to.equal('failed');
    el.retry(el.uploads[0]?.uploadId as string);
    await settled(el);
    expect(el.uploads[0]).to.include({ state: 'done', file });
    const converted = ofType(events, 'attachment-converted');
    expect(converted).to.have.length(2);
    expect(converted[1]?.['original']).to.deep.equal(converted[0]?.['original']);
    expect(converted[1]?.['converted']).to.deep.equal(converted[0]?.['converted']);
    const stored = await storedOf(stand, chat);
    expect(holds(stored, 'GPS') || holds(stored, 'SecretCam')).to.equal(false);
    expect(jpegSegments(stored).scan).to.deep.equal(jpegSegments(original).scan);
  });

  it('a cancel while the metadata is being removed sends nothing', async () => {
    const { file } = await phonePhoto();
    const { el, chat, stand, events } = await mount();
    const before = (await stand.state()).requests.length;
    const [uploadId] = el.upload([file]);
    // The run has begun: it waits for the module or reads the file's headers.
    await Promise.resolve();
    el.cancel(uploadId);
    await settled(el);
    // Long enough for the removal and the upload to have happened had the cancel not stopped them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(el.uploads[0]?.state).to.equal('cancelled');
    expect(ofType(events, 'attachment-converted')).to.have.length(0);
    expect(ofType(events, 'attachment-started')).to.have.length(0);
    expect(ofType(events, 'attachment-abort')).to.have.length(1);
    expect((await stand.state()).requests.length).to.equal(before);
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
  });
});

/**
 * Connect takes no WebP in a chat (the stand-in refuses its Start, as Connect does), so a WebP is
 * sent through the headless uploader on a fake Connect whose PUT keeps the body it was given.
 */
describe('metadata out of a WebP (headless uploader, fake Connect)', () => {
  async function put(settings: UploaderSettings, file: File): Promise<{ body: Uint8Array; events: AttachmentEvent[] }> {
    const fake = new FakeConnect();
    const bodies: Blob[] = [];
    const transport = { ...fake.transport, put: (request: PutObjectRequest) => (bodies.push(request.body), fake.transport.put(request)) };
    const all = { token: TOKEN, endpoint: FAKE_ENDPOINT, accept: '.webp', ...settings };
    const uploader = new AttachmentUploader(all, { transport, connectivity: online });
    created.push(uploader);
    const events = record(uploader);
    uploader.upload([file]);
    await settledUploader(uploader);
    expect(uploader.uploads[0]?.state).to.equal('done');
    expect(bodies).to.have.length(1);
    const started = fake.calls.filter((call) => call.step === 'start');
    expect(started).to.have.length(1);
    return { body: await bytes(bodies[0] as Blob), events };
  }

  const image = riffChunk('VP8L', VP8L);
  const original = webp(vp8x(0x0c, 1, 1), image, riffChunk('EXIF', exif({ gps: true }).subarray(6)), riffChunk('XMP ', XMP.subarray(29)));
  const file = new File([original], 'sticker.webp', { type: 'image/webp' });

  it('sends a WebP without its EXIF and XMP chunks, its VP8X flags cleared, still decodable', async () => {
    const { body, events } = await put({}, file);
    const chunks = webpChunks(body);
    expect(chunks.map((c) => c.type)).to.deep.equal(['VP8X', 'VP8L']);
    expect(chunks[0]?.bytes[8], 'no EXIF or XMP flag').to.equal(0);
    expect([...(chunks[1]?.bytes as Uint8Array)]).to.deep.equal([...image]);
    expect(new DataView(body.buffer).getUint32(4, true), 'the RIFF size').to.equal(body.length - 8);
    expect((await shownSize(body as Uint8Array<ArrayBuffer>, 'image/webp')).bitmap).to.deep.equal([1, 1]);
    const converted = events.filter((event) => event.type === 'attachment-converted');
    expect(converted.map((event) => event.detail)).to.deep.include({
      uploadId: converted[0]?.detail.uploadId,
      file,
      original: { name: 'sticker.webp', size: file.size, type: 'image/webp' },
      converted: { name: 'sticker.webp', size: body.length, type: 'image/webp' },
      removed: ['location', 'exif', 'xmp'],
    });
  });

  it("sends the original bytes with keepMetadata, the same setting as the element's", async () => {
    const { body, events } = await put({ keepMetadata: true }, file);
    expect([...body]).to.deep.equal([...original]);
    expect(events.filter((event) => event.type === 'attachment-converted')).to.have.length(0);
  });
});

describe('the customer is told', () => {
  const hint = (el: ConnectAttachmentUpload) => el.shadowRoot?.querySelector('[part=hint]')?.textContent?.trim();

  it('show-hint says location and camera details are removed where photos can be attached, and not with keep-metadata', async () => {
    const { el } = await mount((el) => (el.showHint = true));
    expect(hint(el)).to.equal(`PDF, images, videos, audio, Office files, text files, up to 20.9 MB each · ${ENGLISH.metadataRemoved}`);
    expect(ENGLISH.metadataRemoved).to.equal('Location and camera details are removed from photos.');
    el.keepMetadata = true;
    await el.updateComplete;
    expect(hint(el)).to.equal('PDF, images, videos, audio, Office files, text files, up to 20.9 MB each');
    el.keepMetadata = false;
    el.accept = '.pdf';
    await el.updateComplete;
    expect(hint(el), 'no photos, nothing to say').to.equal('PDF, up to 20.9 MB each');
  });
});
