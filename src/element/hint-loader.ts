/**
 * `show-hint`'s words are made by code loaded the first time a hint is shown (most composers show
 * none): until it arrives the hint is there, empty, and the render after it fills it in. A hint
 * that cannot be loaded (offline) stays empty, is tried again at a later render, and never makes
 * `updateComplete` fail.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { hintText } from './hint.js';

export class HintLoader implements ReactiveController {
  /** The hint's words, once loaded. */
  text: typeof hintText | undefined;
  /** Settles when the load asked for is over: the element's `updateComplete` waits for it. */
  loaded: Promise<void> | undefined;
  readonly #host: ReactiveControllerHost & { showHint: boolean };

  constructor(host: ReactiveControllerHost & { showHint: boolean }) {
    (this.#host = host).addController(this);
  }

  hostUpdate(): void {
    this.loaded ??= this.#host.showHint
      ? import('./hint.js').then(
          (hint) => {
            this.text = hint.hintText;
            this.#host.requestUpdate();
          },
          () => {
            this.loaded = undefined;
          },
        )
      : undefined;
  }
}
