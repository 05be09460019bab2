/**
 * Where the ConnectionToken comes from: the page's `token`, a ConnectionToken the element obtains
 * itself from a ParticipantToken (CreateParticipantConnection), or the page's `tokenProvider`.
 * Renews once after an access-denied, shared by every upload that hit it. No DOM.
 */
import type { ConnectionCredentials } from '../api/acps.js';
import { UploadError } from '../api/errors.js';

/** Gives a ConnectionToken on demand; called when none is set and after one was refused. */
export type TokenProvider = () => string | Promise<string>;

export interface TokenSourceConfig {
  /** The token the page set, if any. */
  token(): string | undefined;
  /** The ParticipantToken the page set, if any: the source then calls CreateParticipantConnection. */
  participantToken(): string | undefined;
  provider(): TokenProvider | undefined;
  connect(participantToken: string): Promise<ConnectionCredentials>;
  /** Renew a ConnectionToken this long before its expiry. Default: 60 s, as chatjs does. */
  renewBeforeMs?: number;
  now?: () => number;
}

/** What a token was obtained from: the ParticipantToken or the provider function. */
type Origin = string | TokenProvider;

interface Held {
  token: string;
  /** Epoch ms after which it must be renewed; Infinity when the expiry is not known. */
  renewAt: number;
  origin: Origin;
}

export class TokenSource {
  readonly #config: TokenSourceConfig;
  #held: Held | undefined;
  #pending: { origin: Origin; token: Promise<string> } | undefined;
  /** The page's token after the service refused it: not used again until the page sets another. */
  #refused: string | undefined;

  constructor(config: TokenSourceConfig) {
    this.#config = config;
  }

  /** Drops what was obtained, e.g. when the page switches to another chat. */
  reset(): void {
    this.#held = undefined;
    this.#refused = undefined;
  }

  /** The token for the next request. */
  async get(): Promise<string> {
    const own = this.#config.token()?.trim();
    if (own && own !== this.#refused) return own;
    const now = this.#config.now?.() ?? Date.now();
    // A token obtained for another ParticipantToken or provider (the page switched chats) is not reused.
    if (this.#held && this.#held.origin === this.#origin() && now < this.#held.renewAt) return this.#held.token;
    return this.#obtain();
  }

  #origin(): Origin | undefined {
    return this.#config.participantToken()?.trim() || this.#config.provider();
  }

  /**
   * A new token after `refused` met an access-denied, or undefined when nothing can renew it
   * (the page gave a bare token and no provider or ParticipantToken).
   */
  async renew(refused: string): Promise<string | undefined> {
    if (!this.#config.participantToken()?.trim() && !this.#config.provider()) return undefined;
    if (refused === this.#config.token()?.trim()) this.#refused = refused;
    // Another upload may have renewed it already while this one waited for its answer.
    if (this.#held && this.#held.origin === this.#origin() && this.#held.token !== refused) return this.#held.token;
    this.#held = undefined;
    const fresh = await this.#obtain();
    return fresh === refused ? undefined : fresh;
  }

  /** One request at a time per origin, shared by every caller. */
  #obtain(): Promise<string> {
    const origin = this.#origin();
    if (this.#pending && this.#pending.origin === origin) return this.#pending.token;
    if (origin === undefined) return Promise.reject(new UploadError('config', 'No connection token is set.'));
    const pending = {
      origin,
      token: this.#fetchToken(origin).finally(() => {
        if (this.#pending === pending) this.#pending = undefined;
      }),
    };
    this.#pending = pending;
    return pending.token;
  }

  async #fetchToken(origin: Origin): Promise<string> {
    let held: Held;
    if (typeof origin === 'string') {
      const { connectionToken, expiry } = await this.#config.connect(origin);
      const renewBefore = this.#config.renewBeforeMs ?? 60_000;
      held = { token: connectionToken, renewAt: expiry.getTime() - renewBefore, origin };
    } else {
      const token = (await origin())?.trim();
      if (!token) throw new UploadError('config', 'The token provider gave no token.');
      held = { token, renewAt: Infinity, origin };
    }
    // Kept only if the page has not switched meanwhile: a late answer for the old chat is not held.
    if (origin === this.#origin()) this.#held = held;
    return held.token;
  }
}

/**
 * Runs `call` with a token; after an access-denied, once with a renewed token before giving up.
 */
export async function withToken<T>(source: TokenSource, call: (token: string) => Promise<T>): Promise<T> {
  const token = await source.get();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof UploadError) || error.code !== 'access-denied') throw error;
    const fresh = await source.renew(token);
    if (fresh === undefined) throw error;
    return call(fresh);
  }
}
