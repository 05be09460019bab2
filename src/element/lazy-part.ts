/**
 * A part of the view loaded the first time it is wanted (the words of `show-hint`, the list of files
 * not added): most composers never show it, so its code stays out of the CDN module. Until it
 * arrives nothing of it is drawn, and the render after it draws it. A part that cannot be loaded
 * (offline) is tried again at a later render, and never makes `updateComplete` fail.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LazyPart<T> implements ReactiveController {
  /** The part, once loaded. */
  part: T | undefined;
  /** Settles when the load asked for is over: the element's `updateComplete` waits for it. */
  loaded: Promise<void> | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #load: () => Promise<T>;
  readonly #wanted: () => boolean;

  constructor(host: ReactiveControllerHost, load: () => Promise<T>, wanted: () => boolean) {
    (this.#host = host).addController(this);
    this.#load = load;
    this.#wanted = wanted;
  }

  hostUpdate(): void {
    this.loaded ??= this.#wanted()
      ? this.#load().then(
          (part) => {
            this.part = part;
            this.#host.requestUpdate();
          },
          () => {
            this.loaded = undefined;
          },
        )
      : undefined;
  }
}
