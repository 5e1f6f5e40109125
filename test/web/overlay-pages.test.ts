/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/adapters/store/database.js';
import { ItemRepo } from '../../src/adapters/store/item-repo.js';
import { ShowRepo } from '../../src/adapters/store/show-repo.js';
import { makeItem } from '../../src/core/inventory/item.js';
import { LiveShow } from '../../src/services/live-show.js';
import { startShowOverlay, type RunningShowOverlay } from '../../src/services/show-overlay.js';
import { chromiumForFile } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { testPlan } from '../helpers/plans.js';
import { plannedShow } from '../helpers/shows.js';

const tmp = tempDir('lotcast-pages-');
const browser = chromiumForFile();
afterAll(() => {
  tmp.cleanup();
});

const CSV = 'sku,title,quantity,price\nTEE-1,Vintage Band Tee,3,30\nHAT-2,Snapback Hat,1,15\nCARD-3,Rookie Card,2,50\n';

/** A planned show in a fresh data folder, live in this process with its overlay server. */
async function served(id: string, opts: { port?: number; goalCents?: number; customCssFile?: string } = {}) {
  const dataDir = await plannedShow(tmp.dir, CSV, id);
  const store = openStore(join(dataDir, 'lotcast.db'));
  const show = LiveShow.open(store, id);
  show.start();
  show.next(); // L01 on screen: the tee, 3 units
  const overlay = await startShowOverlay({
    store,
    show,
    dataDir,
    port: opts.port ?? 0,
    lan: false,
    goalCents: opts.goalCents ?? null,
    customCssFile: opts.customCssFile ?? null,
  });
  return { dataDir, store, show, overlay };
}

async function stopAll(s: { store: Store; overlay: RunningShowOverlay }) {
  await s.overlay.stop();
  s.store.close();
}

