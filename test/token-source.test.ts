import { expect } from '@open-wc/testing';
import { UploadError } from '../src/api/errors.js';
import { TokenSource, withToken } from '../src/pipeline/token-source.js';

describe('TokenSource', () => {
  it('prefers the page token, and stops using it once it was refused', async () => {
    let provided = 0;
    const provider = () => `provided-${++provided}`;
    const source = new TokenSource({
      token: () => 'page',
      participantToken: () => undefined,
      provider: () => provider,
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
      token: () => undefined,
      participantToken: () => 'participant',
      provider: () => undefined,
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
      token: () => 'stale',
      participantToken: () => undefined,
      provider: () => fresh,
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
      token: () => undefined,
      participantToken: () => undefined,
      provider: () => undefined,
      connect: () => Promise.reject(new Error('unused')),
    });
    expect(await source.get().catch((e) => e)).to.include({ code: 'config' });
  });
});

describe('TokenSource when the page switches chats', () => {
  it('does not reuse a token obtained from the previous ParticipantToken, even mid-request', async () => {
    let participant = 'chat-a';
    const connects: string[] = [];
    let release: () => void = () => {};
    const source = new TokenSource({
      token: () => undefined,
      participantToken: () => participant,
      provider: () => undefined,
      connect: async (participantToken) => {
        connects.push(participantToken);
        if (participantToken === 'chat-a') await new Promise<void>((resolve) => (release = resolve));
        return { connectionToken: `conn-for-${participantToken}`, expiry: new Date(Date.now() + 3_600_000) };
      },
    });
    const first = source.get();
    participant = 'chat-b'; // switched while chat-a's connection was still being made
    expect(await source.get()).to.equal('conn-for-chat-b');
    release();
    expect(await first).to.equal('conn-for-chat-a');
    expect(await source.get()).to.equal('conn-for-chat-b', 'the late chat-a token is not used for chat-b');
    expect(connects).to.deep.equal(['chat-a', 'chat-b']);
  });
});
