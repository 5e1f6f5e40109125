// Child process for bench/live.js: records `rate` sales per second on a live show for `seconds`.
import { openStore } from '../dist/adapters/store/database.js';
import { LiveShow } from '../dist/services/live-show.js';

const [dbFile, showId, rate, seconds] = process.argv.slice(2);
const store = openStore(dbFile);
const show = LiveShow.open(store, showId, { source: 'cli' });
const every = 1000 / Number(rate);
const until = Date.now() + Number(seconds) * 1000;
let n = 0;
const t0 = Date.now();
while (Date.now() < until) {
  show.sale({ channel: n % 2 ? 'tiktok' : 'whatnot', sku: 'DEEP', buyer: `buyer${n}` });
  n++;
  const wait = t0 + n * every - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
process.stdout.write(`${n}\n`);
store.close();
