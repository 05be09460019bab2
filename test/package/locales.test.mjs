// Every language has every word of the English reference, with the same placeholders, and a form
// for each plural category it uses; the lookup from `lang` to a language. Reads the built package
// (npm run build), so it checks the files that ship.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_STRINGS } from '../../dist/element/strings.js';
import { LOCALES, localeOf } from '../../dist/element/locale-of.js';

const FILES = readdirSync('dist/element/locales').filter((file) => file.endsWith('.js'));
const locales = await Promise.all(
  FILES.map(async (file) => [file.replace(/\.js$/, ''), (await import(`../../dist/element/locales/${file}`)).default]),
);

/** A plural: its forms by category; a group: plain words by name; a sentence: one string. */
const isPlural = (value) => typeof value === 'object' && 'other' in value;
const forms = (value) => (isPlural(value) ? Object.values(value) : [value]);
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
const union = (value) => [...new Set(forms(value).flatMap(placeholders))].sort();

/** Every word of a messages object by its path: `prompt`, `states.queued`, `batch`. */
function words(messages) {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && !isPlural(value) ? Object.entries(value).map(([name, word]) => [`${key}.${name}`, word]) : [[key, value]],
  );
}

test('a file per language besides English, and each is one the element can pick', () => {
  assert.deepEqual(FILES.map((file) => file.replace(/\.js$/, '')).sort(), LOCALES.filter((locale) => locale !== 'en').sort());
});

for (const [locale, messages] of locales) {
  test(`${locale} has every English word, with its placeholders, and nothing else`, () => {
    const english = new Map(words(DEFAULT_STRINGS));
    const own = new Map(words(messages));
    for (const [path, reference] of english) {
      assert.ok(own.has(path), `${locale} lacks '${path}' (English: ${JSON.stringify(reference)})`);
      const word = own.get(path);
      assert.ok(typeof word === 'string' || isPlural(word), `${locale} '${path}' is a string or plural forms`);
      // "one" and "two" may say the count in words ("ملف واحد"), so the forms together name what
      // English names, and no form names anything English does not give.
      assert.deepEqual(union(word), union(reference), `${locale} '${path}' has the placeholders of English`);
      for (const form of forms(word)) assert.ok(form.trim(), `${locale} '${path}' has no empty form`);
    }
    for (const path of own.keys()) assert.ok(english.has(path), `${locale} has '${path}', which English does not`);
  });

  test(`${locale} has a form for each plural category it uses`, () => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [path, word] of words(messages)) {
      if (!isPlural(word)) continue;
      for (const category of categories) assert.ok(category in word, `${locale} '${path}' lacks its '${category}' form`);
      for (const category of Object.keys(word))
        assert.ok(categories.includes(category), `${locale} '${path}' has a '${category}' form ${locale} never uses`);
    }
  });
}

test('English has a form for each plural category it uses, where a count can be 1', () => {
  for (const [path, word] of words(DEFAULT_STRINGS)) {
    if (isPlural(word)) assert.deepEqual(Object.keys(word).sort(), ['one', 'other'], path);
  }
});

test('lang → language: the exact tag, then the language alone, then English', () => {
  const cases = {
    de: 'de',
    'de-AT': 'de',
    'DE-ch': 'de',
    'pt-BR': 'pt-BR',
    'pt-PT': 'pt-BR',
    pt: 'pt-BR',
    zh: 'zh-CN',
    'zh-CN': 'zh-CN',
    'zh-Hans': 'zh-CN',
    'zh-SG': 'zh-CN',
    'zh-Hans-HK': 'zh-CN',
    'zh-TW': 'zh-TW',
    'zh-Hant': 'zh-TW',
    'zh-HK': 'zh-TW',
    'zh-Hant-HK': 'zh-TW',
    'zh-MO': 'zh-TW',
    iw: 'he',
    'he-IL': 'he',
    'ar-EG': 'ar',
    'ja-JP': 'ja',
    'en-GB': 'en',
    ru: 'en',
    '': 'en',
    'x-klingon': 'en',
  };
  for (const [lang, locale] of Object.entries(cases)) assert.equal(localeOf(lang), locale, `lang="${lang}"`);
  assert.equal(localeOf(undefined), 'en');
});

test('a bundler makes a chunk per language from the npm package, none of them in the entry', async () => {
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: ['dist/define.js'],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    write: false,
    charset: 'utf8',
    logLevel: 'silent',
  });
  const [entry] = outputFiles.filter((file) => file.path.endsWith('/define.js'));
  assert.ok(entry, 'the entry');
  for (const [locale, messages] of locales) {
    const holding = outputFiles.filter((file) => file.text.includes(messages.choose));
    assert.equal(holding.length, 1, `${locale}'s words are in one chunk`);
    assert.notEqual(holding[0], entry, `${locale}'s words are not in the entry`);
  }
});
