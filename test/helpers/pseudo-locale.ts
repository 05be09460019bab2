/**
 * A pseudo-locale, for tests only (it never ships): every English word accented and about 40 %
 * longer, as German or Finnish can be, with its placeholders kept. A layout that clips or overflows
 * with it would clip a real translation.
 */
import { DEFAULT_STRINGS, type UploadStrings } from '../../src/element/strings.js';

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'ë',
  i: 'ï',
  o: 'ô',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  s: 'š',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  E: 'É',
  O: 'Ö',
  U: 'Ü',
  C: 'Ç',
};

/** "Choose files" → "[Çhôôšë fïlëš ~~~~~]": accented, padded to 140 %, placeholders untouched. */
export function pseudo(text: string): string {
  const accented = text
    .split(/(\{\w+\})/)
    .map((part) => (part.startsWith('{') ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTED[c] ?? c)))
    .join('');
  return `[${accented} ${'~'.repeat(Math.max(1, Math.round(text.length * 0.4) - 3))}]`;
}

const map = (value: unknown): unknown =>
  typeof value === 'string' ? pseudo(value) : Object.fromEntries(Object.entries(value as object).map(([key, inner]) => [key, map(inner)]));

export const PSEUDO = map(DEFAULT_STRINGS) as UploadStrings;
