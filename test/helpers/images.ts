/**
 * Image files made by hand for the metadata tests: JPEG segments, PNG chunks (with their CRCs),
 * WebP chunks and Exif blocks, and readers that list what a stored file holds. Written apart from
 * src/pipeline/strip-metadata.ts, so a test does not check the module with its own reading.
 */

const encoder = new TextEncoder();
export const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
export const utf8 = (text: string) => encoder.encode(text);

export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const u16be = (n: number) => new Uint8Array([n >> 8, n & 0xff]);
export const u32be = (n: number) => new Uint8Array([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
export const u32le = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);

/** A JPEG segment: FF, the marker, the length (counting itself) and the data. */
export const segment = (marker: number, data: Uint8Array) => concat(new Uint8Array([0xff, marker]), u16be(data.length + 2), data);

/**
 * An Exif block (`Exif\0\0` + a little-endian TIFF): IFD0 with Make, the orientation (when given)
 * and, with `gps`, a GPS IFD holding a latitude (`'empty'`: none, as phones write with location off).
 */
export function exif({ orientation, gps }: { orientation?: number; gps?: boolean | 'empty' }): Uint8Array<ArrayBuffer> {
  const make = bytesOf('SecretCam\0');
  const entries: [tag: number, type: number, count: number, value: number][] = [[0x010f, 2, make.length, 0]];
  if (orientation !== undefined) entries.push([0x0112, 3, 1, orientation]);
  if (gps) entries.push([0x8825, 4, 1, 0]);
  const ifdSize = 2 + entries.length * 12 + 4;
  const makeAt = 8 + ifdSize;
  const gpsAt = makeAt + make.length;
  const tiff = new DataView(new ArrayBuffer(gpsAt + (gps ? 2 + 2 * 12 + 4 + 24 : 0)));
  tiff.setUint16(0, 0x4949);
  tiff.setUint16(2, 42, true);
  tiff.setUint32(4, 8, true);
  tiff.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, count, value], k) => {
    const at = 10 + k * 12;
    tiff.setUint16(at, tag, true);
    tiff.setUint16(at + 2, type, true);
    tiff.setUint32(at + 4, count, true);
    if (tag === 0x010f) tiff.setUint32(at + 8, makeAt, true);
    else if (tag === 0x8825) tiff.setUint32(at + 8, gpsAt, true);
    else tiff.setUint16(at + 8, value, true);
  });
  new Uint8Array(tiff.buffer).set(make, makeAt);
  if (gps === true) {
    // GPSLatitudeRef 'N', GPSLatitude 3 RATIONALs (51/1, 30/1, 26/1).
    tiff.setUint16(gpsAt, 2, true);
    tiff.setUint16(gpsAt + 2, 1, true);
    tiff.setUint16(gpsAt + 4, 2, true);
    tiff.setUint32(gpsAt + 6, 2, true);
    tiff.setUint8(gpsAt + 10, 0x4e);
    tiff.setUint16(gpsAt + 14, 2, true);
    tiff.setUint16(gpsAt + 16, 5, true);
    tiff.setUint32(gpsAt + 18, 3, true);
    tiff.setUint32(gpsAt + 22, gpsAt + 30, true);
    [51, 1, 30, 1, 26, 1].forEach((n, k) => tiff.setUint32(gpsAt + 30 + k * 4, n, true));
  }
  return concat(bytesOf('Exif\0\0'), new Uint8Array(tiff.buffer));
}

export const XMP = concat(
  bytesOf('http://ns.adobe.com/xap/1.0/\0'),
  utf8(
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.4N" exif:GPSLongitude="0,7.6W"/></rdf:RDF></x:xmpmeta>',
  ),
);
export const IPTC = concat(
  bytesOf('Photoshop 3.0\x008BIM'),
  u16be(0x0404),
  new Uint8Array([0, 0]),
  u32be(16),
  bytesOf('\x1c\x02\x5a\x00\x0bSecretCity'),
);
/** An ICC profile over `count` APP2 segments: each `ICC_PROFILE\0`, its number, the count and its part. */
export const iccSegments = (count: number) =>
  Array.from({ length: count }, (_, k) =>
    segment(0xe2, concat(bytesOf('ICC_PROFILE\0'), new Uint8Array([k + 1, count]), bytesOf(`profile part ${k + 1} `.repeat(20)))),
  );

