/**
 * First in, first out, at most `concurrency()` tasks at once, read each time a slot may open.
 * Tasks are started only when a slot opens, so StartAttachmentUpload is called just in time and
 * its upload URL is fresh. A task whose signal fired leaves the queue, or frees its slot, at once:
 * a cancelled file never holds up the others, even when what it awaits never answers.
 */
export type Task = (signal: AbortSignal) => Promise<unknown>;

interface Entry {
  task: Task;
  signal: AbortSignal;
}

export class TaskQueue {
  readonly #concurrency: () => number;
  #running = 0;
  #paused = false;
  readonly #waiting: Entry[] = [];

  constructor(concurrency: () => number) {
    this.#concurrency = concurrency;
  }

  #limit(): number {
    const value = this.#concurrency();
    return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
  }

  /** While paused (offline), no waiting task starts; running ones go on. */
  set paused(value: boolean) {
    this.#paused = value;
    this.pump();
  }

  add(task: Task, signal: AbortSignal): void {
    this.#waiting.push({ task, signal });
    this.pump();
  }

  /** Starts what may start now, e.g. after `concurrency` grew. */
  pump(): void {
    while (!this.#paused && this.#running < this.#limit()) {
      const entry = this.#next();
      if (!entry) return;
      this.#start(entry);
    }
  }

  #next(): Entry | undefined {
    // shift() is cheap here: V8 trims the front of an array in place instead of moving the rest.
    for (let entry = this.#waiting.shift(); entry; entry = this.#waiting.shift()) if (!entry.signal.aborted) return entry;
    return undefined;
  }

  #start({ task, signal }: Entry): void {
    this.#running++;
    let freed = false;
    const free = () => {
      if (freed) return;
      freed = true;
      signal.removeEventListener('abort', onAbort);
      this.#running--;
      this.pump();
    };
    // Freed after the code that cancelled has run: `cancel()` of many files aborts them all before
    // the next waiting task may start, so a task cancelled while it waited never starts.
    const onAbort = () => queueMicrotask(free);
    signal.addEventListener('abort', onAbort, { once: true });
    // Tasks report their own outcome; the queue only needs to know the slot is free again.
    void task(signal)
      .catch(() => undefined)
      .finally(free);
  }
}
