// npm run bench:overlay: commit-to-paint latency in Chromium while another process records 20
// sales/s, the overlay server's CPU with three overlays connected and nothing happening, and
// memory (server and page) over a time-compressed 4-hour show. Runs on dist/ and Debian's chromium.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openStore } from '../dist/adapters/store/database.js';
import { sellFrom, setupBenchShow } from './bench-show.js';

const arg = (name, def) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const seconds = arg('seconds', 30);
const idleSeconds = arg('idle', 20);
const dir = mkdtempSync(join(tmpdir(), 'lotcast-bench-overlay-'));

function setupShow(dbFile, id) {
  const store = openStore(dbFile);
  setupBenchShow(store, id);
  store.close();
}

function startServer(dbFile, id) {
  const child = fork(join(import.meta.dirname, 'overlay-server.js'), [dbFile, id, dir], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) => new Promise((resolve) => child.once('message', (m) => m.type === type && resolve(m)));
  const usage = () => {
    const answer = next('usage');
    child.send('usage');
    return answer;
  };
  return { child, ready: next('ready'), usage };
}

// Records when each new ticker line reaches a frame (the animation frame after the DOM change).
const PAINT_PROBE = () => {
  window.__paints = [];
  new MutationObserver((muts) => {
    const ids = [];
    for (const m of muts) for (const n of m.addedNodes) if (n.dataset?.id) ids.push(n.dataset.id);
    if (ids.length)
      requestAnimationFrame((ts) => {
        for (const id of ids) window.__paints.push([id, performance.timeOrigin + ts]);
      });
  }).observe(document, { subtree: true, childList: true });
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

// -- 1. commit to paint under 20 sales/s, three overlays open --
const db1 = join(dir, 'latency.db');
setupShow(db1, 'bench');
const server = startServer(db1, 'bench');
const { port } = await server.ready;
const pages = [];
for (const [path, w, h] of [
  ['ticker', 1080, 1920],
  ['lot', 1080, 1920],
  ['all', 1920, 1080],
]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.addInitScript(PAINT_PROBE);
  await page.goto(`http://127.0.0.1:${port}/overlay/${path}`);
  pages.push(page);
}
await pages[0].waitForSelector('#lot:not([hidden]), #stage', { state: 'attached' });
await new Promise((r) => setTimeout(r, 1000));
const commits = await sellFrom(db1, 'bench', 20, seconds);
await new Promise((r) => setTimeout(r, 1000));
const painted = new Map(await pages[0].evaluate(() => window.__paints));
const latencies = commits
  .filter(([id]) => painted.has(id))
  .map(([id, t]) => painted.get(id) - t)
  .sort((a, b) => a - b);
console.log(
  `commit (another process) -> painted in Chromium, ${commits.length} sales at 20/s over ${seconds} s, 3 overlays open:`,
);
console.log(
  `  p50 ${pct(latencies, 50).toFixed(1)} ms  p95 ${pct(latencies, 95).toFixed(1)} ms  max ${latencies.at(-1)?.toFixed(1)} ms  (target p95 <= 250 ms); ${commits.length - latencies.length} sales never painted`,
);

// -- 2. the server's CPU with three overlays connected and nothing happening --
await new Promise((r) => setTimeout(r, 1000));
const u0 = await server.usage();
await new Promise((r) => setTimeout(r, idleSeconds * 1000));
const u1 = await server.usage();
const cpuMs = (u1.cpu.user + u1.cpu.system - u0.cpu.user - u0.cpu.system) / 1000;
console.log(
  `idle: overlay server (live show + 3 event streams) ${((cpuMs / (u1.at - u0.at)) * 100).toFixed(2)}% of a core over ${idleSeconds} s; RSS ${(u1.mem.rss / 2 ** 20).toFixed(0)} MB`,
);
for (const p of pages) await p.close();
server.child.send('stop');
await new Promise((r) => server.child.on('exit', r));

// -- 3. memory over a time-compressed 4-hour show (240 lots x 20 sales, 250 events/s) --
const db2 = join(dir, 'show.db');
setupShow(db2, 'sim');
const sim = startServer(db2, 'sim');
const sp = await sim.ready;
const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
await page.goto(`http://127.0.0.1:${sp.port}/overlay/all`);
const producer = await browser.newPage({ viewport: { width: 390, height: 844 } });
await producer.goto(sp.producer);
const cdp = await page.context().newCDPSession(page);
const pageHeap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
};
await new Promise((r) => setTimeout(r, 1000));
const before = { server: (await sim.usage()).mem.heapUsed / 2 ** 20, page: await pageHeap() };
const samples = [];
const selling = sellFrom(db2, 'sim', 250, 60, 'show');
const sampler = setInterval(async () => samples.push((await sim.usage()).mem.heapUsed / 2 ** 20), 5000);
const done = await selling;
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 1500));
const after = { server: (await sim.usage()).mem.heapUsed / 2 ** 20, page: await pageHeap() };
const shownId = await page.evaluate(() => document.body.dataset.eventId);
console.log(
  `4-hour show compressed: ${done.length} sales + 240 lot changes; overlay server JS heap ${before.server.toFixed(1)} MB -> ${after.server.toFixed(1)} MB (samples ${samples.map((s) => s.toFixed(1)).join(', ')}); /overlay/all page JS heap ${before.page.toFixed(1)} MB -> ${after.page.toFixed(1)} MB; page at event ${shownId}`,
);
sim.child.send('stop');
await new Promise((r) => sim.child.on('exit', r));
await browser.close();
rmSync(dir, { recursive: true, force: true });
