import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';
import { WhatnotFake } from '../fakes/whatnot-fake.js';

const tmp = tempDir();
const session = `lotcast-list-${process.pid}`;
const { tmux, screenMatches, kill } = tmuxSession(session);
let whatnot: WhatnotFake | undefined;
afterAll(async () => {
  kill();
  await whatnot?.close();
  tmp.cleanup();
});

describe.runIf(hasTmux)('lotcast list in a real terminal', () => {
  it('asks to confirm, shows a progress bar with counts and rate, and lists only what needs attention', async () => {
    whatnot = await new WhatnotFake().start();
    const dataDir = join(tmp.dir, 'data');
    const rows = Array.from(
      { length: 12 },
      (_, i) =>
        `S${i},Thrift find ${i},1,$${5 + i},Good,Home,${4 + i} oz,${i === 1 ? '' : `https://img.example/${i}.jpg`}`,
    );
    writeFileSync(
      join(tmp.dir, 'inv.csv'),
      ['SKU,Title,Qty,Price,Condition,Category,Weight,Image URL 1', ...rows].join('\n'),
    );
    expect((await runCli(['inventory', 'import', join(tmp.dir, 'inv.csv')], { dataDir })).code).toBe(0);
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', 'sh');
    // The token goes in through the environment, off the screen, like a seller's shell profile.
    tmux('send-keys', '-t', session, '-l', `export LOTCAST_WHATNOT_TOKEN=${whatnot.token}; clear`);
    tmux('send-keys', '-t', session, 'Enter');
    await screenMatches(/^(?![\s\S]*export LOTCAST)/);
    tmux(
      'send-keys',
      '-t',
      session,
      '-l',
      `LOTCAST_DATA_DIR=${dataDir} LOTCAST_WHATNOT_API_BASE=${whatnot.apiBase} NO_COLOR=1 ${process.execPath} ${binPath} list --channel whatnot; echo EXIT=$?`,
    );
    tmux('send-keys', '-t', session, 'Enter');
    await screenMatches(/List 12 item\(s\) on Whatnot\?/);
    tmux('send-keys', '-t', session, 'Enter');
    // 11 listings of 5 requests each (product, variants, price, stock, sale format) at Whatnot's
    // 10 per second take about 6 s: the bar is seen moving.
    const mid = await screenMatches(
      /S1 cannot list yet: has no photo[\s\S]*\[#+\.+\] \d+\/12\s+\d+\.\d\/s\s+whatnot \d+/,
    );
    expect(mid).not.toMatch(/EXIT=\d/);
    const done = await screenMatches(/EXIT=1/, 20_000);
    expect(done).toMatch(/11 listed, 0 updated, 0 unchanged, 0 out of stock, 1 cannot be listed yet, 0 failed\./);
    expect(done).toContain('lotcast list --channel whatnot --sku S1 --yes');
    expect(done).not.toMatch(/S3 listed/);
    expect(done).not.toContain(whatnot.token.slice(-12));
    expect(whatnot.products.size).toBe(11);
    expect(whatnot.peakPerSecond()).toBeLessThanOrEqual(10);
  }, 60_000);
});
