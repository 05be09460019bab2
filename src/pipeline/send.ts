/**
 * What `send()` does once the files it sends are fixed (`complete-on-send`): it waits for each to be
 * ready, queues its Complete, and sends the text after the files. Loaded by `import()` the first
 * time a file is ready to send, so a page that never stages a file never loads it. It imports
 * nothing: what it needs of the uploader comes in as arguments (as fit-image.ts does). No DOM.
 */
import type { ChatSessionLike } from './chat-session.js';
import type { UploadList, UploadRecord, UploadState } from './upload-list.js';

/** What `send()` resolves with: uploadIds in the order the files were taken. */
export interface SendResult {
  completed: string[];
  failed: string[];
  /** The text went to the chat through `chatSession` (false without one, or when it refused it). */
  textSent: boolean;
}

/** The files a send still waits for: a later send leaves them to it. */
const sending = new WeakSet<UploadRecord>();
/**
 * Completes are asked one after another, in the order files became ready, so the transcript keeps
 * that order; and a send's text waits for the send before it. Shared by every uploader of the page:
 * at worst two chats' sends wait for each other a moment.
 */
let completing: Promise<unknown> = Promise.resolve();
let lastSend: Promise<unknown> = Promise.resolve();

/**
 * Sends the files of `inList` (those ready or on their way when `send()` was called) that no
 * earlier send waits for; resolves once each has been completed, has failed or has left the
 * list, and the text went, after the send before this one. The files sent leave the list.
 * `events` is the uploader, whose `uploads-changed` tells when files moved; `complete` runs the
 * Complete of a ready file.
 */
export default function sendFiles(
  inList: readonly UploadRecord[],
  text: string | undefined,
  events: EventTarget,
  list: UploadList,
  active: ReadonlySet<UploadState>,
  complete: (record: UploadRecord) => Promise<void> | undefined,
  chat: ChatSessionLike | undefined,
): Promise<SendResult> {
  const records = inList.filter((record) => !sending.has(record));
  for (const record of records) sending.add(record);
  const before = lastSend;
  const sent = (async () => {
    const queued = new WeakSet<UploadRecord>();
    await new Promise<void>((resolve) => {
      const look = (): void => {
        for (const record of records) {
          if (!sending.has(record)) continue;
          if (record.state === 'ready') {
            // Its PUT ended: its Complete joins the queue, once.
            if (!queued.has(record)) completing = completing.then(() => complete(record));
            queued.add(record);
          } else if (!active.has(record.state) || list.get(record.uploadId) !== record) {
            sending.delete(record);
          }
        }
        if (records.some((record) => sending.has(record))) return;
        events.removeEventListener('uploads-changed', look);
        resolve();
      };
      events.addEventListener('uploads-changed', look);
      look();
    });
    // The send before this one, text included, goes first, whatever became of it.
    await before.catch(() => undefined);
    const ids = (state: UploadState) => records.filter((record) => record.state === state).map((record) => record.uploadId);
    const result = { completed: ids('done'), failed: ids('failed'), textSent: false };
    // The list is the draft: what was sent leaves it (the transcript shows it); what failed stays.
    for (const record of records) if (record.state === 'done') list.remove(record);
    if (text?.trim() && chat?.sendMessage) {
      // A refused text is not a failure of any file: `textSent: false` tells the page to keep it.
      result.textSent = await chat.sendMessage({ contentType: 'text/plain', message: text }).then(
        () => true,
        () => false,
      );
    }
    return result;
  })();
  lastSend = sent;
  return sent;
}
