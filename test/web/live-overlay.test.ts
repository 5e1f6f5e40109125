/// <reference lib="dom" />
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/relay/stand-in.js';
import { chromiumForFile } from '../helpers/browser.js';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { PlainLive, plannedShow } from '../helpers/shows.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir('lotcast-live-overlay-');
const tmuxName = `lotcast-overlay-${process.pid}`;
const tmux = tmuxSession(tmuxName);
const browser = chromiumForFile();
afterAll(() => {
  tmux.kill();
  tmp.cleanup();
});

const CSV = 'sku,title,quantity,price\nTEE-1,Vintage Band Tee,3,30\nHAT-2,Snapback Hat,1,15\n';

/** `lotcast live --plain` with its overlay server on `port`, as a process. */
const liveWithOverlay = (dataDir: string, show: string, port: number) =>
  new PlainLive(dataDir, show, {}, ['--overlay-port', String(port)]);

describe('lotcast live serves the overlays and the producer page (built CLI, Chromium)', () => {
  it('prints the URLs; the overlay follows `lotcast sale`, the producer page records a sale the dashboard and `show status` see, and the overlay survives a restart of lotcast', async () => {
    const dataDir = await plannedShow(tmp.dir, CSV, 'lv');
    const secrets = {
      'secrets.destinationKeys.tiktok': 'live_tt_SECRETKEY_123',
      'secrets.ingestKey': 'ingest_SECRET_456',
    };
    for (const [key, value] of Object.entries(secrets))
      expect((await runCli(['config', 'set', key], { dataDir, input: value })).code).toBe(0);
    const port = await freePort();
    let live = liveWithOverlay(dataDir, 'lv', port);
    try {
      await live.waitFor(/show started/);
      const overlayUrl = (await live.waitFor(/Overlays \(OBS[^:]*: (http:\S+)/))[1]!;
      expect(overlayUrl).toBe(`http://127.0.0.1:${port}/overlay/all`);
      const producerUrl = (await live.waitFor(/Producer page[^:]*: (http:\S+)/))[1]!;
      expect(producerUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/producer\\?token=[\\w-]{24}$`));
      const urls = JSON.parse((await runCli(['overlay', 'urls', '--json'], { dataDir })).stdout);
      expect(urls).toMatchObject({ showId: 'lv', running: true, port });
      // No secret in any page, script or API answer (the producer token only in the URL lotcast printed).
      const token = new URL(producerUrl).searchParams.get('token')!;
      for (const path of [
        '/api/state',
        '/overlay/all',
        '/producer',
        '/assets/overlay.js',
        '/assets/producer.js',
        '/',
      ]) {
        const body = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
        for (const secret of [...Object.values(secrets), token]) expect(body, path).not.toContain(secret);
      }

      const overlay = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
      await overlay.goto(`http://127.0.0.1:${port}/overlay/lot`);
      live.type('n');
      const lot = overlay.locator('#lot');
      await expect.poll(() => lot.locator('.title').textContent()).toBe('Vintage Band Tee');
      const sale = await runCli(['sale', '--show', 'lv', '--channel', 'whatnot', '--buyer', '@cli'], { dataDir });
      expect(sale.code, sale.stderr).toBe(0);
      await expect.poll(() => lot.locator('.stock').textContent()).toBe('2');
      expect(await lot.locator('.call').textContent()).toBe('only 2 left');

      const producer = await browser().newPage({ viewport: { width: 390, height: 844 } });
      await producer.goto(producerUrl);
      await expect.poll(() => producer.locator('#now-stock').textContent()).toBe('2');
      await producer.fill('#buyer', '@phone');
      await producer.click('#sale-tiktok');
      await live.waitFor(/SALE TikTok TEE-1 \$\d+\.\d\d @phone; LAST ONE/);
      await expect.poll(() => lot.locator('.call').textContent()).toBe('LAST ONE');
      const status = JSON.parse((await runCli(['show', 'status', 'lv', '--json'], { dataDir })).stdout);
      expect(status.channels.tiktok.orders).toBe(1);
      expect(status.current).toMatchObject({ sku: 'TEE-1', stock: 1 });

      // lotcast dies; the overlay stays open in "OBS", goes empty, and comes back with it.
      await live.kill();
      await expect.poll(() => overlay.locator('#stage').isVisible(), { timeout: 10_000 }).toBe(false);
      live = liveWithOverlay(dataDir, 'lv', port);
      await live.waitFor(/Overlays/);
      await expect.poll(() => overlay.locator('#stage').isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await lot.locator('.call').textContent()).toBe('LAST ONE');
      live.type('n');
      await expect.poll(() => lot.locator('.title').textContent()).toBe('Snapback Hat');
      await overlay.close();
      await producer.close();
    } finally {
      await live.kill();
    }
  }, 90_000);

  it.runIf(hasTmux)(
    'a sale from the producer page shows on the dashboard in a real terminal',
    async () => {
      const dataDir = await plannedShow(tmp.dir, CSV, 'tx');
      const port = await freePort();
      const cmd = `LOTCAST_DATA_DIR=${dataDir} NO_COLOR=1 ${process.execPath} ${binPath} live tx --overlay-port ${port}`;
      tmux.tmux('new-session', '-d', '-s', tmuxName, '-x', '120', '-y', '40', cmd);
      await tmux.screenMatches(/NOW OPEN/);
      tmux.tmux('send-keys', '-t', tmuxName, 'n');
      await tmux.screenMatches(/NOW L01 Vintage Band Tee/);
      const urls = JSON.parse((await runCli(['overlay', 'urls', 'tx', '--json'], { dataDir })).stdout);
      const producer = await browser().newPage({ viewport: { width: 390, height: 844 } });
      await producer.goto(urls.urls.producer);
      await expect.poll(() => producer.locator('#now-title').textContent()).toBe('Vintage Band Tee');
      await producer.fill('#buyer', '@fromphone');
      await producer.fill('#price', '31');
      await producer.click('#sale-whatnot');
      await tmux.screenMatches(/\$31\.00 TEE-1 @fromphone/);
      await tmux.screenMatches(/only 2 left/);
      await producer.close();
    },
    60_000,
  );
});
