import { describe, expect, it, vi } from 'vitest';
import { StoreBusyError } from '../../src/adapters/store/store-errors.js';
import { KeyQueue } from '../../src/services/live-queue.js';

function queue(giveUpMs = 1000) {
  let now = 0;
  const waiting: Array<number | null> = [];
  const errors: string[] = [];
  const q = new KeyQueue({
    retryMs: 100,
    giveUpMs,
    now: () => now,
    onWaiting: (n) => waiting.push(n),
    onError: (e) => errors.push((e as Error).message),
  });
  return { q, waiting, errors, advance: (ms: number) => (now += ms) };
}

const busy = () => new StoreBusyError('The lotcast store is busy.');

describe('KeyQueue: keys wait for a busy store, in order, never refused', () => {
  it('runs keys at once while the store is free; other errors go to the caller', () => {
    const { q, waiting } = queue();
    const done: string[] = [];
    q.submit(() => done.push('w'));
    expect(done).toEqual(['w']);
    expect(() =>
      q.submit(() => {
        throw new Error('No sale to amend yet.');
      }),
    ).toThrow('No sale to amend yet.');
    expect(waiting).toEqual([]);
  });

  it('holds a key that met a busy store and the keys after it, then runs them in order', async () => {
    vi.useFakeTimers();
    try {
      const { q, waiting, advance } = queue();
      let locked = true;
      const done: string[] = [];
      const key = (name: string) => () => {
        if (locked) throw busy();
        done.push(name);
      };
      q.submit(key('n'));
      q.submit(key('w'));
      expect(q.pending).toBe(2);
      expect(waiting).toEqual([1, 2]);
      advance(100);
      vi.advanceTimersByTime(100);
      expect(done).toEqual([]);
      locked = false;
      const idle = q.idle();
      advance(100);
      vi.advanceTimersByTime(100);
      await idle;
      expect(done).toEqual(['n', 'w']);
      expect(waiting.at(-1)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives the waiting keys up after the bound, with a message, and works again after', () => {
    vi.useFakeTimers();
    try {
      const { q, errors, advance } = queue(1000);
      q.submit(() => {
        throw busy();
      });
      for (let t = 0; t < 12; t++) {
        advance(100);
        vi.advanceTimersByTime(100);
      }
      expect(errors).toEqual(['1 key not saved: another lotcast command kept the store busy for 1 s.']);
      expect(q.pending).toBe(0);
      const done: string[] = [];
      q.submit(() => done.push('t'));
      expect(done).toEqual(['t']);
    } finally {
      vi.useRealTimers();
    }
  });
});
