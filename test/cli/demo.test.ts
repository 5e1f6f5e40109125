import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('lotcast demo (built CLI, no TTY)', () => {
  it('runs the sample show with buyers on both channels and one oversell from the last-unit race', async () => {
    const r = await runCli(['demo', '--duration', '5s', '--json'], { dataDir: tmp.dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.channels.whatnot.orders).toBeGreaterThan(0);
    expect(s.channels.tiktok.orders).toBeGreaterThan(0);
    expect(s.oversells).toHaveLength(1);
    // The demo store is a real lotcast store: the show is ended and queryable.
    const status = JSON.parse((await runCli(['--data-dir', s.dataDir, 'show', 'status', 'demo', '--json'])).stdout);
    expect(status.show.ended).toBe(true);
    expect(status.totals.orders).toBe(s.sales);
  });

  it('prints one line per event and the summary in plain mode', async () => {
    const r = await runCli(['demo', '--duration', '3s', '--plain'], { dataDir: tmp.dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/show started: Demo Thrift Drop/);
    expect(r.stdout).toMatch(/SALE (Whatnot|TikTok) /);
    expect(r.stdout).toMatch(/Show Demo Thrift Drop \(demo\) summary:/);
  });
});
