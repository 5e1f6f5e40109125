import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { qrText } from '../../src/ui/qr-text.js';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';
import { plannedShow } from '../helpers/shows.js';

const tmp = tempDir();
const session = `lotcast-qr-${process.pid}`;
const terminal = tmuxSession(session);
afterAll(() => {
  terminal.kill();
  tmp.cleanup();
});

function producerCode(url: string) {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'L' });
  return { size: modules.size, dark: (x: number, y: number) => modules.get(y, x) === 1 };
}

describe('lotcast overlay', () => {
  it('urls: overlay URLs on the configured port, the producer URL with the show token (the same every time)', async () => {
    const dataDir = await plannedShow(tmp.dir, 'sku,title,quantity,price\nA1,Alpha,1,10\n', 'urls');
    expect((await runCli(['config', 'set', 'overlay.port', '4601'], { dataDir })).code).toBe(0);
    const a = await runCli(['overlay', 'urls', 'urls', '--json'], { dataDir });
    expect(a.code, a.stderr).toBe(0);
    const first = JSON.parse(a.stdout);
    expect(first).toMatchObject({ showId: 'urls', port: 4601, running: false });
    expect(first.urls.overlays.lot).toBe('http://127.0.0.1:4601/overlay/lot');
    expect(first.urls.producer).toMatch(/^http:\/\/127\.0\.0\.1:4601\/producer\?token=[\w-]{24}$/);
    // Piped: the QR code in block characters alone, no escape sequence; it is the producer URL's code.
    const b = await runCli(['overlay', 'urls', '--qr'], { dataDir });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(first.urls.producer);
    expect(b.stdout).toContain('http://127.0.0.1:4601/overlay/all');
    expect(b.stdout).not.toContain('\u001b');
    const qr = b.stdout.split('\n').filter((l) => /^[ ▀▄█]+$/.test(l));
    expect(qr).toEqual(qrText(producerCode(first.urls.producer), null));
  });

  it('obs: writes a scene collection with browser sources for the chosen canvas', async () => {
    const out = join(tmp.dir, 'scenes.json');
    const dataDir = join(tmp.dir, 'empty');
    const r = await runCli(['overlay', 'obs', '--out', out, '--canvas', 'landscape', '--port', '4602'], { dataDir });
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(readFileSync(out, 'utf8'));
    const browsers = c.sources.filter((s: { id: string }) => s.id === 'browser_source');
    expect(browsers).toHaveLength(6);
    // Each source opens the loader in the data folder, which opens the overlay once lotcast answers.
    const loader = pathToFileURL(join(dataDir, 'obs-overlay-loader.html')).href;
    expect(browsers[0].settings).toMatchObject({
      url: `${loader}?src=${encodeURIComponent('http://127.0.0.1:4602/overlay/lot?layout=landscape')}`,
      width: 1920,
      height: 1080,
    });
    expect(readFileSync(join(dataDir, 'obs-overlay-loader.html'), 'utf8')).toContain('location.replace');
    expect(readFileSync(out, 'utf8')).not.toContain('token');
    expect((await runCli(['overlay', 'obs', '--out', out, '--port', '99999'])).code).toBe(2);
  });

  it.runIf(hasTmux)(
    'urls --qr in a terminal: black on white, so it scans on a dark or a light theme',
    async () => {
      const dataDir = await plannedShow(tmp.dir, 'sku,title,quantity,price\nA1,Alpha,1,10\n', 'tty');
      const producer = JSON.parse((await runCli(['overlay', 'urls', 'tty', '--json'], { dataDir })).stdout).urls
        .producer;
      terminal.tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '60', 'sh');
      terminal.tmux(
        'send-keys',
        '-t',
        session,
        '-l',
        `env -u NO_COLOR LOTCAST_DATA_DIR=${dataDir} ${process.execPath} ${binPath} overlay urls tty --qr; echo EXIT=$?`,
      );
      terminal.tmux('send-keys', '-t', session, 'Enter');
      await terminal.screenMatches(/EXIT=0/);
      const screen = terminal.tmux('capture-pane', '-t', session, '-p', '-e');
      // tmux writes colour changes only where they change (they carry over line ends): follow them.
      const colours = { fg: '39', bg: '49' };
      const apply = (sgr: string) => {
        for (const n of sgr.split(';')) {
          if (n === '' || n === '0') Object.assign(colours, { fg: '39', bg: '49' });
          else if (/^3\d$/.test(n)) colours.fg = n;
          else if (/^4\d$/.test(n)) colours.bg = n;
        }
      };
      const lines = screen.split('\n');
      const from = lines.findIndex((l) => l.includes('Producer page'));
      const to = lines.findIndex((l) => l.includes('EXIT=0'));
      for (const m of lines[from]!.matchAll(/\u001b\[([\d;]*)m/g)) apply(m[1]!);
      const qr: string[] = [];
      for (const line of lines.slice(from + 1, to)) {
        const firstBlock = line.search(/[▀▄█]/);
        for (const m of line.slice(0, Math.max(firstBlock, 0)).matchAll(/\u001b\[([\d;]*)m/g)) apply(m[1]!);
        if (firstBlock >= 0) {
          // Black (30) on white (47) from the line's first block to its last.
          expect(colours).toEqual({ fg: '30', bg: '47' });
          expect(line.slice(firstBlock, line.search(/[▀▄█](?!.*[▀▄█])/))).not.toMatch(/\u001b/);
        }
        for (const m of line.slice(Math.max(firstBlock, 0)).matchAll(/\u001b\[([\d;]*)m/g)) apply(m[1]!);
        qr.push(line.replace(/\u001b\[[\d;]*m/g, '').replace(/\s+$/, ''));
      }
      expect(qr).toEqual(qrText(producerCode(producer), (s) => s).map((l) => l.replace(/\s+$/, '')));
    },
    30_000,
  );
});
