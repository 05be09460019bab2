/** Mounting the element against the stand-in, and waiting for what it reports. */
import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { ATTACHMENT_EVENT_TYPES, type ConnectAttachmentUpload } from '../../src/index.js';
import { type StandIn, type StandInChat, standIn } from './stand-in.js';

export interface Recorded {
  type: string;
  detail: Record<string, unknown>;
}

export interface Mounted {
  el: ConnectAttachmentUpload;
  chat: StandInChat;
  stand: StandIn;
  /** Every event the element fired, in order. */
  events: Recorded[];
}

/** A fresh chat on the stand-in and an element wired to it (as a property, the safe way). */
export async function mount(
  configure: (el: ConnectAttachmentUpload) => void = () => {},
  chatQuota?: number,
): Promise<Mounted> {
  const stand = await standIn();
  const chat = await stand.createChat(chatQuota);
  const el = await fixture<ConnectAttachmentUpload>(html`<connect-attachment-upload multiple></connect-attachment-upload>`);
  el.endpoint = stand.endpoint;
  el.token = chat.connectionToken;
  el.retryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
  configure(el);
  await el.updateComplete;
  const events: Recorded[] = [];
  for (const type of ATTACHMENT_EVENT_TYPES) {
    el.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }
  return { el, chat, stand, events };
}

const FINAL = new Set(['done', 'failed', 'cancelled']);

/** Resolves once every file in the list has finished (done, failed or cancelled). */
export function settled(el: ConnectAttachmentUpload, timeoutMs = 15000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (el.uploads.every((upload) => FINAL.has(upload.state))) {
        cleanup();
        resolve();
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`uploads did not settle: ${el.uploads.map((u) => `${u.file.name}=${u.state}`).join(', ')}`));
    }, timeoutMs);
    // A reject too: with fit-images a file can leave the list after it started preparing, and the
    // last file to end may be that one.
    const types = ['attachment-completed', 'attachment-error', 'attachment-abort', 'attachment-reject'] as const;
    const cleanup = () => {
      clearTimeout(timer);
      for (const type of types) el.removeEventListener(type, check);
    };
    for (const type of types) el.addEventListener(type, check);
    queueMicrotask(check);
  });
}

/**
 * Waits until the news gathered so far has been said: the announcer gathers it for 300 ms, then the
 * element draws the live regions with its next render.
 */
export async function announced(el: ConnectAttachmentUpload): Promise<void> {
  await delay(400);
  await el.updateComplete;
}

export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pastes `file` on `target` as a browser does (a cancelable ClipboardEvent); returns the event. */
export function pasteFile(target: EventTarget, file: File): ClipboardEvent {
  const clipboard = new DataTransfer();
  clipboard.items.add(file);
  const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true });
  // Firefox ignores clipboardData in a synthetic event's constructor.
  Object.defineProperty(event, 'clipboardData', { value: clipboard });
  target.dispatchEvent(event);
  return event;
}
