import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { PlainLive, plannedShow } from '../helpers/shows.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

// A real full disk: a small tmpfs mounted for this test (lotcast's CI runs as root). Where
// mounting is impossible (no root, no CAP_SYS_ADMIN) the test says so and skips; the same
// failure is injected through the store adapter in test/services/live-show-faults.test.ts,
// which always runs.
const tmp = tempDir();
const mountPoint = join(tmp.dir, 'small-disk');
mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
const skipReason =
  mounted.status === 0 ? null : `cannot mount a tmpfs here: ${String(mounted.stderr || mounted.error).trim()}`;
afterAll(() => {
  if (skipReason === null) spawnSync('umount', ['-l', mountPoint]);
  tmp.cleanup();
});
if (skipReason) console.warn(`full-disk test skipped: ${skipReason}`);

/** Writes a file until the disk has no byte left. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [256 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(skipReason !== null)('lotcast live on a full disk (a real 2 MB tmpfs)', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA,Tee,2,20\nB,Mug,3,5\n', 'show', {
      dataDir: join(mountPoint, 'data'),
    });
  });

  it('a key whose write fails says why and changes nothing; after space returns every key is right', async () => {
    const live = new PlainLive(dataDir, 'show');
    await live.waitFor(/show started/);
    live.type('n');
    await live.waitFor(/now: L01 Tee \[A/);
    const filler = join(mountPoint, 'filler');
    fillDisk(filler);
    let from = live.out().length;
    live.type('w');
    await live.waitFor(/error: The disk holding the lotcast store is full: this change was not saved\./, 8000, from);
    await live.waitFor(/hint: Free some space on that disk/, 8000, from);
    live.type('n');
    live.type('w');
    await live.waitFor(/(error: The disk[^\n]*\n[^\n]*\n?[\s\S]*){3}/, 8000, from);
    expect(live.out().slice(from)).not.toMatch(/SALE|now: L02/);

    // Still full: show status reads the store and agrees with the inventory.
    const status = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(status.totals.orders).toBe(0);
    expect(status.current.sku).toBe('A');

    rmSync(filler);
    from = live.out().length;
    live.type('w');
    await live.waitFor(/SALE Whatnot A \$1\.00 \(buyer\?\); LAST ONE\n/, 8000, from);
    live.type('n');
    await live.waitFor(/now: L02 Mug \[B/, 8000, from);
    live.type('t');
    await live.waitFor(/SALE TikTok B \$5\.00 \(buyer\?\); only 2 left\n/, 8000, from);
    expect(live.out().slice(from)).not.toMatch(/OVERSELL|error/);
    live.child.stdin.end();
    await live.exited();

    const after = JSON.parse((await runCli(['show', 'status', 'show', '--json'], { dataDir })).stdout);
    expect(after.totals).toMatchObject({ orders: 2, oversells: 0 });
    expect(after.stock).toEqual({ A: 1, B: 2 });
    expect(after.current.sku).toBe('B');
    const items = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items as Array<{
      sku: string;
      quantity: number;
    }>;
    expect(Object.fromEntries(items.map((i) => [i.sku, i.quantity]))).toEqual({ A: 1, B: 2 });
  });

  it.runIf(hasTmux)(
    'the dashboard in a real terminal: the key says why, the screen shows no sale, the next key works',
    async () => {
      const dir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nT1,Lamp,2,30\n', 'ink', {
        dataDir: join(mountPoint, 'ink'),
      });
      const session = `lotcast-full-${process.pid}`;
      const { tmux, screenMatches, liveDashboard, kill } = tmuxSession(session);
      try {
        await liveDashboard(dir, 'ink');
        tmux('send-keys', '-t', session, 'n');
        await screenMatches(/NOW L01 Lamp/);
        const filler = join(mountPoint, 'filler-ink');
        fillDisk(filler);
        tmux('send-keys', '-t', session, 'w');
        let screen = await screenMatches(/The disk holding the lotcast store is full/);
        expect(screen).toMatch(/none yet/);
        expect(screen).toMatch(/Whatnot\s+0 orders/);
        expect(screen).toMatch(/NOW L01 Lamp/);
        rmSync(filler);
        tmux('send-keys', '-t', session, 'w');
        screen = await screenMatches(/Whatnot\s+1 orders/);
        expect(screen).toMatch(/LAST ONE/);
        expect(screen).not.toMatch(/OVERSOLD|disk holding/);
        tmux('send-keys', '-t', session, 'C-c');
      } finally {
        kill();
      }
      const status = JSON.parse((await runCli(['show', 'status', 'ink', '--json'], { dataDir: dir })).stdout);
      expect(status.totals).toMatchObject({ orders: 1, oversells: 0 });
      expect(status.stock).toEqual({ T1: 1 });
    },
  );

  it('an import on the full disk says the disk is full and what to do, not "a bug in lotcast"', async () => {
    const filler = join(mountPoint, 'filler2');
    const sheet = join(tmp.dir, 'more.csv');
    execFileSync('sh', [
      '-c',
      `printf 'SKU,Title,Qty,Price\\n' > ${sheet}; for i in $(seq 1 2000); do printf "X$i,Thing number $i with a long title,1,5\\n"; done >> ${sheet}`,
    ]);
    fillDisk(filler);
    try {
      const r = await runCli(['inventory', 'import', sheet], { dataDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/The disk holding the lotcast store is full/);
      expect(r.stderr).toMatch(/hint: Free some space/);
      expect(r.stderr).not.toMatch(/bug in lotcast/);
    } finally {
      rmSync(filler);
    }
    const list = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items;
    expect(list).toHaveLength(2);
  });
});
