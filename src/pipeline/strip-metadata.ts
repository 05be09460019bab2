/**
 * Metadata out of photos sent as they are: a JPEG's Exif, XMP, IPTC and comments, a PNG's `eXIf`
 * and text chunks, a WebP's `EXIF` and `XMP ` chunks, removed without decoding: the new file is
 * slices of the original (`Blob.slice`) around a few new header bytes, so the image data stays
 * byte-identical and only headers are ever read (never the whole file into memory). A JPEG keeps
 * its orientation (a minimal new Exif holding only that) and its colour profile.
 *
 * Loaded by dynamic `import()` the first time an image is sent as it is, so pages that never send
 * one never download it: it imports nothing at run time, which keeps it one CDN file of its own,
 * and it only answers (the uploader writes the list and fires the events). No DOM: Blob and File only.
 */
import type { ImageOutcome } from './fit-image.js';
import type { UploadJob } from './upload-file.js';

/**
 * What was removed, by kind. `location`: GPS coordinates (an Exif GPS block, or GPS fields in XMP);
 * `exif`: the rest of an Exif block (camera make, model and serial, dates, settings, a thumbnail);
 * `xmp`: XMP (edit history, names, places); `iptc`: IPTC / Photoshop data (captions, names,
 * places); `text`: comments and text chunks; `other`: other application data (makers' segments,
 * a PNG's `tIME`, extra images after the photo such as depth or gain maps).
 */
export type MetadataKind = 'location' | 'exif' | 'xmp' | 'iptc' | 'text' | 'other';

/** The order `removed` lists kinds in, whatever order the file held them in. */
const KINDS: readonly MetadataKind[] = ['location', 'exif', 'xmp', 'iptc', 'text', 'other'];

export interface StrippedImage {
  /** The image without its metadata; the very Blob given when nothing was removed. */
  readonly blob: Blob;
  /** What was removed, in the order of `MetadataKind`'s list; empty when nothing was. */
  readonly removed: readonly MetadataKind[];
}

/** How much is read at once: every header of a typical photo is in its first read. */
const READ_SIZE = 64 * 1024;
/** How much of an XMP packet is looked through for GPS fields. */
const XMP_LOOK = 256 * 1024;
/** How much of the entropy-coded data is read at once when the end of a JPEG's first image must be found. */
const SCAN_READ = 4 * 1024 * 1024;

/** Reads a Blob in windows: only the window last read is held. */
class Reader {
  readonly size: number;
  readonly #blob: Blob;
  readonly #readSize: number;
  readonly #signal: AbortSignal | undefined;
  #start = 0;
  #bytes = new Uint8Array(0);

  constructor(blob: Blob, readSize: number, signal: AbortSignal | undefined) {
    this.#blob = blob;
    this.size = blob.size;
    this.#readSize = readSize;
    this.#signal = signal;
  }

  /** The bytes [at, at + length), fewer at the end of the file. */
  async bytes(at: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, at + length);
    if (at < this.#start || end > this.#start + this.#bytes.length) {
      this.#signal?.throwIfAborted();
      const readEnd = Math.min(this.size, at + Math.max(length, this.#readSize));
      this.#bytes = new Uint8Array(await this.#blob.slice(at, readEnd).arrayBuffer());
      this.#start = at;
    }
    return this.#bytes.subarray(at - this.#start, Math.max(at, end) - this.#start);
  }

  slice(start: number, end: number): Blob {
    return this.#blob.slice(start, end);
  }
}

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const u32le = (b: Uint8Array, i: number) => ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)) + (b[i + 3] ?? 0) * 0x1000000;
/** A few bytes as text, one character per byte (TextDecoder's 'latin1' is windows-1252: 0x89 is not U+0089). */
const ascii = (b: Uint8Array, start = 0, end = b.length) => String.fromCharCode(...b.subarray(start, end));
const startsWith = (b: Uint8Array, text: string) => ascii(b, 0, text.length) === text;

