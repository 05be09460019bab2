/**
 * The hint of what may be attached, "PDF, images, Office files, up to 20.9 MB each", made from what
 * the uploader allows now (`accept` and `max-file-size` narrowed by the instance's rules): each
 * extension or MIME type is named by its kind, and a token of no known kind by itself (".zip" as
 * "ZIP"); where photos can be attached, followed by what is removed from them.
 *
 * Loaded by import() the first time a hint is shown, as a CDN file of its own: it imports nothing
 * at run time (the element passes in what it needs), so that file never loads the module again.
 */
import type { Words } from './strings.js';

/** The kinds, in the order the hint names them. */
const KINDS = ['pdf', 'image', 'video', 'audio', 'office', 'text'] as const;
export type FileKind = (typeof KINDS)[number];

/** The kind of a MIME type (or a `type/*` range), if it has one. */
const kindOf = (type: string): FileKind | undefined =>
  type.endsWith('pdf')
    ? 'pdf'
    : ((/^(image|video|audio)\//.exec(type)?.[1] as FileKind | undefined) ??
      (/msword|ms-|officedoc|opendoc/.test(type) ? 'office' : /^text\/|rtf$/.test(type) ? 'text' : undefined));

export interface HintInput {
  strings: Words;
  locale: string | undefined;
  /** The types accepted now (the uploader's `allowed.accept`). */
  accept: string;
  /** Extension → MIME type: CHAT_FILE_TYPES. */
  typeOf: Readonly<Record<string, string>>;
  /** The size limit in force, in words ("20.9 MB", "10 kB"). */
  maxFileSize: string;
  maxFiles: number | undefined;
  /** Metadata is removed from photos (no `keep-metadata`). */
  stripped: boolean;
}

export function hintText({ strings: s, locale, accept, typeOf, maxFileSize, maxFiles, stripped }: HintInput): string {
  const kinds = new Set<FileKind>();
  const others: string[] = [];
  let any = false;
  for (const raw of accept.split(',')) {
    const token = raw.trim().toLowerCase();
    if (!token) continue;
    if (token === '*' || token === '*/*') any = true;
    const type = token.startsWith('.') ? typeOf[token.slice(1)] : token;
    const kind = type && kindOf(type);
    if (kind) kinds.add(kind);
    else others.push(token.startsWith('.') ? token.slice(1).toUpperCase() : token);
  }
  const names = [...KINDS.filter((kind) => kinds.has(kind)).map((kind) => s.fileKinds[kind]), ...others];
  // A list in the language's own way, as short as it has: "PDF, images, Office files" reads as a
  // menu; the narrow list keeps a separator where the unit list has none ("PDF、图片、视频").
  const types = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(names);
  const limits = any ? s.hintAnyType({ size: maxFileSize }) : s.hint({ types, size: maxFileSize });
  const hint = maxFiles ? s.hintCount({ hint: limits, count: maxFiles }) : limits;
  // Said where photos can be attached, after the limits, as the element's other lines join their parts.
  return stripped && (any || kinds.has('image')) ? `${hint} · ${s.metadataRemoved}` : hint;
}
