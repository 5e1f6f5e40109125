// Child process for bench/live.js and bench/overlay.js (through sellFrom in bench-show.js):
// records sales on a live show from its own connection, as `lotcast sale` would. Prints "saleId commitMs" per sale (commitMs: wall clock, ms, after
// the commit). Mode "show": a time-compressed 4-hour show (20 sales then the next lot, 240 times).
import { openStore } from '../dist/adapters/store/database.js';
import { LiveShow } from '../dist/services/live-show.js';

const [dbFile, showId, rate, seconds, mode] = process.argv.slice(2);
const store = openStore(dbFile);
const show = LiveShow.open(store, showId, { source: 'cli' });
const every = 1000 / Number(rate);
const until = Date.now() + Number(seconds) * 1000;
const total = mode === 'show' ? 240 * 21 : Number.POSITIVE_INFINITY;
const out = [];
let n = 0;
const t0 = Date.now();
while (Date.now() < until && n < total) {
  if (mode === 'show' && n % 21 === 20) show.next();
  else {
    const e = show.sale({ channel: n % 2 ? 'tiktok' : 'whatnot', sku: 'DEEP', buyer: `@buyer${n}` });
    out.push(`${e.saleId} ${(performance.timeOrigin + performance.now()).toFixed(2)}`);
  }
  n++;
  const wait = t0 + n * every - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
process.stdout.write(`${out.join('\n')}\n`);
store.close();