/** A TIFF structure (an Exif block): its byte order and IFD0's entries, or undefined when it cannot be read. */
function tiffEntries(tiff: Uint8Array): { u16: (i: number) => number; u32: (i: number) => number; entries: number[] } | undefined {
  const little = startsWith(tiff, 'II*\0');
  if (!little && !startsWith(tiff, 'MM\0*')) return undefined;
  const u16 = (i: number) => (little ? (tiff[i] ?? 0) | ((tiff[i + 1] ?? 0) << 8) : u16be(tiff, i));
  const u32 = (i: number) => (little ? u32le(tiff, i) : u32be(tiff, i));
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 8 || ifd + 2 + count * 12 > tiff.length) return undefined;
  return { u16, u32, entries: Array.from({ length: count }, (_, k) => ifd + 2 + k * 12) };
}

/**
 * What an Exif block says that matters here: its orientation (1 when it says none) and whether it
 * holds a position: a GPS block with a latitude or longitude (phones write an empty one when
 * location is off), or one that cannot be read, which counts as holding one.
 */
function readExif(tiff: Uint8Array): { orientation: number; location: boolean } {
  const ifd = tiffEntries(tiff);
  let orientation = 1;
  let location = false;
  for (const entry of ifd?.entries ?? []) {
    const tag = ifd?.u16(entry);
    if (tag === 0x0112) orientation = ifd?.u16(entry + 8) ?? 1;
    const gps = tag === 0x8825 ? (ifd?.u32(entry + 8) ?? 0) : 0;
    if (gps > 0) {
      const count = ifd?.u16(gps) ?? 0;
      const tags = gps + 2 + count * 12 <= tiff.length ? Array.from({ length: count }, (_, k) => ifd?.u16(gps + 2 + k * 12)) : [2];
      // GPSLatitude (2) or GPSLongitude (4).
      location ||= tags.includes(2) || tags.includes(4);
    }
  }
  return { orientation: orientation >= 1 && orientation <= 8 ? orientation : 1, location };
}

/** Whether an XMP packet names GPS coordinates (`exif:GPSLatitude`, …). */
const xmpHasLocation = (xmp: Uint8Array) => /GPS(Latitude|Longitude)/.test(new TextDecoder().decode(xmp.subarray(0, XMP_LOOK)));

/**
 * An Exif block (a TIFF structure) holding only an orientation: a little-endian header, IFD0 with
 * one entry (0x0112, SHORT, 1, value) and no next IFD. Viewers that turn photos by their Exif (all
 * browsers, most apps) show the picture upright as before.
 */
