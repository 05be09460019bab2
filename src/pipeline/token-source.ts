/**
 * Where one chat's ConnectionToken comes from: the page's `token`, a ConnectionToken obtained from a
 * ParticipantToken (CreateParticipantConnection), or the page's `tokenProvider`. A source is made
 * for one chat and never changes its mind: a file keeps the source it started with, so a page that
 * switches chats mid-upload never sends chat B's token about chat A's attachment. Renews once after
 * an access-denied, shared by every upload that hit it. No DOM.
 */
import type { ConnectionCredentials } from '../api/acps.js';
import { UploadError, abortReason } from '../api/errors.js';
import { DEFAULT_TIMEOUT_MS } from '../api/timeouts.js';

/** A token as given (a setting, a provider's answer, chatjs's details): trimmed, or undefined when it is not a string or blank. */
export const tokenOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim()) || undefined;

/** The failure when the page gave no token, ParticipantToken, provider or chat session. */
export const noToken = (): UploadError => new UploadError('config', 'No connection token is set.');

/** Gives a ConnectionToken on demand; called when none is set and after one was refused. */
export type TokenProvider = () => string | Promise<string>;

export interface TokenSourceConfig {
  /** The token the page set, if any, or where to read it at each call (a chat session's current one). */
  token?: string | (() => string | undefined) | undefined;
  /** The ParticipantToken the page set, if any: the source then calls CreateParticipantConnection. */
  participantToken?: string | undefined;
  provider?: TokenProvider | undefined;
  connect(participantToken: string): Promise<ConnectionCredentials>;
  /** A provider that has not answered after this long fails with `timeout`. Default: 30 s. */
  timeoutMs?: number | undefined;
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
  /** The page's (or session's) token that was refused: while it is still the one given, the provider or ParticipantToken is asked instead. */
  #refused: string | undefined;

  constructor(config: TokenSourceConfig) {
    this.#config = config;
  }

  /** The token for the next request. */
  get(signal?: AbortSignal): Promise<string> {
    const own = this.#own();
    if (own && !(own === this.#refused && this.#canRenew())) return Promise.resolve(own);
    const now = this.#config.now?.() ?? Date.now();
    if (this.#held && now < this.#held.renewAt) return Promise.resolve(this.#held.token);
    return this.#obtain(signal);
  }

  #own(): string | undefined {
    const { token } = this.#config;
    return typeof token === 'function' ? token() : token;
  }

  #canRenew(): boolean {
    return Boolean(this.#config.participantToken || this.#config.provider);
  }

  /**
   * A new token after `refused` met an access-denied, or undefined when nothing can renew it
   * (the page gave a bare token and no provider or ParticipantToken).
   */
  async renew(refused: string, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.#canRenew()) return undefined;
    if (refused === this.#own()) this.#refused = refused;
    // Another upload may have renewed it already while this one waited for its answer.
    if (this.#held && this.#held.token !== refused) return this.#held.token;
    this.#held = undefined;
    const fresh = await this.#obtain(signal);
    return fresh === refused ? undefined : fresh;
  }

  /** One request at a time, shared by every caller; a caller that gives up stops waiting at once. */
  #obtain(signal: AbortSignal | undefined): Promise<string> {
    const pending: Promise<string> =
      this.#pending ??
      (this.#pending = this.#fetchToken().finally(() => {
        if (this.#pending === pending) this.#pending = undefined;
      }));
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        // Whoever comes next asks afresh: a provider that hangs must not hold up the files after this one.
        if (this.#pending === pending) this.#pending = undefined;
        reject(abortReason(signal as AbortSignal));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void pending.then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
    });
  }

  async #fetchToken(): Promise<string> {
    const { participantToken, provider } = this.#config;
    if (participantToken) {
      const { connectionToken, expiry } = await this.#config.connect(participantToken);
      this.#held = { token: connectionToken, renewAt: expiry.getTime() - (this.#config.renewBeforeMs ?? 60_000) };
      return connectionToken;
    }
    if (!provider) throw noToken();
    const timeoutMs = this.#config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const token = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new UploadError('timeout', `The token provider did not answer within ${timeoutMs / 1000} s.`)),
        timeoutMs,
      );
      Promise.resolve()
        .then(provider)
        .then(resolve, (error: unknown) =>
          // A provider that throws is the page's configuration failing, not the network: not retried.
          reject(new UploadError('config', `The token provider failed: ${error instanceof Error ? error.message : String(error)}`)),
        )
        .finally(() => clearTimeout(timer));
    });
    const given = tokenOf(token);
    if (!given) throw new UploadError('config', 'The token provider gave no token.');
    this.#held = { token: given, renewAt: Infinity };
    return given;
  }
}

/**
 * Runs `call` with a token; after an access-denied, once with a renewed token before giving up.
 */
export async function withToken<T>(source: TokenSource, call: (token: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const token = await source.get(signal);
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof UploadError) || error.code !== 'access-denied') throw error;
    const fresh = await source.renew(token, signal);
    if (fresh === undefined) throw error;
    return call(fresh);
  }
}
