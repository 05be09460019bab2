/**
 * `fit-images` against the stand-in: big photos and screenshots are shrunk or re-encoded to fit the
 * limit before Start, and what Start announced is exactly what S3 stored, decoded back here.
 */
import { expect } from '@open-wc/testing';
import { announced, delay, mount, settled } from '../helpers/element.js';
import { ofType, redAt, uploadAndCheck } from '../helpers/fit.js';
import { canvasBlob, plainImage } from '../helpers/images.js';
import { noise, noisePng } from '../helpers/pictures.js';
import { makeFile, sha256Hex } from '../helpers/stand-in.js';
import { ENGLISH } from '../helpers/words.js';

const MiB = 1024 * 1024;

/**
 * A JPEG as a camera held upright writes it: 6000 × 4000 stored pixels and EXIF orientation 6 (turn
 * 90° clockwise to show), so it shows 4000 wide and 6000 tall. The stored top-left quarter is red,
 * which shows at the top right. Noise in the rest keeps it several megabytes.
 */
async function rotatedJpeg(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 6000;
  canvas.height = 4000;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const band = context.createImageData(6000, 500);
  noise(band.data, 7, true);
  for (let y = 0; y < 4000; y += 500) context.putImageData(band, 0, y);
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, 1500, 1000);
  const jpeg = new Uint8Array(await (await canvasBlob(canvas, 'image/jpeg', 0.95)).arrayBuffer());
  canvas.width = canvas.height = 0;
  // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112) SHORT 1 = 6.
  const app1 = new Uint8Array([
    0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12,
    0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  ]);
  // After SOI and the JFIF APP0 segment the encoder writes (if any).
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + ((jpeg[4] as number) << 8) + (jpeg[5] as number) : 2;
  return new Blob([jpeg.subarray(0, at), app1, jpeg.subarray(at)], { type: 'image/jpeg' });
}

