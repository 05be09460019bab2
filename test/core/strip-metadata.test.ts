/**
 * Metadata removal on bytes made by hand, without the uploader: what is removed and what is kept of
 * JPEG segments, PNG chunks and WebP chunks, read a few bytes at a time so that every length and
 * marker falls across a read somewhere.
 */
import { expect } from '@open-wc/testing';
import { type StrippedImage, stripMetadata } from '../../src/pipeline/strip-metadata.js';
import {
  IPTC,
  VP8L,
  XMP,
  bytesOf,
  chunk,
  concat,
  exif,
  holds,
  iccSegments,
  jpegSegments,
  pngChunks,
  riffChunk,
  segment,
  u32be,
  vp8x,
  webp,
  webpChunks,
} from '../helpers/images.js';

/** A small JPEG's frame and tables, then a scan (with stuffed bytes and a restart marker) and EOI. */
const FRAME = concat(
  segment(0xdb, new Uint8Array(65).fill(1)),
  segment(0xc0, new Uint8Array([8, 0, 16, 0, 16, 1, 1, 0x11, 0])),
  segment(0xc4, new Uint8Array(20).fill(2)),
);
const SCAN = concat(
  segment(0xda, new Uint8Array([1, 1, 0, 0, 0x3f, 0])),
  new Uint8Array([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd9]),
);
const SOI = new Uint8Array([0xff, 0xd8]);
const APP0 = segment(0xe0, concat(bytesOf('JFIF\0'), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0])));
const APP14 = segment(0xee, concat(bytesOf('Adobe'), new Uint8Array([0, 100, 0, 0, 0, 0, 1])));
const jpeg = (...segments: Uint8Array[]) => concat(SOI, ...segments, FRAME, SCAN);

const blobOf = (bytes: Uint8Array<ArrayBuffer>, type = '') => new Blob([bytes], { type });
const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** The result at every read size from 1 to 40 bytes and at the default: all must agree; the default's is returned. */
async function strip(input: Uint8Array<ArrayBuffer>): Promise<{ result: StrippedImage | undefined; out: Uint8Array | undefined }> {
  const blob = blobOf(input, 'image/x-test');
  const result = await stripMetadata(blob);
  const out = result && (await bytes(result.blob));
  for (let readSize = 1; readSize <= 40; readSize++) {
    const small = await stripMetadata(blob, { readSize });
    expect(small?.removed, `read ${readSize} bytes at a time`).to.deep.equal(result?.removed);
    if (small) expect(await bytes(small.blob), `read ${readSize} bytes at a time`).to.deep.equal(out);
  }
  if (result && result.removed.length > 0) expect(result.blob.type, 'the type of the original').to.equal('image/x-test');
  return { result, out };
}

