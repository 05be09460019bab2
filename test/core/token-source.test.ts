import { expect } from '@open-wc/testing';
import { UploadError } from '../../src/api/errors.js';
import { TokenSource, withToken } from '../../src/pipeline/token-source.js';

describe('TokenSource', () => {
  it('prefers the page token, and stops using it once it was refused', async () => {
    let provided = 0;
    const provider = () => `provided-${++provided}`;
    const source = new TokenSource({
      token: 'page',
      provider,
      connect: () => Promise.reject(new Error('unused')),
    });
    expect(await source.get()).to.equal('page');
    expect(await source.renew('page')).to.equal('provided-1');
    expect(await source.get()).to.equal('provided-1');
  });

  it('renews a ParticipantToken connection shortly before it expires, once for concurrent callers', async () => {
    let now = 0;
    let connects = 0;
    const source = new TokenSource({
      participantToken: 'participant',
      connect: async () => ({ connectionToken: `conn-${++connects}`, expiry: new Date(now + 3_600_000) }),
      now: () => now,
    });
    expect(await Promise.all([source.get(), source.get(), source.get()])).to.deep.equal(['conn-1', 'conn-1', 'conn-1']);
    now += 3_600_000 - 30_000; // within the minute before expiry
    expect(await source.get()).to.equal('conn-2');
    expect(connects).to.equal(2);
  });

  it('retries a call once with a renewed token after access-denied, and gives up after that', async () => {
    const fresh = () => 'fresh';
    const source = new TokenSource({
      token: 'stale',
      provider: fresh,
      connect: () => Promise.reject(new Error('unused')),
    });
    const seen: string[] = [];
    const denied = () => new UploadError('access-denied', 'no', { status: 403 });
    const error = await withToken(source, async (token) => {
      seen.push(token);
      throw denied();
    }).catch((e) => e);
    expect(seen).to.deep.equal(['stale', 'fresh']);
    expect(error).to.include({ code: 'access-denied' });
  });

  it('says "config" when there is nothing to get a token from', async () => {
    const source = new TokenSource({
      connect: () => Promise.reject(new Error('unused')),
    });
    expect(await source.get().catch((e) => e)).to.include({ code: 'config' });
  });
});

describe('TokenSource waiting', () => {
  it('asks a provider once for concurrent callers, and afresh once the only caller gave up on a provider that hangs', async () => {
    let asked = 0;
    const source = new TokenSource({
      provider: () => (++asked === 1 ? new Promise<string>(() => {}) : `token-${asked}`),
      connect: () => Promise.reject(new Error('unused')),
    });
    const controller = new AbortController();
    const first = source.get(controller.signal);
    const second = source.get(controller.signal);
    controller.abort();
    expect(await first.catch((e) => e)).to.have.property('name', 'AbortError');
    expect(await second.catch((e) => e)).to.have.property('name', 'AbortError');
    expect(asked).to.equal(1, 'one call for both');
    expect(await source.get()).to.equal('token-2');
  });
});
