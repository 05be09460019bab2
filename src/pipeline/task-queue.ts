/**
 * First in, first out, at most `concurrency` tasks at once. Tasks are started only when a slot
 * opens, so StartAttachmentUpload is called just in time and its upload URL is fresh.
 */
export type Task = () => Promise<unknown>;

export class TaskQueue {
  #concurrency: number;
  #running = 0;
  #paused = false;
  readonly #waiting: Task[] = [];

  constructor(concurrency: number) {
    this.#concurrency = TaskQueue.#clamp(concurrency);
  }

  static #clamp(value: number): number {
    return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
  }

  get concurrency(): number {
    return this.#concurrency;
  }

  set concurrency(value: number) {
    this.#concurrency = TaskQueue.#clamp(value);
    this.#pump();
  }

  /** While paused (offline), no waiting task starts; running ones go on. */
  get paused(): boolean {
    return this.#paused;
  }

  set paused(value: boolean) {
    this.#paused = value;
    this.#pump();
  }

  add(task: Task): void {
    this.#waiting.push(task);
    this.#pump();
  }

  #pump(): void {
    while (!this.#paused && this.#running < this.#concurrency) {
      const task = this.#waiting.shift();
      if (!task) return;
      this.#running++;
      // Tasks report their own outcome; the queue only needs to know the slot is free again.
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.#running--;
          this.#pump();
        });
    }
  }
}
