import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProducerAction } from '../../src/core/overlay/producer-action.js';
import { LiveShow } from '../../src/services/live-show.js';
import { ShowFeed } from '../../src/services/show-feed.js';
import { repoRoot } from '../helpers/cli.js';
import { liveTestShow } from '../helpers/live-store.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A live show on L01 (item A) in a fresh store file, with the producer page's feed over it. */
function liveShow() {
  const { store, show, dbFile, cleanup } = liveTestShow('race');
  cleanups.push(cleanup);
  const feed = new ShowFeed({ view: show, actor: LiveShow.open(store, 'race', { source: 'producer' }), store });
  return { dbFile, show, feed };
}

/**
 * Another process (the built lotcast's LiveShow) writes `what` and holds its transaction open
 * for a moment; resolves once the write is made (not yet committed), with the process's end.
 */
async function heldWrite(dbFile: string, what: 'next' | 'sale'): Promise<{ exited: Promise<number | null> }> {
  const dist = pathToFileURL(join(repoRoot, 'dist')).href;
  const fixture = join(repoRoot, 'test/fixtures/workers/held-move.mjs');
  const child = spawn(process.execPath, [fixture, dist, dbFile, 'race', what, '1500'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('close', r));
  let out = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('written')) resolve();
    });
    child.on('close', () => reject(new Error(`the other process ended without writing:\n${out}`)));
  });
  return { exited };
}

describe('producer page actions against a move by another process at the same instant', () => {
  it.each([
    ['next', 2],
    ['skip', 2],
    ['prev', 2],
  ] as const)(
    '%s from the lot the helper saw does nothing once the host has moved on (cursor stays %i)',
    async (type, cursor) => {
      const { dbFile, show, feed } = liveShow();
      expect(show.current.cursor).toBe(1);
      // The host presses Next in their dashboard (another process); its write is not committed yet.
      const other = await heldWrite(dbFile, 'next');
      // The helper's button, pressed on L01 at that instant: the write lock waits for the host's commit.
      const outcome = feed.act({ type, from: 1 } as ProducerAction);
      expect(await other.exited).toBe(0);
      expect(outcome).toEqual({
        status: 200,
        body: { ok: true, done: `${type}: already done (the show moved on)`, eventId: null },
      });
      show.poll();
      expect(show.current.cursor).toBe(cursor);
      expect(show.current.skipped).toEqual([]);
    },
    20_000,
  );

  it('undo of the sale the helper saw never undoes a sale another process records at that instant', async () => {
    const { dbFile, show, feed } = liveShow();
    const mine = feed.act({
      type: 'sale',
      channel: 'tiktok',
      sku: 'A',
      buyer: null,
      priceCents: null,
      requestId: 'mine-00001',
    });
    expect(mine.status).toBe(200);
    const target = show.current.undoable.at(-1)!;
    const other = await heldWrite(dbFile, 'sale');
    const outcome = feed.act({ type: 'undo', target });
    expect(await other.exited).toBe(0);
    expect(outcome.body).toMatchObject({ ok: true, done: 'undo: already done (the show moved on)' });
    show.poll();
    expect(show.current.sales.map((s) => s.channel)).toEqual(['tiktok', 'whatnot']);
  }, 20_000);
});