describe('overlays in Chromium', () => {
  it('the lot card shows the lot on a transparent page and follows sales made by `lotcast sale` in another process', async () => {
    const s = await served('follow');
    try {
      const page = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(s.overlay.urls.overlays.lot);
      const lot = page.locator('#lot');
      await expect.poll(() => lot.locator('.title').textContent()).toBe('Vintage Band Tee');
      expect(await lot.locator('.stock').textContent()).toBe('3');
      expect(await lot.locator('.price.tiktok').textContent()).toMatch(/TikTok.*\$\d+\.\d\d/);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
      // The card stays out of the apps' top band and bottom 30% of a 9:16 canvas.
      const box = (await lot.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(1920 * 0.12);
      expect(box.y + box.height).toBeLessThanOrEqual(1920 * 0.7);
      for (const buyer of ['@jane', '@joe']) {
        const r = await runCli(['sale', '--show', 'follow', '--channel', 'tiktok', '--buyer', buyer], {
          dataDir: s.dataDir,
        });
        expect(r.code, r.stderr).toBe(0);
      }
      await expect.poll(() => lot.locator('.stock').textContent()).toBe('1');
      expect(await lot.locator('.call').textContent()).toBe('LAST ONE');
      await runCli(['sale', '--show', 'follow', '--channel', 'whatnot'], { dataDir: s.dataDir });
      await expect.poll(() => lot.locator('.stamp').isVisible()).toBe(true);

      const ticker = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await ticker.goto(`${s.overlay.urls.overlays.ticker}?buyers=short`);
      await expect.poll(() => ticker.locator('#ticker .sale').count()).toBe(3);
      expect(await ticker.locator('#ticker .sale').nth(1).textContent()).toContain('@jo…');
      await page.close();
      await ticker.close();
    } finally {
      await stopAll(s);
    }
  }, 60_000);

  it('empty while lotcast is away, then reconnects by itself when it is back on the same port', async () => {
    const s = await served('restart');
    const port = s.overlay.port;
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(s.overlay.urls.overlays.all);
    await expect.poll(() => page.locator('#lot').isVisible()).toBe(true);
    await stopAll(s);
    // Gone: after a short grace the page is empty (nothing broken on stream).
    await expect.poll(() => page.locator('#stage').isVisible(), { timeout: 10_000 }).toBe(false);
    const store = openStore(join(s.dataDir, 'lotcast.db'));
    const show = LiveShow.open(store, 'restart');
    show.next();
    const again = await startShowOverlay({ store, show, dataDir: s.dataDir, port, lan: false, fallbackPort: false });
    try {
      await expect.poll(() => page.locator('#lot .title').textContent(), { timeout: 15_000 }).toBe('Snapback Hat');
      expect(await page.locator('#lot').isVisible()).toBe(true);
    } finally {
      await page.close();
      await stopAll({ store, overlay: again });
    }
  }, 60_000);

  it('an ended show leaves the overlay empty and transparent', async () => {
    const s = await served('ended');
    try {
      const page = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(s.overlay.urls.overlays.all);
      await expect.poll(() => page.locator('#lot').isVisible()).toBe(true);
      s.show.end();
      await expect.poll(() => page.locator('#stage').isVisible()).toBe(false);
      await page.close();
    } finally {
      await stopAll(s);
    }
  }, 60_000);
});

describe('overlay options in Chromium', () => {
  it("query parameters pick fields, theme, scale and position; the seller's CSS is layered on; goal and next follow the show", async () => {
    const css = join(tmp.dir, 'mine.css');
    writeFileSync(css, '#lot .title { text-transform: uppercase; }\n');
    const s = await served('opts', { goalCents: 10_000, customCssFile: css });
    try {
      const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${s.overlay.urls.overlays.lot}?fields=title,stock&theme=light&scale=1.5&position=top-right`);
      const lot = page.locator('#lot');
      await expect.poll(() => lot.locator('.title').textContent()).toBe('Vintage Band Tee');
      expect(await lot.locator('.prices').isVisible()).toBe(false);
      expect(await lot.locator('.timer').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      expect(await lot.locator('.title').evaluate((e) => getComputedStyle(e).textTransform)).toBe('uppercase');
      const box = (await lot.boundingBox())!;
      expect(box.x + box.width).toBeGreaterThan(1920 * 0.9);
      expect(box.y).toBeLessThan(1080 * 0.1);
      const plain = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
      await plain.goto(`${s.overlay.urls.overlays.lot}?css=0`);
      await expect.poll(() => plain.locator('#lot .title').textContent()).toBe('Vintage Band Tee');
      // Scale 1.5 makes the same card bigger than the default one.
      expect((await plain.locator('#lot').boundingBox())!.width).toBeLessThan(box.width);
      expect(await plain.locator('#lot .title').evaluate((e) => getComputedStyle(e).textTransform)).toBe('none');

      const goal = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
      await goal.goto(s.overlay.urls.overlays.goal);
      await expect.poll(() => goal.locator('#goal .target').textContent()).toBe('$100');
      s.show.sale({ channel: 'tiktok', priceCents: 5000 });
      await expect.poll(() => goal.locator('#goal .gross').textContent()).toBe('$50');
      const next = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
      await next.goto(s.overlay.urls.overlays.next);
      await expect.poll(() => next.locator('#next li').allTextContents()).toEqual(['Snapback Hat', 'Rookie Card']);
      // Each single page shows only its own card.
      expect(await next.locator('#lot').isVisible()).toBe(false);
      for (const p of [page, plain, goal, next]) await p.close();
    } finally {
      await stopAll(s);
    }
  }, 60_000);

  it('the giveaway page calls the giveaway while it is on screen, then names the winner', async () => {
    const store = openStore(join(tmp.dir, 'gift.db'));
    new ItemRepo(store).put(['A', 'B', 'C', 'GIFT'].map((sku) => makeItem({ sku, title: `Item ${sku}`, quantity: 3 })));
    new ShowRepo(store).insert(testPlan('gift'), new Date().toISOString());
    const show = LiveShow.open(store, 'gift');
    show.start();
    const overlay = await startShowOverlay({ store, show, dataDir: tmp.dir, port: 0, lan: false, buyers: 'short' });
    try {
      const page = await browser().newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(overlay.urls.overlays.giveaway);
      await page.waitForTimeout(300);
      expect(await page.locator('#giveaway').isVisible()).toBe(false);
      while (show.segment()?.kind !== 'giveaway') show.next();
      await expect.poll(() => page.locator('#giveaway').isVisible()).toBe(true);
      expect(await page.locator('#giveaway .winner').textContent()).toBe('Comment to enter');
      show.giveaway('@lucky_one');
      await expect.poll(() => page.locator('#giveaway .winner').textContent()).toBe('Winner: @lu…');
      await page.close();
    } finally {
      await overlay.stop();
      store.close();
    }
  }, 60_000);
});

describe('producer page in Chromium', () => {
  it('at 390x844: a TikTok sale with buyer and price is recorded, `show status` shows it, undo takes it back', async () => {
    const s = await served('prod');
    try {
      const page = await browser().newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
      await page.goto(s.overlay.urls.producer);
      await expect.poll(() => page.locator('#now-title').textContent()).toBe('Vintage Band Tee');
      // Nothing wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.fill('#buyer', '@phonebuyer');
      await page.fill('#price', '27.50');
      await page.click('#sale-tiktok');
      await expect.poll(() => page.locator('#now-stock').textContent()).toBe('2');
      await expect.poll(() => page.locator('#sales li').first().textContent()).toContain('@phonebuyer');
      const status = await runCli(['show', 'status', 'prod', '--json'], { dataDir: s.dataDir });
      const st = JSON.parse(status.stdout);
      expect(st.channels.tiktok).toMatchObject({ orders: 1, grossCents: 2750 });
      expect(st.current).toMatchObject({ sku: 'TEE-1', stock: 2 });
      // A quick second tap is the same press: still one sale.
      await page.click('#sale-whatnot');
      await page.click('#sale-whatnot');
      await expect.poll(() => page.locator('#sales li').count()).toBe(2);
      await page.waitForTimeout(800);
      expect(s.show.current.sales).toHaveLength(2);
      await page.click('#undo');
      await expect.poll(() => page.locator('#sales li').count()).toBe(1);
      await page.waitForTimeout(700);
      await page.click('#next');
      await expect.poll(() => page.locator('#now-title').textContent()).toBe('Snapback Hat');
      await page.close();
    } finally {
      await stopAll(s);
    }
  }, 60_000);

  it('without the token (or with a wrong one) the page is refused and nothing changes', async () => {
    const s = await served('token');
    try {
      const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(s.overlay.urls.producer.replace(/token=.*/, 'token=not-the-token'));
      await expect.poll(() => page.locator('#now-title').textContent()).toBe('Vintage Band Tee');
      await page.click('#sale-whatnot');
      await expect.poll(() => page.locator('#message').textContent()).toMatch(/Refused/);
      const bare = await browser().newPage();
      await bare.goto(s.overlay.urls.producer.replace(/\?token=.*/, ''));
      await bare.waitForTimeout(300);
      await bare.click('#sale-tiktok');
      await expect.poll(() => bare.locator('#message').textContent()).toMatch(/Refused/);
      expect(s.show.current.sales).toHaveLength(0);
      await page.close();
      await bare.close();
    } finally {
      await stopAll(s);
    }
  }, 60_000);
});
