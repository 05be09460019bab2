/**
 * What every framework test does around its framework: a fresh chat on the stand-in, a file, and the
 * proof that the file reached the chat byte for byte.
 */
import { expect } from '@open-wc/testing';
import { makeFile, sha256Hex, type StandIn, type StandInChat, standIn } from '../helpers/stand-in.js';

export interface Chat {
  stand: StandIn;
  chat: StandInChat;
  endpoint: string;
  token: string;
}

export async function newChat(): Promise<Chat> {
  const stand = await standIn();
  const chat = await stand.createChat();
  return { stand, chat, endpoint: stand.endpoint, token: chat.connectionToken };
}

/** A small file whose bytes differ per framework, so a mix-up between tests shows in the hash. */
export const fileFor = (framework: string) => makeFile(`${framework}.txt`, 48 * 1024, 'text/plain', framework.length);

/** The attachment is completed in this chat, once, and S3 holds exactly the file's bytes. */
export async function expectAttached({ stand, chat }: Chat, attachmentId: string, file: File): Promise<void> {
  const stored = (await stand.attachments(chat.contactId)).find((a) => a.attachmentId === attachmentId);
  expect(stored, `the stand-in knows attachment ${attachmentId} in this chat`).to.exist;
  expect(stored).to.include({ status: 'completed', completeCount: 1, name: file.name });
  expect(stored?.stored?.sha256, 'S3 holds the file byte for byte').to.equal(await sha256Hex(file));
}

/** Resolves with the first value `read` returns that is not undefined, polling each frame. */
export function until<T>(read: () => T | undefined, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = read();
      if (value !== undefined) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else requestAnimationFrame(check);
    };
    check();
  });
}
