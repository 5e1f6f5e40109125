// npm run docs:overlay: renders /overlay/all in Chromium over a frame of the demo feed (as OBS
// would composite it) and the producer page on a phone, into docs/. Needs ffmpeg and chromium.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { prepareDemo, startDemoBuyers } from '../dist/services/demo.js';
import { startShowOverlay } from '../dist/services/show-overlay.js';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'lotcast-shot-'));
const frame = join(dir, 'frame.png');
execFileSync('ffmpeg', [
  '-v',
  'error',
  '-y',
  '-ss',
  '5',
  '-i',
  join(root, 'templates', 'demo-feed.flv'),
  '-frames:v',
  '1',
  '-vf',
  'scale=1080:1920',
  frame,
]);
const { store, show } = await prepareDemo(join(dir, 'demo'), new Date().toISOString());
const overlay = await startShowOverlay({
  store,
  show,
  dataDir: dir,
  port: 0,
  lan: false,
  goalCents: 150_000,
  buyers: 'short',
});
const stop = startDemoBuyers(show, { stepMs: 300 });
await new Promise((r) => setTimeout(r, 4500));
stop();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
mkdirSync(join(root, 'docs'), { recursive: true });
const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 0.5 });
await page.goto(overlay.urls.overlays.all);
await page.waitForSelector('#lot:not([hidden])');
// The page itself stays transparent; the feed frame stands in for OBS's video under it.
const png = readFileSync(frame).toString('base64');
await page.addStyleTag({ content: `html { background: url(data:image/png;base64,${png}) center / cover; }` });
await page.waitForTimeout(700);
await page.screenshot({ path: join(root, 'docs', 'overlay-vertical.png') });
const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
await phone.goto(overlay.urls.producer);
await phone.waitForTimeout(700);
await phone.screenshot({ path: join(root, 'docs', 'producer-phone.png') });
await browser.close();
await overlay.stop();
store.close();
rmSync(dir, { recursive: true, force: true });
console.log('wrote docs/overlay-vertical.png and docs/producer-phone.png');
