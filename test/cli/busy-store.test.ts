import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { PlainLive, plannedShow } from '../helpers/shows.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/**
 * Another process holding the store's write lock for `ms`, as a long import does (its whole
 * import is one transaction): resolves once it holds it; `released` once it let go.
 */
function holdWriteLock(dbFile: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(process.argv[1]);
       db.exec('PRAGMA busy_timeout = 5000');
       db.exec('BEGIN IMMEDIATE');
       db.exec('UPDATE items SET updated_at = updated_at');
       console.log('locked');
       setTimeout(() => { db.exec('COMMIT'); console.log('released'); db.close(); }, Number(process.argv[2]));`,
      dbFile,
      String(ms),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const released = new Promise<void>((r) => child.on('exit', () => r()));
  return new Promise((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('locked')) resolve({ released });
    });
  });
}

describe('a live show while another command holds the store (built CLI)', () => {
  it('keys are never refused: they wait in order, the process keeps answering, all are saved after', async () => {
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,2,20\nB,Mug,3,5\n');
    const live = new PlainLive(dataDir, 'show');
    await live.waitFor(/show started/);
    live.type('n');
    await live.waitFor(/now: L01 Tee/);
    // Longer than the store's 5 s busy timeout: before, the key blocked 5 s and was refused.
    const lock = await holdWriteLock(join(dataDir, 'lotcast.db'), 7000);
    const from = live.out().length;
    const t0 = Date.now();
    live.type('w');
    await live.waitFor(/waiting: the store is busy/, 4000, from);
    // The answer came while the lock was still held (well before 5 s).
    expect(Date.now() - t0).toBeLessThan(4000);
    live.type('n');
    live.type('t amy');
    await new Promise((r) => setTimeout(r, 300));
    expect(live.out().slice(from)).not.toMatch(/SALE|now: L02|error/);
    await lock.released;
    await live.waitFor(/SALE TikTok B \$5\.00 amy; only 2 left\n/, 8000, from);
    const after = live.out().slice(from);
    expect(after).toMatch(/SALE Whatnot A \$1\.00 \(buyer\?\); LAST ONE\n[\s\S]*now: L02 Mug[\s\S]*SALE TikTok B/);
    expect(after).not.toMatch(/error|busy for/);
    live.child.stdin.end();
    await live.exited();
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.stock).toEqual({ A: 1, B: 2 });
  });

  it.runIf(hasTmux)(
    'the dashboard in a real terminal says the keys are waiting, keeps its clock running, then saves them',
    async () => {
      const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,2,20\nB,Mug,3,5\n', 'ink');
      const session = `lotcast-busy-${process.pid}`;
      const { tmux, screenMatches, liveDashboard, kill } = tmuxSession(session);
      try {
        await liveDashboard(dataDir, 'ink');
        tmux('send-keys', '-t', session, 'n');
        await screenMatches(/NOW L01 Tee/);
        const lock = await holdWriteLock(join(dataDir, 'lotcast.db'), 6000);
        tmux('send-keys', '-t', session, 'w');
        tmux('send-keys', '-t', session, 'n');
        const waiting = await screenMatches(/saving 2 keys: the store is busy/, 4000);
        const clock = /LIVE (\d+:\d\d) elapsed/.exec(waiting)?.[1];
        // The screen keeps drawing while the keys wait: the clock moves on.
        await screenMatches(new RegExp(`LIVE (?!${clock})\\d+:\\d\\d elapsed[\\s\\S]*saving 2 keys`), 4000);
        await lock.released;
        const after = await screenMatches(/NOW L02 Mug/);
        expect(after).toMatch(/Whatnot\s+1 orders/);
        expect(after).not.toMatch(/saving|busy/);
        tmux('send-keys', '-t', session, 'C-c');
      } finally {
        kill();
      }
    },
    60_000,
  );

  it('a real import running during the show: keys typed meanwhile are all saved, none refused', async () => {
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,50,20\n');
    const sheet = join(tmp.dir, 'big.csv');
    const rows = ['SKU,Title,Qty,Price,Notes'];
    for (let i = 0; i < 100_000; i++) rows.push(`X${i},Thing number ${i},1,5,some notes for this row ${i}`);
    writeFileSync(sheet, `${rows.join('\n')}\n`);
    const live = new PlainLive(dataDir, 'show');
    await live.waitFor(/show started/);
    live.type('n');
    await live.waitFor(/now: L01 Tee/);
    const from = live.out().length;
    const importing = runCli(['inventory', 'import', sheet], { dataDir, timeoutMs: 120_000 });
    for (let i = 0; i < 10; i++) {
      live.type('w');
      await new Promise((r) => setTimeout(r, 150));
    }
    const imported = await importing;
    expect(imported.code, imported.stderr).toBe(0);
    await live.waitFor(/(SALE Whatnot A[^\n]*\n[\s\S]*){10}/, 20_000, from);
    const out = live.out().slice(from);
    expect(out).not.toMatch(/error/);
    live.child.stdin.end();
    await live.exited();
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.stock.A).toBe(40);
  }, 90_000);
});