/** The segments of a JPEG up to its first SOS: marker and whole segment bytes; then `scan`: the SOS to the end. */
export function jpegSegments(jpeg: Uint8Array): { segments: { marker: number; bytes: Uint8Array }[]; scan: Uint8Array } {
  const segments: { marker: number; bytes: Uint8Array }[] = [];
  let at = 2;
  while (jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] as number;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xda) return { segments, scan: jpeg.subarray(at) };
    const end = at + 2 + (((jpeg[at + 2] as number) << 8) | (jpeg[at + 3] as number));
    segments.push({ marker, bytes: jpeg.subarray(at, end) });
    at = end;
  }
  throw new Error(`no SOS in the JPEG (stopped at ${at})`);
}

/** A JPEG's bytes with `added` segments after its SOI and JFIF APP0 (when it has one). */
export function withSegments(jpeg: Uint8Array, ...added: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + (((jpeg[4] as number) << 8) | (jpeg[5] as number)) : 2;
  return concat(jpeg.subarray(0, at), ...added, jpeg.subarray(at));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG chunk with its CRC. */
export function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const typed = concat(bytesOf(type), data);
  return concat(u32be(data.length), typed, u32be(crc32(typed)));
}

/** A PNG's chunks: type and whole chunk bytes (length, type, data, CRC). */
export function pngChunks(png: Uint8Array): { type: string; bytes: Uint8Array }[] {
  const chunks: { type: string; bytes: Uint8Array }[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length;) {
    const end = at + 12 + view.getUint32(at);
    chunks.push({ type: String.fromCharCode(...png.subarray(at + 4, at + 8)), bytes: png.subarray(at, end) });
    at = end;
  }
  return chunks;
}

/** A PNG's bytes with `added` chunks after its IHDR. */
export const withChunks = (png: Uint8Array, ...added: Uint8Array[]) => concat(png.subarray(0, 33), ...added, png.subarray(33));

/** A 1 × 1 lossless WebP's VP8L chunk data (a white pixel). */
export const VP8L = Uint8Array.from(atob('LwAAABAHEBERiIj+Bw=='), (char) => char.charCodeAt(0));

/** A RIFF chunk: FourCC, little-endian size, data and a pad byte when the size is odd. */
export const riffChunk = (type: string, data: Uint8Array) =>
  concat(bytesOf(type), u32le(data.length), data, new Uint8Array(data.length & 1));

/** A WebP of `chunks`: RIFF header with the right size. */
export const webp = (...chunks: Uint8Array[]) => {
  const body = concat(bytesOf('WEBP'), ...chunks);
  return concat(bytesOf('RIFF'), u32le(body.length), body);
};

/** A VP8X chunk for a `width` × `height` canvas with `flags`. */
export const vp8x = (flags: number, width: number, height: number) =>
  riffChunk('VP8X', concat(new Uint8Array([flags, 0, 0, 0]), u32le(width - 1).subarray(0, 3), u32le(height - 1).subarray(0, 3)));

/** A WebP's chunks after the RIFF header: type and whole chunk bytes (with the pad byte). */
export function webpChunks(file: Uint8Array): { type: string; bytes: Uint8Array }[] {
  const chunks: { type: string; bytes: Uint8Array }[] = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let at = 12; at < file.length;) {
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size & 1);
    chunks.push({ type: String.fromCharCode(...file.subarray(at, at + 4)), bytes: file.subarray(at, end) });
    at = end;
  }
  return chunks;
}

/** Whether `bytes` holds `text` anywhere. */
export const holds = (bytes: Uint8Array, text: string) => new TextDecoder('latin1').decode(bytes).includes(text);

export function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no blob'))), type, quality),
  );
}

/** A plain image (a colour and a red corner), quick to make at any size. */
export async function plainImage(width: number, height: number, type = 'image/png'): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#2050c0';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, width / 4, height / 4);
  return canvasBlob(canvas, type, 1);
}

/** The bytes of a plain image encoded as `type`. */
export const canvasBytes = async (width: number, height: number, type: string) =>
  new Uint8Array(await (await plainImage(width, height, type)).arrayBuffer());
