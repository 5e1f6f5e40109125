import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { plannedShow } from '../helpers/show-setup.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

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
    const b = await runCli(['overlay', 'urls', '--qr'], { dataDir });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(first.urls.producer);
    expect(b.stdout).toContain('http://127.0.0.1:4601/overlay/all');
    expect(b.stdout).toMatch(/[▀▄█]/);
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
});
