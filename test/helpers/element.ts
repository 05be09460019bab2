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
export async function mount(configure: (el: ConnectAttachmentUpload) => void = () => {}, chatQuota?: number): Promise<Mounted> {
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

/** Catches what the element opens instead of a new tab. */
export function catchOpens(): { urls: string[]; restore(): void } {
  const urls: string[] = [];
  const original = window.open;
  window.open = ((url?: string | URL) => {
    urls.push(String(url));
    return null;
  }) as typeof window.open;
  return { urls, restore: () => (window.open = original) };
}

export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const shadow = (el: HTMLElement) => el.shadowRoot as ShadowRoot;

/** The trimmed text of the first node in the element's shadow root that matches `selector`. */
export const shadowText = (el: HTMLElement, selector: string) => shadow(el).querySelector(selector)?.textContent?.trim() ?? '';

/** A 1×1 PNG named `name`: a real image, which the element previews. */
export const pngFile = (name: string) =>
  new File(
    [
      Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) =>
        c.charCodeAt(0),
      ),
    ],
    name,
    { type: 'image/png' },
  );

/** Every text the element's live regions held, in order: polite (status) and assertive (alert). */
export function listenLive(el: HTMLElement): { polite: string[]; assertive: string[] } {
  const heard = { polite: [] as string[], assertive: [] as string[] };
  const observe = (selector: string, into: string[]) => {
    const region = shadow(el).querySelector(selector) as HTMLElement;
    new MutationObserver(() => {
      const said = region.textContent?.trim();
      if (said) into.push(said);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  };
  observe('[role=status]', heard.polite);
  observe('[role=alert]', heard.assertive);
  return heard;
}

/** How many of the `heard` texts contain `needle`. */
export const countSaid = (heard: string[], needle: string) => heard.filter((said) => said.includes(needle)).length;

/** Fires a drag event of `type` carrying `files` at `target`, as the browser does over a page. */
export function drag(target: EventTarget, type: string, files: File[] = [], init: DragEventInit = {}): DragEvent {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  const event = new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}

/** A chat panel beside the element (not around it), with something inside to drag over. */
export function chatPanel(): { panel: HTMLElement; message: HTMLElement } {
  const panel = document.createElement('section');
  panel.id = 'chat-panel';
  panel.style.height = '200px';
  const message = document.createElement('p');
  message.textContent = 'Hello, how can we help?';
  panel.append(message);
  document.body.append(panel);
  return { panel, message };
}

/**
 * The element's own file picker with the native dialog kept shut (a test cannot use it): counts
 * how often it would have opened, and picks files through the input as the browser's picker does.
 */
export function picker(el: HTMLElement): { readonly opened: number; pick(files: File[]): void } {
  const input = shadow(el).querySelector('input[type=file]') as HTMLInputElement;
  let opened = 0;
  input.addEventListener('click', (event) => {
    opened++;
    event.preventDefault();
  });
  return {
    get opened() {
      return opened;
    },
    pick(files) {
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
  };
}

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