// prettier-ignore
const orientationTiff = (orientation: number) => [
  0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

/** The orientation alone as a JPEG APP1 segment: `Exif\0\0` and the TIFF. */
const orientationApp1 = (orientation: number) =>
  new Uint8Array([0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...orientationTiff(orientation)]);

/** The CRC-32 of PNG chunks (ISO 3309), bit by bit: it runs over one small chunk. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

/** The orientation alone as a PNG `eXIf` chunk, with its CRC. */
function orientationExifChunk(orientation: number): Uint8Array<ArrayBuffer> {
  const chunk = new Uint8Array([0, 0, 0, 26, 0x65, 0x58, 0x49, 0x66, ...orientationTiff(orientation), 0, 0, 0, 0]);
  new DataView(chunk.buffer).setUint32(34, crc32(chunk.subarray(4, 34)));
  return chunk;
}

/** Collects the new file: runs of the original kept as slices, new bytes between them. */
class Builder {
  readonly parts: BlobPart[] = [];
  readonly removed = new Set<MetadataKind>();
  #from = 0;
  readonly #reader: Reader;

  constructor(reader: Reader) {
    this.#reader = reader;
  }

  /** Drops [start, end), which held `kinds`, and keeps what came before it since the last drop. */
  drop(start: number, end: number, ...kinds: MetadataKind[]): void {
    this.keepUpTo(start);
    this.#from = end;
    for (const kind of kinds) this.removed.add(kind);
  }

  /** Keeps the original up to `end`; what follows is decided later. */
  keepUpTo(end: number): void {
    if (end > this.#from) this.parts.push(this.#reader.slice(this.#from, end));
    this.#from = end;
  }

  insert(bytes: Uint8Array<ArrayBuffer>): void {
    this.parts.push(bytes);
  }

  kinds(): MetadataKind[] {
    return KINDS.filter((kind) => this.removed.has(kind));
  }
}

// --- JPEG ---------------------------------------------------------------------------------------

/**
 * What a JPEG segment before the image data holds, when it goes; undefined when it is kept. Kept:
 * the frame and its tables (every marker that is not an application segment or a comment), APP0
 * (JFIF), APP14 (Adobe: dropping it can change colours) and APP2 `ICC_PROFILE` (the colour profile,
 * over several segments when it is large). Every other APPn goes: not only Exif and XMP (APP1) and
 * IPTC (APP13), but makers' segments, FlashPix, MPF and JPEG XT boxes (APP2–APP15), which can hold
 * as much: what is not known to be harmless is not sent.
 */
function jpegSegmentKind(marker: number, data: Uint8Array): MetadataKind | undefined {
  if (marker === 0xfe) return 'text';
  if (marker < 0xe1 || marker > 0xef || marker === 0xee) return undefined;
  if (marker === 0xe2 && startsWith(data, 'ICC_PROFILE\0')) return undefined;
  if (marker === 0xe1) return startsWith(data, 'Exif\0') ? 'exif' : startsWith(data, 'http://ns.adobe.com/x') ? 'xmp' : 'other';
  return marker === 0xed ? 'iptc' : 'other';
}

/**
 * Where the first image of a JPEG ends, from its MPF index (APP2 `MPF\0`, which phones write when
 * they append more images: depth and gain maps, previews): the first entry's size, counted from
 * the SOI. Undefined when the index cannot be read.
 */
function mpfFirstImageSize(data: Uint8Array): number | undefined {
  const tiff = data.subarray(4);
  const ifd = tiffEntries(tiff);
  for (const entry of ifd?.entries ?? []) {
    // MPEntry: 16 bytes per image (attributes, size, offset, two dependent images).
    if (ifd?.u16(entry) === 0xb002) {
      const at = ifd.u32(entry + 8);
      return at + 8 <= tiff.length ? ifd.u32(at + 4) : undefined;
    }
  }
  return undefined;
}

/**
 * Where the JPEG's first image ends (after its EOI), from its first SOS on. Inside entropy-coded
 * data a 0xFF is followed by 0x00 (a stuffed byte) or a restart marker, so the first FF D9 is the
 * EOI. A file that ends with FF D9 and has no MPF index is taken to hold one image and is read no
 * further: the common case, a camera's photo. Otherwise the EOI is searched for, a window at a
 * time (held one at a time): the bytes after it (an appended video, more images with their own
 * Exif) are not sent. A file with no EOI at all (cut short) is sent to its end: all of it after
 * the SOS is image data.
 */
async function jpegImageEnd(reader: Reader, sos: number, mpfSize: number | undefined): Promise<number> {
  const { size } = reader;
  if (mpfSize !== undefined && mpfSize > sos && mpfSize <= size) {
    const eoi = await reader.bytes(mpfSize - 2, 2);
    if (eoi[0] === 0xff && eoi[1] === 0xd9) return mpfSize;
  }
  const last = await reader.bytes(size - 2, 2);
  if (mpfSize === undefined && last[0] === 0xff && last[1] === 0xd9) return size;
  for (let at = sos; at < size - 1; at += SCAN_READ) {
    // One byte more than the step, so a marker split between two windows is seen.
    const span = await reader.bytes(at, SCAN_READ + 1);
    for (let i = span.indexOf(0xff); i >= 0 && i < span.length - 1; i = span.indexOf(0xff, i + 1)) {
      if (span[i + 1] === 0xd9) return at + i + 2;
    }
  }
  return size;
}

async function stripJpeg(reader: Reader): Promise<Builder | undefined> {
  const out = new Builder(reader);
  let at = 2;
  let exifSeen = false;
  let mpfSize: number | undefined;
  for (;;) {
    const head = await reader.bytes(at, 4);
    if (head.length < 2 || head[0] !== 0xff) return undefined;
    const marker = head[1] as number;
    // Fill bytes: any number of 0xFF may come before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Markers without a length (TEM, RST0–7) are harmless; a second SOI, an EOI or 0x00 here is no JPEG.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0x00 || marker === 0xd8 || marker === 0xd9 || head.length < 4) return undefined;
    if (marker === 0xda) {
      // From the first scan on, the bytes are the image: kept as they are up to its EOI.
      const end = await jpegImageEnd(reader, at, mpfSize);
      out.keepUpTo(end);
      if (end < reader.size) out.removed.add('other');
      return out;
    }
    const length = u16be(head, 2);
    const next = at + 2 + length;
    if (length < 2 || next > reader.size) return undefined;
    const data = await reader.bytes(at + 4, length - 2);
    const kind = jpegSegmentKind(marker, data);
    if (kind) {
      out.drop(at, next, kind);
      if (marker === 0xe2 && startsWith(data, 'MPF\0')) mpfSize = mpfFirstImageSize(data);
      if (kind === 'xmp' && xmpHasLocation(data)) out.removed.add('location');
      if (kind === 'exif' && !exifSeen) {
        exifSeen = true;
        const exif = readExif(data.subarray(6));
        if (exif.location) out.removed.add('location');
        // The orientation, alone, where the Exif was: the picture stays upright in every viewer.
        if (exif.orientation !== 1) out.insert(orientationApp1(exif.orientation));
      }
    }
    at = next;
  }
}

// --- PNG ----------------------------------------------------------------------------------------

const PNG_SIGNATURE = '\x89PNG\r\n\x1a\n';
/** Enough of a chunk's data to tell an XMP `iTXt` by its keyword. */
const ITXT_KEYWORD = 'XML:com.adobe.xmp\0';

/** What a PNG chunk holds, when it goes: Exif, the three text chunks (XMP is an `iTXt`), the time of the last change. */
function pngChunkKind(type: string, data: Uint8Array): MetadataKind | undefined {
  if (type === 'eXIf') return 'exif';
  if (type === 'iTXt' && startsWith(data, ITXT_KEYWORD)) return 'xmp';
  if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') return 'text';
  return type === 'tIME' ? 'other' : undefined;
}

/**
 * Removes Exif, text and time chunks from a PNG. Every other chunk (the image, its palette,
 * transparency, colour and animation chunks, and chunks not known here, which hold image data or
 * rendering hints) is kept byte for byte with its CRC: removing a whole chunk needs no CRC work.
 */
async function stripPng(reader: Reader): Promise<Builder | undefined> {
  const out = new Builder(reader);
  for (let at = 8; ;) {
    const head = await reader.bytes(at, 8 + ITXT_KEYWORD.length);
    if (head.length < 8) return undefined;
    const length = u32be(head, 0);
    const type = ascii(head, 4, 8);
    const next = at + 12 + length;
    if (next > reader.size || !/^[A-Za-z]{4}$/.test(type)) return undefined;
    const kind = pngChunkKind(type, head.subarray(8));
    if (kind) {
      out.drop(at, next, kind);
      const data = kind === 'exif' || kind === 'xmp' ? await reader.bytes(at + 8, Math.min(length, XMP_LOOK)) : undefined;
      const exif = data && kind === 'exif' ? readExif(data) : undefined;
      if (exif?.location || (data && kind === 'xmp' && xmpHasLocation(data))) out.removed.add('location');
      // As in a JPEG: browsers turn a PNG by its eXIf too, so the orientation stays, alone.
      if (exif && exif.orientation !== 1) out.insert(orientationExifChunk(exif.orientation));
    }
    at = next;
    if (type === 'IEND') {
      out.keepUpTo(at);
      // Bytes after IEND are no part of the image: not sent.
      if (at < reader.size) out.removed.add('other');
      return out;
    }
  }
}

// --- WebP ---------------------------------------------------------------------------------------

/** The WebP chunks kept: the image (lossy, lossless, alpha, animation), its extended header and its colour profile. */
const WEBP_KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

/**
 * Removes the `EXIF` and `XMP ` chunks (and chunks of no known kind, which may hold as much) from a
 * RIFF WebP: a new RIFF header with the new size, and the VP8X header (if any) with its EXIF (0x08)
 * and XMP (0x04) flags cleared, so it no longer announces what is gone.
 */
async function stripWebp(reader: Reader): Promise<Builder | undefined> {
  const riff = (await reader.bytes(0, 12)).slice();
  const riffEnd = 8 + u32le(riff, 4);
  if (riffEnd > reader.size || riffEnd < 12) return undefined;
  const out = new Builder(reader);
  // The RIFF header is written anew once the size is known.
  out.drop(0, 12);
  let size = 4;
  for (let at = 12; at < riffEnd;) {
    const head = await reader.bytes(at, 18);
    if (head.length < 8) return undefined;
    const type = ascii(head, 0, 4);
    const length = u32le(head, 4);
    if (at + 8 + length > riffEnd) return undefined;
    // A chunk is padded to an even length; some writers leave out the last chunk's pad byte.
    const next = Math.min(riffEnd, at + 8 + length + (length & 1));
    if (type === 'VP8X' && length === 10) {
      const vp8x = head.slice();
      vp8x[8] = (vp8x[8] as number) & ~0x0c;
      out.drop(at, next);
      out.insert(vp8x);
      size += next - at;
    } else if (WEBP_KEPT.has(type)) {
      size += next - at;
    } else {
      const kind = type === 'EXIF' ? 'exif' : type === 'XMP ' ? 'xmp' : 'other';
      out.drop(at, next, kind);
      const data = kind === 'other' ? undefined : await reader.bytes(at + 8, Math.min(length, XMP_LOOK));
      // An EXIF chunk holds a TIFF structure; some writers put a JPEG's `Exif\0\0` before it.
      const tiff = data && startsWith(data, 'Exif\0\0') ? data.subarray(6) : data;
      if (tiff && (kind === 'exif' ? readExif(tiff).location : xmpHasLocation(tiff))) out.removed.add('location');
    }
    at = next;
  }
  out.keepUpTo(riffEnd);
  // Bytes after the RIFF are no part of the image: not sent.
  if (riffEnd < reader.size) out.removed.add('other');
  new DataView(riff.buffer).setUint32(4, size, true);
  out.parts.unshift(riff);
  return out;
}

// --- the module's two ways in -------------------------------------------------------------------

export interface StripOptions {
  /** A cancel stops the reading. */
  signal?: AbortSignal | undefined;
  /** How many bytes one read takes (tests make it small, so headers fall across reads). */
  readSize?: number | undefined;
}

/**
 * The image without its metadata, told by its first bytes (not its name or type): JPEG, PNG and
 * WebP. Any other file comes back as it is, with nothing removed (a HEIC's Exif would need its
 * boxes rewritten: not done here). Undefined when the file starts as a JPEG, PNG or WebP but its
 * structure breaks before the image data (a length past the end, a marker where none can be):
 * what it holds cannot be known, so it cannot be said to hold nothing. Rejects with the signal's
 * reason when cancelled, or when the file cannot be read.
 */
export async function stripMetadata(blob: Blob, options: StripOptions = {}): Promise<StrippedImage | undefined> {
  const reader = new Reader(blob, options.readSize ?? READ_SIZE, options.signal);
  const head = await reader.bytes(0, 12);
  const strip =
    head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff
      ? stripJpeg
      : startsWith(head, PNG_SIGNATURE)
        ? stripPng
        : startsWith(head, 'RIFF') && ascii(head, 8, 12) === 'WEBP'
          ? stripWebp
          : undefined;
  const out = strip ? await strip(reader) : new Builder(reader);
  if (!out) return undefined;
  if (out.removed.size === 0) return { blob, removed: [] };
  return { blob: new Blob(out.parts, { type: blob.type }), removed: out.kinds() };
}

/**
 * What to send for an image sent with its own bytes (not fitted), asked by the uploader before Start
 * unless `keepMetadata`: the file itself when there was nothing to remove, or a copy without the
 * metadata (same name and type, new size) with the facts `attachment-converted` reports, `removed`
 * included; or why it is rejected.
 *
 * A JPEG, PNG or WebP whose structure cannot be walked is rejected (`image-unreadable`), not sent
 * as it is: the customer was told that location and camera details are removed, and for such a
 * file that cannot be kept, while a file that broken would not show for the agent anyway. (A file
 * cut short in its image data is walked fine: only its headers are read.)
 */
export default async function prepareWithoutMetadata({ job, signal }: { job: UploadJob; signal: AbortSignal }): Promise<ImageOutcome> {
  const { file, contentType } = job;
  const result = await stripMetadata(file, { signal });
  if (!result) {
    const message = `"${file.name}" could not be read as an image, so its location and camera details could not be removed.`;
    return { rejected: { reason: 'image-unreadable', message } };
  }
  if (result.removed.length === 0) return job;
  const sent = new File([result.blob], file.name, { type: file.type, lastModified: file.lastModified });
  const facts = ({ name, size, type }: File) => ({ name, size, type });
  return { file: sent, contentType, converted: { original: facts(file), converted: facts(sent), removed: result.removed } };
}
