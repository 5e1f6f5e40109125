import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { plannedShow } from '../helpers/shows.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir();
const session = `lotcast-test-${process.pid}`;
const { tmux, screenMatches, kill } = tmuxSession(session);
afterAll(() => {
  kill();
  tmp.cleanup();
});

describe.runIf(hasTmux)('lotcast live in a real terminal (tmux)', () => {
  it('drives the dashboard with single keys, survives kill -9 and resumes', async () => {
    const dataDir = join(tmp.dir, 'store');
    await plannedShow(
      tmp.dir,
      'SKU,Title,Qty,Price,Location\nA,Levi 501,1,95,B1\nB,Pokemon packs,3,9,D1\nC,Pyrex bowl,1,38,E1\n',
      'tmux',
      { dataDir, name: 'Tmux Show' },
    );
    const cmd = `LOTCAST_DATA_DIR=${dataDir} NO_COLOR=1 ${process.execPath} ${binPath} live tmux`;
    // A shell in the pane, so the dashboard can be killed and started again in the same terminal.
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', 'sh');
    tmux('send-keys', '-t', session, '-l', cmd);
    tmux('send-keys', '-t', session, 'Enter');
    await screenMatches(/NOW OPEN/);
    tmux('send-keys', '-t', session, 'n');
    await screenMatches(/NOW L01 Levi 501/);
    tmux('send-keys', '-t', session, 'n');
    await screenMatches(/NOW L02 Pokemon packs/);
    tmux('send-keys', '-t', session, 't');
    await screenMatches(/only 2 left/);
    tmux('send-keys', '-t', session, 'b');
    tmux('send-keys', '-t', session, '-l', '@jane 12');
    tmux('send-keys', '-t', session, 'Enter');
    await screenMatches(/\$12\.00 B @jane/);
    // kill -9 the dashboard, start it again: same lot, same sales, same stock.
    const pid = execFileSync('pgrep', ['-f', `${binPath} live tmux`], { encoding: 'utf8' })
      .trim()
      .split('\n')[0]!;
    process.kill(Number(pid), 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500)); // the shell prompt comes back
    // The killed dashboard left the terminal in raw mode: a line feed still ends the line.
    tmux('send-keys', '-t', session, '-l', `stty sane; clear; ${cmd}`);
    tmux('send-keys', '-t', session, 'C-j');
    await screenMatches(/^(?![\s\S]*LOTCAST_DATA_DIR)[\s\S]*NOW L02/);
    const resumed = await screenMatches(/NOW L02 Pokemon packs[\s\S]*only 2 left/);
    expect(resumed).toMatch(/TikTok\s+1 orders\s+\$12\.00/);
    // Undo walks back one action at a time: first the buyer/price, then the sale itself.
    tmux('send-keys', '-t', session, 'u');
    await screenMatches(/\$9\.00 B \(buyer\?\)/);
    tmux('send-keys', '-t', session, 'u');
    await screenMatches(/3 left/);
    tmux('send-keys', '-t', session, 'q');
    await screenMatches(/End the show\?/);
    tmux('send-keys', '-t', session, 'y');
    const status = await runCli(['show', 'status', 'tmux', '--json'], { dataDir });
    const until = Date.now() + 5000;
    let parsed = JSON.parse(status.stdout);
    while (!parsed.show.ended && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      parsed = JSON.parse((await runCli(['show', 'status', 'tmux', '--json'], { dataDir })).stdout);
    }
    expect(parsed.show.ended).toBe(true);
    expect(parsed.totals.orders).toBe(0);
    expect(parsed.stock.B).toBe(3);
  });
});