describe('fit-images', function () {
  // Making and encoding tens of megapixels takes seconds on a shared machine.
  this.timeout(180_000);

  it('fits a 30 MB noise PNG under the 20 MB limit as a JPEG of the same proportions', async () => {
    const png = new File([await noisePng(3300, 3300)], 'screenshot.png', { type: 'image/png' });
    expect(png.size, 'the test image is over 30 MB').to.be.above(30 * MiB);
    const { bitmap } = await uploadAndCheck(() => {}, png, 20 * MiB);
    expect(bitmap.width).to.equal(bitmap.height);
    expect(bitmap.width).to.be.within(100, 3300);
  });

  it('turns a 6000 × 4000 JPEG with EXIF orientation 6 upright (4000 wide, 6000 tall) and fits it', async () => {
    const blob = await rotatedJpeg();
    const original = await createImageBitmap(blob);
    expect([original.width, original.height], 'the browser reads the orientation of the test image').to.deep.equal([4000, 6000]);
    original.close();
    const jpeg = new File([blob], 'portrait.jpg', { type: 'image/jpeg' });
    const limit = Math.floor(jpeg.size / 2);
    const { bitmap, converted } = await uploadAndCheck((el) => (el.maxFileSize = limit), jpeg, limit);
    expect((converted['converted'] as { name: string }).name).to.equal('portrait.jpg');
    // Upright: taller than wide in the ratio 2:3, whatever the scale.
    expect(bitmap.height).to.be.above(bitmap.width);
    expect(Math.abs(bitmap.width * 1.5 - bitmap.height)).to.be.at.most(2);
    // The stored top-left quarter (red) is now at the top right.
    const [r, g, b] = redAt(bitmap, bitmap.width - 10, 10);
    expect(r).to.be.above(200);
    expect(g + b).to.be.below(80);
    expect(redAt(bitmap, 10, 10)[0] < 200 || redAt(bitmap, 10, 10)[1] > 80).to.equal(true);
  });

  it('scales an image that fits down to max-image-dimension on its long side', async () => {
    const png = new File([await plainImage(1200, 800)], 'wide.png', { type: 'image/png' });
    const { bitmap, converted } = await uploadAndCheck((el) => (el.maxImageDimension = 600), png, 20 * MiB);
    expect([bitmap.width, bitmap.height]).to.deep.equal([600, 400]);
    expect(converted['converted']).to.include({ name: 'wide.jpg', type: 'image/jpeg' });
  });

  it('fits in a module worker made from its own module, which answers with the fitted bytes', async () => {
    const answers: unknown[] = [];
    const names: (string | undefined)[] = [];
    const PageWorker = window.Worker;
    // Watches the workers the page makes, and what they answer.
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        names.push(options?.name);
        this.addEventListener('message', (event) => answers.push(event.data));
      }
    };
    try {
      const png = new File([await plainImage(800, 800)], 'worker.png', { type: 'image/png' });
      const { converted } = await uploadAndCheck((el) => (el.maxImageDimension = 400), png, 20 * MiB);
      expect(names).to.deep.equal(['connect-attachment-upload-fit-image']);
      expect(answers).to.have.length(1);
      const { result } = answers[0] as { result: unknown };
      expect(result).to.be.instanceOf(Blob);
      expect((result as Blob).size).to.equal((converted['converted'] as { size: number }).size);
    } finally {
      window.Worker = PageWorker;
    }
  });

  it('keeps transparency: a transparent PNG over the limit stays a PNG', async () => {
    const png = new File([await noisePng(700, 700, false)], 'cutout.png', { type: 'image/png' });
    const limit = Math.floor(png.size / 3);
    const { bitmap, converted } = await uploadAndCheck((el) => (el.maxFileSize = limit), png, limit);
    expect(converted['converted']).to.include({ name: 'cutout.png', type: 'image/png' });
    expect(bitmap.width).to.equal(bitmap.height);
    expect(bitmap.width).to.be.below(700);
  });

  it('uploads an image that already fits byte-identical, without converting it', async () => {
    const { el, chat, stand, events } = await mount((el) => (el.fitImages = true));
    const png = new File([await plainImage(640, 480)], 'small.png', { type: 'image/png' });
    el.upload([png]);
    await settled(el);
    expect(ofType(events, 'attachment-converted')).to.have.length(0);
    const [attachment] = await stand.attachments(chat.contactId);
    expect(attachment).to.include({ name: 'small.png', contentType: 'image/png', size: png.size, status: 'completed' });
    expect(attachment?.stored?.sha256).to.equal(await sha256Hex(png));
  });

  it('rejects an undecodable .png over the limit with image-unreadable, and sends nothing', async () => {
    const { el, chat, stand, events } = await mount((el) => {
      el.fitImages = true;
      el.maxFileSize = 10_000;
    });
    const before = (await stand.state()).requests.length;
    const broken = makeFile('broken.png', 50_000, 'image/png');
    el.upload([broken]);
    await new Promise((resolve) => el.addEventListener('attachment-reject', resolve, { once: true }));
    const [reject] = ofType(events, 'attachment-reject');
    expect(reject).to.include({ file: broken, reason: 'image-unreadable' });
    expect(reject?.['message']).to.contain('broken.png');
    expect(el.uploads, 'a rejected file leaves the list').to.have.length(0);
    expect(ofType(events, 'attachment-select')).to.have.length(1);
    expect((await stand.state()).requests.length).to.equal(before);
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
    await announced(el);
    expect(el.shadowRoot?.querySelector('[role=status]')?.textContent).to.contain(ENGLISH.rejections['image-unreadable']);
  });

  it('without fit-images, an image over the limit is still rejected as file-too-large', async () => {
    const { el, events } = await mount((el) => (el.maxFileSize = 10_000));
    el.upload([new File([await noisePng(200, 200)], 'noise.png', { type: 'image/png' })]);
    expect(ofType(events, 'attachment-reject')[0]).to.include({ reason: 'file-too-large' });
  });

  it('sends a HEIC the browser cannot decode as it is when it fits, and rejects it as file-too-large when it does not', async () => {
    const { el, chat, stand, events } = await mount((el) => {
      el.fitImages = true;
      el.maxFileSize = 20_000;
    });
    const heic = makeFile('photo.heic', 10_000, 'image/heic');
    const big = makeFile('big.heic', 30_000, 'image/heic');
    el.upload([heic, big]);
    await settled(el);
    const [attachment, ...others] = await stand.attachments(chat.contactId);
    expect(others).to.have.length(0);
    expect(attachment).to.include({ name: 'photo.heic', contentType: 'image/heic', status: 'completed' });
    expect(attachment?.stored?.sha256).to.equal(await sha256Hex(heic));
    expect(ofType(events, 'attachment-reject').map((detail) => [(detail['file'] as File).name, detail['reason']])).to.deep.equal([
      ['big.heic', 'file-too-large'],
    ]);
  });

  it('fits again from the original File on retry, and sends one attachment', async () => {
    const { el, chat, stand, events } = await mount((el) => {
      el.fitImages = true;
      el.maxImageDimension = 300;
    });
    const png = new File([await plainImage(900, 600)], 'again.png', { type: 'image/png' });
    await stand.setFaults([{ route: 'start-attachment-upload', status: 500, errorType: 'InternalServerException', times: 3 }]);
    try {
      el.upload([png]);
      await settled(el);
    } finally {
      await stand.clearFaults();
    }
    const [upload] = el.uploads;
    expect(upload).to.include({ state: 'failed', file: png, contentType: 'image/png' });
    el.retry(upload?.uploadId as string);
    await settled(el);
    expect(el.uploads[0]).to.include({ state: 'done', file: png });
    const converted = ofType(events, 'attachment-converted');
    expect(converted).to.have.length(2);
    expect(converted[1]?.['file']).to.equal(png);
    const [attachment, ...others] = await stand.attachments(chat.contactId);
    expect(others).to.have.length(0);
    expect(attachment).to.include({ name: 'again.jpg', contentType: 'image/jpeg', status: 'completed' });
    expect(attachment?.size).to.equal((converted[1]?.['converted'] as { size: number }).size);
  });

  it('shows and announces "Preparing" once, and a cancel during it sends nothing', async () => {
    const { el, chat, stand, events } = await mount((el) => {
      el.fitImages = true;
      el.maxFileSize = 100_000;
    });
    const before = (await stand.state()).requests.length;
    const png = new File([await noisePng(1500, 1500)], 'slow.png', { type: 'image/png' });
    el.upload([png]);
    const [upload] = el.uploads;
    // Wait until the fitting module is loaded and the image is being prepared.
    while (el.uploads[0]?.state === 'queued') await delay(5);
    expect(el.uploads[0]?.state).to.equal('preparing');
    await el.updateComplete;
    const item = el.shadowRoot?.querySelector(`li[data-id="${upload?.uploadId}"]`);
    expect(item?.getAttribute('data-state')).to.equal('preparing');
    expect(item?.textContent).to.contain(ENGLISH.states.preparing);
    el.cancel(upload?.uploadId);
    expect(el.uploads[0]?.state).to.equal('cancelled');
    await announced(el);
    expect(el.shadowRoot?.querySelector('[role=status]')?.textContent).to.contain(ENGLISH.announcePreparing({ name: 'slow.png' }));
    // Long enough for the fit to have finished had it gone on: still nothing sent.
    await delay(3000);
    expect(ofType(events, 'attachment-converted')).to.have.length(0);
    expect(ofType(events, 'attachment-started')).to.have.length(0);
    expect(ofType(events, 'attachment-abort')).to.have.length(1);
    expect((await stand.state()).requests.length).to.equal(before);
    expect(await stand.attachments(chat.contactId)).to.have.length(0);
  });
});
