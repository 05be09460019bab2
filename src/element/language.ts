/**
 * Which language the element speaks, followed live, and its words in it. The language is the
 * element's own `lang`, else the nearest ancestor's (across shadow roots), else the document's.
 * English is inside the module; another language's words are loaded (./locales.ts, itself loaded
 * then) the first time a page speaks it, and kept for every element of the page. `strings` is
 * laid over them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from './locale-of.js';
import { type UploadStrings, type Words, compile } from './strings.js';

/** The element, then each ancestor up to `<html>`, crossing out of shadow roots. */
const up = (node: Element): Element | undefined => node.parentElement ?? (node.getRootNode() as Partial<ShadowRoot>).host;

/**
 * How long a page in another language shows no words while they load, before it shows English: a
 * customer on a page in Arabic should not see English flash by, and the file (about 2 KB gzip)
 * usually comes in one round trip; slower than this, or not to be had, English is better than
 * blank buttons. The language's words replace English the moment they arrive.
 */
const WAIT_MS = 1500;

type Language = readonly [Locale, UploadStrings];
const ENGLISH: Language = ['en', {}];

/** Each `lang`'s words: loading, then loaded (a language that could not be had gets English's). */
const languages = new Map<string, Language | Promise<void>>();

export class LanguageController implements ReactiveController {
  /** The element's language as written (`ar-EG`, `pt-PT`): numbers, sizes and lists are formatted for it. */
  lang: string | undefined;
  words: Words;
  /** No words of the page's language yet (for at most WAIT_MS): the element hides its text meanwhile. */
  waiting = false;
  /** The load this element waits for (its `updateComplete` waits too). */
  loading: Promise<void> | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement & { strings: UploadStrings };
  #observer: MutationObserver | undefined;
  /** What `words` were made from. */
  #from: readonly unknown[] | undefined;
  /** Words were shown: while another language loads, they stay rather than vanish. */
  #shown = false;

  constructor(host: ReactiveControllerHost & HTMLElement & { strings: UploadStrings }) {
    (this.#host = host).addController(this);
    this.words = compile(ENGLISH, {}, undefined);
  }

  #langOf(): string | undefined {
    for (let node = this.#host as Element | undefined; node; node = up(node)) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    return undefined;
  }

  hostConnected(): void {
    // One observer, of `lang` only, on the element and each ancestor: the browser queues a record
    // only when one of those attributes changes (a chat switching language), so it costs nothing
    // per file: items, progress and states change in the shadow root and never touch a `lang`.
    // Connected again elsewhere (moved), it watches the new ancestors.
    this.#observer ??= new MutationObserver(() => this.#host.requestUpdate());
    this.#observer.disconnect();
    for (let node = this.#host as Element | undefined; node; node = up(node)) this.#observer.observe(node, { attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  /** Before each render: the words for the language and `strings` of now, made again only when either changed. */
  hostUpdate(): void {
    const host = this.#host;
    const lang = (this.lang = this.#langOf());
    let language = !lang || /^en(-|$)/i.test(lang) ? ENGLISH : languages.get(lang);
    if (!Array.isArray(language)) {
      const done = (language: Language) => void languages.set(lang!, language);
      if (!language) {
        languages.set(
          lang!,
          (language = import('./locales.js').then((locales) => locales.loadLanguage(lang!)).then(done, () => done(ENGLISH))),
        );
      }
      const load = (this.loading = (language as Promise<void>).then(() => {
        if (this.loading === load) this.loading = undefined;
        host.requestUpdate();
      }));
      if (!this.#shown && !this.waiting) {
        this.waiting = true;
        setTimeout(() => {
          this.#shown = true;
          this.waiting = false;
          host.requestUpdate();
        }, WAIT_MS);
      }
      return;
    }
    this.#shown = true;
    this.waiting = false;
    const from = [language, host.strings, lang];
    if (this.#from?.every((value, i) => value === from[i])) return;
    this.#from = from;
    this.words = compile(language as Language, host.strings ?? {}, lang);
  }
}
