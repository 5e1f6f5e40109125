import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, tempDir } from '../helpers/cli.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir();
const session = `lotcast-import-${process.pid}`;
const { tmux, screenMatches, kill } = tmuxSession(session);
afterAll(() => {
  kill();
  tmp.cleanup();
});

describe.runIf(hasTmux)('lotcast inventory import in a real terminal', () => {
  it('shows a progress line while a big file imports, then only the summary', async () => {
    const file = join(tmp.dir, 'big-haul.csv');
    const rows = ['SKU,Title,Description,Qty,Price,Category'];
    for (let i = 0; i < 600_000; i++)
      rows.push(`P${i},Thrift find ${i},"Bin lot ${i}, as found",1,${5 + (i % 40)},Home`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', 'sh');
    tmux(
      'send-keys',
      '-t',
      session,
      '-l',
      `LOTCAST_DATA_DIR=${join(tmp.dir, 'data')} NO_COLOR=1 ${process.execPath} ${binPath} inventory import ${file}; echo EXIT=$?`,
    );
    tmux('send-keys', '-t', session, 'Enter');
    const mid = await screenMatches(
      /Importing big-haul\.csv {2}\[#*-*\] +\d+% {2}[\d,]+ rows {2}[\d,]+ rows\/s/,
      20_000,
    );
    expect(mid).not.toMatch(/EXIT=\d/);
    const done = await screenMatches(/EXIT=0/, 60_000);
    expect(done).toMatch(/Imported: 600000 created|Imported: 600,000 created/);
    expect(done).not.toMatch(/Importing big-haul/); // the line is cleared, not left behind
    // The test's own waits (20 s for the line, 60 s for the end) bound it, not the 30 s default.
  }, 90_000);
});
