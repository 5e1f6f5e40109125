/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/store/database.js';
import { LiveShow } from '../../src/services/live-show.js';
import { startShowOverlay } from '../../src/services/show-overlay.js';
import { chromiumForFile } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { freePort } from '../helpers/relay/helpers.js';
import { plannedShow } from '../helpers/shows.js';

const tmp = tempDir('lotcast-loader-');
const browser = chromiumForFile();
afterAll(() => {
  tmp.cleanup();
});

describe('OBS opened before lotcast (the scene collection from `lotcast overlay obs`, in Chromium)', () => {
  it('the source waits, transparent, while nothing serves the overlay, and shows the overlay by itself once lotcast starts', async () => {
    const dataDir = await plannedShow(tmp.dir, 'sku,title,quantity,price\nTEE-1,Vintage Band Tee,3,30\n', 'early');
    const port = await freePort();
    const out = join(tmp.dir, 'scenes.json');
    const r = await runCli(['overlay', 'obs', '--out', out, '--port', String(port)], { dataDir });
    expect(r.code, r.stderr).toBe(0);
    const sources = JSON.parse(readFileSync(out, 'utf8')).sources as Array<{ name: string; settings: { url: string } }>;
    const url = sources.find((s) => s.name === 'lotcast lot')!.settings.url;
    expect(url).toMatch(/^file:\/\/\/.*\/obs-overlay-loader\.html\?src=/);
    expect(existsSync(fileURLToPath(url.split('?')[0]!))).toBe(true);
    expect(r.stdout).toContain(url.split('?')[0]);

    // OBS starts first: nothing listens on the overlay port yet.
    const page = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(url);
    await page.waitForTimeout(2500); // more than one retry
    expect(page.url()).toBe(url); // still the loader: no error page
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    expect(await page.evaluate(() => document.body.querySelectorAll(':not(script)').length)).toBe(0);

    // Then the seller runs the show; the test never reloads the page.
    const store = openStore(join(dataDir, 'lotcast.db'));
    const show = LiveShow.open(store, 'early');
    show.start();
    show.next();
    const overlay = await startShowOverlay({ store, show, dataDir, port, lan: false, fallbackPort: false });
    try {
      await expect
        .poll(() => page.url(), { timeout: 10_000 })
        .toBe(`http://127.0.0.1:${port}/overlay/lot?layout=portrait`);
      await expect.poll(() => page.locator('#lot .title').textContent(), { timeout: 10_000 }).toBe('Vintage Band Tee');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    } finally {
      await overlay.stop();
      store.close();
    }
  }, 60_000);

  it('opens nothing but an http overlay on 127.0.0.1 or localhost', async () => {
    // A server that answers on another address (127.0.0.2, still this machine): the loader must not go there.
    const other = createServer((_req, res) => res.end('<p>not lotcast</p>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.2', r));
    const otherPort = (other.address() as AddressInfo).port;
    const page = await browser().newPage();
    try {
      const loader = fileURLToPath(new URL('../../templates/web/obs-loader.html', import.meta.url));
      for (const src of [
        'javascript:document.title="ran"',
        `http://127.0.0.2:${otherPort}/overlay/lot`,
        'file:///etc/hostname',
        'not a url',
      ]) {
        const url = `${pathToFileURL(loader).href}?src=${encodeURIComponent(src)}`;
        await page.goto(url);
        await page.waitForTimeout(400);
        expect(page.url()).toBe(url);
        expect(await page.title()).toBe('lotcast overlay (waiting for lotcast)');
      }
    } finally {
      await page.close();
      other.close();
    }
  });
});
