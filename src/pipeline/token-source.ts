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

interface Held {
  token: string;
  /** Epoch ms after which it must be renewed; Infinity when the expiry is not known. */
  renewAt: number;
}

export class TokenSource {
  readonly #config: TokenSourceConfig;
  #held: Held | undefined;
  #pending: Promise<string> | undefined;
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
    if (this.#held && now < this.#held.renewAt) return this.#held.token;
    return this.#obtain();
  }

  /**
   * A new token after `refused` met an access-denied, or undefined when nothing can renew it
   * (the page gave a bare token and no provider or ParticipantToken).
   */
  async renew(refused: string): Promise<string | undefined> {
    if (!this.#config.participantToken()?.trim() && !this.#config.provider()) return undefined;
    if (refused === this.#config.token()?.trim()) this.#refused = refused;
    // Another upload may have renewed it already while this one waited for its answer.
    if (this.#held && this.#held.token !== refused) return this.#held.token;
    this.#held = undefined;
    const fresh = await this.#obtain();
    return fresh === refused ? undefined : fresh;
  }

  /** One request at a time, shared by every caller. */
  #obtain(): Promise<string> {
    this.#pending ??= this.#fetchToken().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetchToken(): Promise<string> {
    const participantToken = this.#config.participantToken()?.trim();
    if (participantToken) {
      const { connectionToken, expiry } = await this.#config.connect(participantToken);
      const renewBefore = this.#config.renewBeforeMs ?? 60_000;
      this.#held = { token: connectionToken, renewAt: expiry.getTime() - renewBefore };
      return connectionToken;
    }
    const provider = this.#config.provider();
    if (provider) {
      const token = (await provider())?.trim();
      if (!token) throw new UploadError('config', 'The token provider gave no token.');
      this.#held = { token, renewAt: Infinity };
      return token;
    }
    throw new UploadError('config', 'No connection token is set.');
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
