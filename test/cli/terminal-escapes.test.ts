import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { plannedShow } from '../helpers/shows.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir();
const session = `lotcast-esc-${process.pid}`;
const { tmux, screenMatches, kill } = tmuxSession(session);
afterAll(() => {
  kill();
  tmp.cleanup();
});

// Retitles the window (OSC 0 and 2), clears the screen, resets the terminal, reverses the text.
const EVIL_TITLE = 'Evil \u001b]0;PWNED\u0007Tee \u001b]2;PWNED\u001b\\\u001b[2J\u001b[HBig \u001bc\u202eeurT';
const SHOWN_TITLE = 'Evil Tee Big eurT';
const EVIL_BUYER = '\u001b]2;PWNED\u0007\u001b[2Jjane';

const paneTitle = () => tmux('display', '-p', '-t', session, '#{pane_title}').trim();

let dataDir = '';
beforeAll(async () => {
  dataDir = await plannedShow(
    tmp.dir,
    stringify([
      ['SKU', 'Title', 'Qty', 'Price', 'Notes'],
      ['EVIL', EVIL_TITLE, '2', '20', `Flaw: \u001b]2;PWNED\u0007none`],
      ['B', 'Mug', '1', '5', ''],
    ]),
  );
  // A bad cell quoted in an error message.
  writeFileSync(
    join(tmp.dir, 'bad.csv'),
    stringify([
      ['SKU', 'Title', 'Qty'],
      ['X', 'Thing', '\u001b]2;PWNED\u00072'],
    ]),
  );
});

describe.runIf(hasTmux)('user data never reaches a real terminal as control sequences (tmux)', () => {
  it('inventory list, show status, sale, report, an error quoting a cell and the dashboard', async () => {
    const env = `LOTCAST_DATA_DIR=${dataDir}`;
    const lotcast = `${env} ${process.execPath} ${binPath}`;
    tmux('new-session', '-d', '-s', session, '-x', '150', '-y', '50', 'bash --norc');
    const run = async (line: string, done: RegExp) => {
      tmux('send-keys', '-t', session, '-l', line);
      tmux('send-keys', '-t', session, 'Enter');
      return screenMatches(done);
    };
    await run(`printf '\\033]2;CLEAN\\007'; clear; echo MARKER-BEFORE`, /^MARKER-BEFORE/m);
    expect(paneTitle()).toBe('CLEAN');

    let screen = await run(`${lotcast} inventory list; echo DONE-1`, /^DONE-1/m);
    expect(screen).toContain('MARKER-BEFORE');
    expect(screen).toContain(SHOWN_TITLE);
    expect(paneTitle()).toBe('CLEAN');

    screen = await run(`${lotcast} inventory import ${join(tmp.dir, 'bad.csv')}; echo DONE-2`, /^DONE-2/m);
    expect(screen).toMatch(/Qty: "2" is not a whole number/);
    expect(paneTitle()).toBe('CLEAN');

    // The dashboard: the evil lot on screen, a sale with an evil buyer handle.
    tmux('send-keys', '-t', session, '-l', `${lotcast} live show`);
    tmux('send-keys', '-t', session, 'Enter');
    await screenMatches(/NOW OPEN/);
    tmux('send-keys', '-t', session, 'n');
    screen = await screenMatches(/NOW L01 Evil Tee Big eurT/);
    expect(screen).toContain('Flaw: none');
    const sale = await runCli(
      ['sale', '--show', 'show', '--channel', 'tiktok', '--buyer', EVIL_BUYER, '--price', '9'],
      { dataDir },
    );
    expect(sale.code, sale.stderr).toBe(0);
    expect(sale.stdout).toMatch(/SALE TikTok EVIL \$9\.00 jane; LAST ONE/);
    screen = await screenMatches(/\$9\.00 EVIL jane/);
    expect(screen).toContain('Latest sales');
    expect(paneTitle()).toBe('CLEAN');
    tmux('send-keys', '-t', session, 'C-c');
    await screenMatches(/stays live/);

    screen = await run(
      `clear; echo MARKER-2; ${lotcast} show status show; ${lotcast} report show; echo DONE-3`,
      /^DONE-3/m,
    );
    expect(screen).toContain('MARKER-2');
    expect(screen).toMatch(/Evil Tee Big eurT/);
    expect(paneTitle()).toBe('CLEAN');

    // The data itself is kept as imported.
    const items = JSON.parse((await runCli(['inventory', 'list', '--json'], { dataDir })).stdout).items;
    expect(items[0].title).toBe(EVIL_TITLE);
  });
});
