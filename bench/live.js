// npm run bench:live: key press to updated frame while another process records 20 sales/s,
// CPU of an idle live show, and memory over a simulated 4-hour show. Runs on dist/.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink';
import { openStore } from '../dist/adapters/store/database.js';
import { LiveShow } from '../dist/services/live-show.js';
import { LiveApp } from '../dist/ui/live-ink.js';
import { sellFrom, setupBenchShow } from './bench-show.js';

const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 60);
const dir = mkdtempSync(join(tmpdir(), 'lotcast-bench-live-'));
const dbFile = join(dir, 'lotcast.db');

class Stdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  writes = [];
  write = (s) => {
    this.writes.push({ t: performance.now(), s });
    if (this.writes.length > 1000) this.writes.splice(0, 500);
    this.emit('frame', s);
    return true;
  };
}
class Stdin extends EventEmitter {
  isTTY = true;
  data = null;
  write(d) {
    this.data = d;
    this.emit('readable');
    this.emit('data', d);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

// -- 1. key to frame under 20 sales/s from another process --
const store = openStore(dbFile);
const plan = setupBenchShow(store, 'bench');
const show = LiveShow.open(store, 'bench');
show.start();
const stdout = new Stdout();
const stdin = new Stdin();
const app = render(createElement(LiveApp, { show, destinations: [], pollMs: 250, onEnd: () => {} }), {
  stdout,
  stdin,
  stderr: new Stdout(),
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: 30,
});
await new Promise((r) => setTimeout(r, 500));
const selling = sellFrom(dbFile, 'bench', 20, seconds);
const latencies = [];
let timeouts = 0;
const t0 = Date.now();
let k = 0;
while (Date.now() - t0 < seconds * 1000) {
  const forward = k % 8 < 4;
  const label = plan.segments[show.current.cursor + (forward ? 1 : -1)]?.label;
  const start = performance.now();
  const seen = new Promise((resolve) => {
    const on = (s) => {
      if (s.includes(`NOW ${label}`)) {
        stdout.off('frame', on);
        resolve(performance.now() - start);
      }
    };
    stdout.on('frame', on);
    setTimeout(() => {
      stdout.off('frame', on);
      resolve(null);
    }, 2000);
    if (process.env.DEBUG_BENCH)
      setTimeout(() => console.log('waiting for', label, JSON.stringify(stdout.writes.at(-1)?.s.slice(0, 300))), 1900);
  });
  stdin.write(forward ? 'n' : 'p');
  const ms = await seen;
  if (ms !== null) latencies.push(ms);
  else timeouts++;
  k++;
  await new Promise((r) => setTimeout(r, 150));
}
const sold = (await selling).length;

show.poll();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
console.log(
  `key press -> updated frame, ${latencies.length} presses over ${seconds} s while another process recorded ${sold} sales (${(sold / seconds).toFixed(1)}/s):`,
);
console.log(
  `  p50 ${pct(50).toFixed(1)} ms  p95 ${pct(95).toFixed(1)} ms  max ${latencies.at(-1)?.toFixed(1)} ms  (target p95 <= 50 ms); dashboard saw ${show.current.sales.length} sales; ${timeouts} presses with no frame within 2 s`,
);

// -- 2. CPU while idle on a live show --
await new Promise((r) => setTimeout(r, 1000));
const idleS = Math.min(10, seconds);
const c0 = process.cpuUsage();
const w0 = performance.now();
await new Promise((r) => setTimeout(r, idleS * 1000));
const c = process.cpuUsage(c0);
const wall = performance.now() - w0;
console.log(
  `idle live show: ${(((c.user + c.system) / 1000 / wall) * 100).toFixed(2)}% of a core over ${idleS} s (target <= 2%)`,
);
app.unmount();
store.close();

// -- 3. memory over a simulated 4-hour show (events replayed fast, fake clock) --
const store2 = openStore(join(dir, 'sim.db'));
setupBenchShow(store2, 'sim');
let fake = Date.parse('2026-11-22T19:00:00Z');
const sim = LiveShow.open(store2, 'sim', { clock: () => fake });
sim.start();
const heap = [];
for (let minute = 0; minute < 240; minute++) {
  for (let i = 0; i < 20; i++) {
    fake += 3000;
    sim.sale({ channel: i % 2 ? 'tiktok' : 'whatnot', sku: 'DEEP', buyer: `b${minute}-${i}` });
    if (i === 10) sim.amendLastSale({ priceCents: 1200 });
  }
  sim.next();
  if (minute % 60 === 59) {
    globalThis.gc?.();
    heap.push(process.memoryUsage().heapUsed / 2 ** 20);
  }
}
console.log(
  `simulated 4-hour show: ${sim.current.sales.length} sales, ${sim.current.lastEventId} events; JS heap after each hour: ${heap.map((h) => `${h.toFixed(1)} MB`).join(', ')}; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
);
store2.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
