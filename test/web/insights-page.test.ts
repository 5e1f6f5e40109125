/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { scriptShow } from '../helpers/history.js';

const tmp = tempDir('lotcast-insights-page-');
const dataDir = join(tmp.dir, 'store');
const page = join(tmp.dir, 'insights.html');
let browser: Browser;

beforeAll(async () => {
  const csv = join(tmp.dir, 'inv.csv');
  // A title that would be markup if it reached the page unescaped.
  writeFileSync(
    csv,
    'SKU,Title,Qty,Price,Cost,Category\nA,"<img src=x onerror=""window.pwned=1"">Lamp",5,30,5,Home\nB,Tee,5,20,,Clothing\n',
  );
  expect((await runCli(['inventory', 'import', csv], { dataDir })).code).toBe(0);
  for (const [i, startAt] of [
    '2026-11-14T01:00:00.000Z',
    '2026-11-21T01:00:00.000Z',
    '2026-11-24T18:00:00.000Z',
  ].entries())
    scriptShow(join(dataDir, 'lotcast.db'), {
      id: `p${i}`,
      startAt,
      durationS: 3600,
      skus: ['A', 'B'],
      actions: [
        { atS: 60, sale: { channel: 'whatnot', sku: 'A', price: 30, buyer: '@jane' } },
        { atS: 1500, sale: { channel: 'tiktok', sku: 'B', price: 18, buyer: 'tt_1' } },
      ],
    });
  const r = await runCli(['insights', '--format', 'html', '--out', page, '--tz', 'America/New_York'], { dataDir });
  expect(r.code, r.stderr).toBe(0);
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

describe('insights HTML dashboard in Chromium', () => {
  it('draws its charts as inline SVG, loads nothing else, runs no seller text as markup, and prints', async () => {
    const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    p.on('request', (req) => requests.push(req.url()));
    await p.goto(pathToFileURL(page).href);
    expect(requests).toEqual([pathToFileURL(page).href]);
    const charts = await p.$$eval('svg.chart', (svgs) =>
      svgs.map((s) => ({ w: s.getBoundingClientRect().width, bars: s.querySelectorAll('rect').length })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const c of charts) {
      expect(c.w).toBeGreaterThan(300);
      expect(c.bars).toBeGreaterThan(0);
    }
    expect(await p.$$('img')).toHaveLength(0);
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await p.textContent('body')).toContain('<img src=x onerror="window.pwned=1">Lamp');
    await p.emulateMedia({ media: 'print' });
    const pdf = await p.pdf({ format: 'Letter' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await p.close();
  });
});