describe('strip-metadata: JPEG', () => {
  it('removes Exif, XMP, IPTC and comments, keeps JFIF, Adobe and a colour profile over two segments, and the scan byte for byte', async () => {
    const [icc1, icc2] = iccSegments(2) as [Uint8Array, Uint8Array];
    const input = jpeg(
      APP0,
      segment(0xe1, exif({ gps: true })),
      segment(0xe1, XMP),
      icc1,
      icc2,
      segment(0xed, IPTC),
      segment(0xfe, bytesOf('a secret note')),
      APP14,
    );
    const { result, out } = await strip(input);
    expect(result?.removed).to.deep.equal(['location', 'exif', 'xmp', 'iptc', 'text']);
    expect(out).to.deep.equal(jpeg(APP0, icc1, icc2, APP14));
    for (const secret of ['SecretCam', 'GPSLatitude', 'SecretCity', 'a secret note'])
      expect(holds(out as Uint8Array, secret), secret).to.equal(false);
  });

  it('writes the orientation back alone, where the Exif was', async () => {
    const { result, out } = await strip(jpeg(APP0, segment(0xe1, exif({ orientation: 6, gps: true }))));
    expect(result?.removed).to.deep.equal(['location', 'exif']);
    const { segments, scan } = jpegSegments(out as Uint8Array);
    expect(segments.map((s) => s.marker)).to.deep.equal([0xe0, 0xe1, 0xdb, 0xc0, 0xc4]);
    const app1 = segments[1]?.bytes as Uint8Array;
    // Exif\0\0, II*\0, IFD0 at 8 with one entry: Orientation SHORT 1 = 6, no next IFD.
    expect([...app1.subarray(4)]).to.deep.equal([
      ...bytesOf('Exif\0\0II*\0'),
      8,
      0,
      0,
      0,
      1,
      0,
      0x12,
      0x01,
      3,
      0,
      1,
      0,
      0,
      0,
      6,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect(scan).to.deep.equal(SCAN);
  });

  it('does not call an empty GPS block a location', async () => {
    expect((await strip(jpeg(segment(0xe1, exif({ gps: 'empty' }))))).result?.removed).to.deep.equal(['exif']);
  });

  it('adds no Exif when the orientation is 1 or not given', async () => {
    expect((await strip(jpeg(segment(0xe1, exif({ orientation: 1 }))))).out).to.deep.equal(jpeg());
    expect((await strip(jpeg(segment(0xe1, exif({}))))).result?.removed).to.deep.equal(['exif']);
  });

  it('gives back the very same Blob when there is nothing to remove (no APP1 at all)', async () => {
    const blob = blobOf(jpeg(APP0, ...iccSegments(3), APP14));
    const result = await stripMetadata(blob, { readSize: 3 });
    expect(result?.removed).to.deep.equal([]);
    expect(result?.blob).to.equal(blob);
  });

  it('walks over 0xFF fill bytes before markers and over a segment whose length falls across reads', async () => {
    const fill = new Uint8Array([0xff, 0xff, 0xff]);
    const input = concat(SOI, fill, APP0, fill, segment(0xe1, exif({})), fill, FRAME, SCAN);
    const { result, out } = await strip(input);
    expect(result?.removed).to.deep.equal(['exif']);
    expect(jpegSegments(out as Uint8Array).segments.map((s) => s.marker)).to.deep.equal([0xe0, 0xdb, 0xc0, 0xc4]);
    expect(jpegSegments(out as Uint8Array).scan).to.deep.equal(SCAN);
  });

  it("drops makers' segments, MPF and the images appended after the first one", async () => {
    // An MPF index (big-endian TIFF, one MPEntry tag) whose first image is the JPEG itself.
    const mpf = (firstSize: number) =>
      concat(
        bytesOf('MPF\0MM\0*'),
        u32be(8),
        new Uint8Array([0, 1, 0xb0, 0x02, 0, 7]),
        u32be(32),
        u32be(26),
        u32be(0),
        u32be(0),
        bytesOf('MMMMMMMM'),
        u32be(0x20030000),
        u32be(firstSize),
        u32be(0),
        u32be(0),
      );
    const appended = jpeg(segment(0xe1, exif({ gps: true })));
    const size = jpeg(segment(0xe2, mpf(0)), segment(0xe3, bytesOf('MakerData'))).length;
    const input = concat(jpeg(segment(0xe2, mpf(size)), segment(0xe3, bytesOf('MakerData'))), appended);
    const { result, out } = await strip(input);
    expect(result?.removed).to.deep.equal(['other']);
    expect(out).to.deep.equal(jpeg());
  });

  it('drops what follows the EOI when the file does not end with one (an appended video), without an MPF index', async () => {
    const { result, out } = await strip(concat(jpeg(), bytesOf('....ftypmp42 a video with its own GPS')));
    expect(result?.removed).to.deep.equal(['other']);
    expect(out).to.deep.equal(jpeg());
  });

  it('sends a JPEG cut short in its scan to its end', async () => {
    const cut = jpeg(segment(0xe1, exif({}))).subarray(0, -5);
    const { result, out } = await strip(cut);
    expect(result?.removed).to.deep.equal(['exif']);
    expect(out).to.deep.equal(jpeg().subarray(0, -5));
  });

  it('cannot walk a JPEG whose segment runs past the end, or that has no marker where one must be', async () => {
    expect((await strip(concat(SOI, segment(0xe1, exif({ gps: true })).subarray(0, 30)))).result).to.equal(undefined);
    expect((await strip(concat(SOI, APP0, new Uint8Array([0x12, 0x34]), FRAME, SCAN))).result).to.equal(undefined);
    expect((await strip(concat(SOI, APP0))).result, 'ends before its image').to.equal(undefined);
  });
});

describe('strip-metadata: PNG', () => {
  const SIGNATURE = bytesOf('\x89PNG\r\n\x1a\n');
  const IHDR = chunk('IHDR', concat(u32be(2), u32be(2), new Uint8Array([8, 2, 0, 0, 0])));
  const IDATS = Array.from({ length: 30 }, (_, k) => chunk('IDAT', new Uint8Array(k % 7).fill(k)));
  const IEND = chunk('IEND', new Uint8Array(0));
  const KEPT = [
    chunk('iCCP', bytesOf('icc\0\0xyz')),
    chunk('sRGB', new Uint8Array([0])),
    chunk('gAMA', u32be(45455)),
    chunk('pHYs', new Uint8Array(9)),
  ];
  const png = (...chunks: Uint8Array[]) => concat(SIGNATURE, IHDR, ...chunks, ...IDATS, IEND);

  it('removes eXIf, tEXt, zTXt, iTXt and tIME; every other chunk (and each of many IDATs) byte for byte', async () => {
    const { result, out } = await strip(
      png(
        ...KEPT,
        chunk('eXIf', exif({ gps: true }).subarray(6)),
        chunk('tEXt', bytesOf('Comment\0a secret note')),
        chunk('zTXt', bytesOf('Author\0\0xx')),
        chunk('iTXt', concat(bytesOf('XML:com.adobe.xmp\0\0\0\0\0'), XMP.subarray(29))),
        chunk('tIME', new Uint8Array(7)),
      ),
    );
    expect(result?.removed).to.deep.equal(['location', 'exif', 'xmp', 'text', 'other']);
    expect(out).to.deep.equal(png(...KEPT));
    expect(pngChunks(out as Uint8Array).filter((c) => c.type === 'IDAT')).to.have.length(30);
  });

  it('writes the orientation back alone as an eXIf chunk with its CRC, where the eXIf was', async () => {
    const { result, out } = await strip(
      png(...KEPT, chunk('eXIf', exif({ orientation: 6, gps: true }).subarray(6)), chunk('tEXt', bytesOf('a\0b'))),
    );
    expect(result?.removed).to.deep.equal(['location', 'exif', 'text']);
    const tiff = concat(bytesOf('II*\0'), new Uint8Array([8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]));
    expect(out).to.deep.equal(png(...KEPT, chunk('eXIf', tiff)));
  });

  it('tells an XMP without GPS from one with it, and drops what follows IEND', async () => {
    const { result, out } = await strip(
      concat(png(chunk('iTXt', bytesOf('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>'))), bytesOf('trailing')),
    );
    expect(result?.removed).to.deep.equal(['xmp', 'other']);
    expect(out).to.deep.equal(png());
  });

  it('gives back the same Blob for a PNG without metadata, and cannot walk one whose chunk runs past the end', async () => {
    const blob = blobOf(png(...KEPT));
    expect((await stripMetadata(blob, { readSize: 5 }))?.blob).to.equal(blob);
    expect((await strip(png(chunk('tEXt', bytesOf('Comment\0x'))).subarray(0, 60))).result).to.equal(undefined);
  });
});

describe('strip-metadata: WebP', () => {
  it('removes EXIF and XMP chunks, fixes the RIFF size and clears their VP8X flags; the image chunk byte for byte', async () => {
    const image = riffChunk('VP8L', VP8L);
    const exifChunk = riffChunk('EXIF', exif({ gps: true }).subarray(6));
    const xmpChunk = riffChunk('XMP ', XMP.subarray(29));
    const { result, out } = await strip(webp(vp8x(0x0c | 0x20, 1, 1), riffChunk('ICCP', bytesOf('icc')), image, exifChunk, xmpChunk));
    expect(result?.removed).to.deep.equal(['location', 'exif', 'xmp']);
    expect(out).to.deep.equal(webp(vp8x(0x20, 1, 1), riffChunk('ICCP', bytesOf('icc')), image));
    expect(webpChunks(out as Uint8Array).map((c) => c.type)).to.deep.equal(['VP8X', 'ICCP', 'VP8L']);
  });

  it('gives back the same Blob for a simple WebP, and cannot walk one whose RIFF size is past the end', async () => {
    const blob = blobOf(webp(riffChunk('VP8L', VP8L)));
    expect((await stripMetadata(blob, { readSize: 2 }))?.blob).to.equal(blob);
    const broken = webp(vp8x(0x08, 1, 1), riffChunk('VP8L', VP8L), riffChunk('EXIF', exif({})));
    broken.set(concat(bytesOf('EXIF'), new Uint8Array([0xff, 0xff, 0, 0])), broken.length - exif({}).length - 8);
    expect((await strip(broken)).result).to.equal(undefined);
  });
});

describe('strip-metadata: other files', () => {
  it('gives back any other file as it is, whatever its type says', async () => {
    for (const input of [bytesOf('GIF89a...'), bytesOf('\0\0\0\x18ftypheic'), new Uint8Array(0), new Uint8Array([0xff])]) {
      const blob = new Blob([input], { type: 'image/jpeg' });
      const result = await stripMetadata(blob);
      expect(result?.blob).to.equal(blob);
      expect(result?.removed).to.deep.equal([]);
    }
  });

  it('stops reading when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('cancelled', 'AbortError'));
    let error: unknown;
    await stripMetadata(blobOf(jpeg(segment(0xe1, exif({})))), { signal: controller.signal }).catch((e: unknown) => (error = e));
    expect((error as DOMException | undefined)?.name).to.equal('AbortError');
  });
});
