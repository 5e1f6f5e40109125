import { LotcastError } from '../core/errors.js';
import { StoreBusyError } from '../adapters/store/store-errors.js';

export interface KeyQueueOptions {
  /** Milliseconds between tries while the store is locked. */
  retryMs?: number;
  /** How long keys may wait for the store before they are given up, with a message. */
  giveUpMs?: number;
  now?: () => number;
  /** Keys waiting for the store (null: none waiting any more). */
  onWaiting(waiting: number | null): void;
  /** A waiting key that failed for another reason, or the keys given up. */
  onError(err: unknown): void;
}

/**
 * The host's keys, in order. A key that finds the store locked by another lotcast command (a
 * long import, a listing run) is not refused: it waits, and so do the keys after it (their
 * order matters: `n` then `w` sells the next lot), retried every `retryMs` until `giveUpMs`.
 * The live show's store connection waits only briefly for a lock, so the screen keeps drawing
 * between tries.
 */
export class KeyQueue {
  private readonly waiting: Array<() => void> = [];
  private since = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idleWaiters: Array<() => void> = [];
  private readonly retryMs: number;
  private readonly giveUpMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: KeyQueueOptions) {
    this.retryMs = opts.retryMs ?? 250;
    this.giveUpMs = opts.giveUpMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  get pending(): number {
    return this.waiting.length;
  }

  /** Runs the key now, or after the keys already waiting; throws its error when it ran now. */
  submit(key: () => void): void {
    if (this.waiting.length > 0) {
      this.waiting.push(key);
      this.opts.onWaiting(this.waiting.length);
      return;
    }
    try {
      key();
    } catch (err) {
      if (!(err instanceof StoreBusyError)) throw err;
      this.waiting.push(key);
      this.since = this.now();
      this.schedule();
      this.opts.onWaiting(this.waiting.length);
    }
  }

  /** Resolves once no key is waiting (input closing waits for the keys typed before it). */
  idle(): Promise<void> {
    if (this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.length = 0;
    this.settle();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.drain();
    }, this.retryMs);
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      try {
        this.waiting[0]!();
      } catch (err) {
        if (err instanceof StoreBusyError) {
          if (this.now() - this.since < this.giveUpMs) {
            this.schedule();
            return;
          }
          const n = this.waiting.length;
          this.waiting.length = 0;
          this.opts.onError(
            new LotcastError(
              `${n} key${n === 1 ? '' : 's'} not saved: another lotcast command kept the store busy for ${Math.round(this.giveUpMs / 1000)} s.`,
              { hint: 'Press them again once that command (an import, a listing run) is done.', cause: err },
            ),
          );
          break;
        }
        this.opts.onError(err);
      }
      this.waiting.shift();
      this.since = this.now();
    }
    this.settle();
  }

  private settle(): void {
    this.opts.onWaiting(null);
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
