// npm run bench:insights: a history of 200 closed shows of 100 sales each, played through
// lotcast's own live-show service on a scripted clock into a real store, then `lotcast insights`
// and `lotcast buyers` timed as whole processes (target: under 1 s). Runs on dist/.
// Options: --shows=200 --sales=100 --runs=7 --keep (leave the data folder and print it),
// --dir=PATH (time an existing data folder, e.g. a kept one, without building a history).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../dist/adapters/store/database.js';
import { ItemRepo } from '../dist/adapters/store/item-repo.js';
import { ShowRepo } from '../dist/adapters/store/show-repo.js';
import { makeItem } from '../dist/core/inventory/item.js';
import { planShow } from '../dist/core/plan/planner.js';
import { DEFAULT_PROFILE } from '../dist/core/plan/profile.js';
import { DEFAULT_TALKING_POINTS } from '../dist/core/plan/talking-points.js';
import { LiveShow } from '../dist/services/live-show.js';
import { closeShow } from '../dist/services/show-report.js';

const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const SHOWS = arg('shows', 200);
const SALES = arg('sales', 100);
const RUNS = arg('runs', 7);
const keep = process.argv.includes('--keep');
const given = process.argv.find((a) => a.startsWith('--dir='))?.slice(6);
const dir = given ?? mkdtempSync(join(tmpdir(), 'lotcast-bench-insights-'));
const dbFile = join(dir, 'lotcast.db');

const cats = ['Clothing', 'Shoes', 'Trading Cards', 'Home', 'Toys', 'Jewelry', 'Coins', 'Media'];
const LOTS = Math.round(SALES * 1.2);
const ITEMS = SHOWS * 30 + LOTS;
const items = Array.from({ length: ITEMS }, (_, i) =>
  makeItem({
    sku: `S${i}`,
    title: `Vintage item ${i}`,
    priceCents: 300 + ((i * 7919) % 20000),
    // One item in ten has no cost on file: profit must say so.
    costCents: i % 10 === 0 ? null : 100 + ((i * 104729) % 4000),
    // Deep enough that no sale oversells: every one of the 100 sales per show counts.
    quantity: 10,
    category: cats[i % cats.length],
    brand: `Brand ${i % 40}`,
    location: `${String.fromCharCode(65 + (i % 8))}${i % 30}`,
  }),
);

if (!given) buildHistory();

function buildHistory() {
  const t0 = performance.now();
  const store = openStore(dbFile);
  new ItemRepo(store).put(items);
  const shows = new ShowRepo(store);
  const profile = { ...DEFAULT_PROFILE, flashSales: { ...DEFAULT_PROFILE.flashSales, count: 0 } };
  let sold = 0;
  for (let s = 0; s < SHOWS; s++) {
    // Shows every day or two at 23:00-03:00 UTC; each offers a window of items that overlaps the last.
    const start = Date.parse('2025-01-06T23:00:00.000Z') + Math.floor(s * 1.5) * 86_400_000 + (s % 5) * 3_600_000;
    const lots = items.slice(s * 30, s * 30 + LOTS);
    const id = `b${String(s).padStart(3, '0')}`;
    const plan = planShow({
      id,
      name: `Bench show ${s}`,
      startAt: new Date(start).toISOString(),
      durationS: 4 * 3600,
      channels: ['whatnot', 'tiktok'],
      items: lots,
      profile,
      strategy: 'as-listed',
      seed: s + 1,
      talkingPointsTemplate: DEFAULT_TALKING_POINTS,
      createdAt: new Date(start - 86_400_000).toISOString(),
    });
    shows.insert(plan, new Date(start - 86_400_000).toISOString());
    let now = start;
    const live = LiveShow.open(store, id, { source: 'cli', clock: () => now });
    live.start();
    const planned = plan.segments.filter((g) => g.kind === 'lot' && g.sku);
    for (let k = 0; k < SALES; k++) {
      now = start + (k + 1) * 90_000;
      const seg = planned[k % planned.length];
      const channel = k % 3 === 0 ? 'tiktok' : 'whatnot';
      live.sale({
        channel,
        sku: seg.sku,
        priceCents: Math.max(100, Math.round((seg.prices?.tiktok?.priceCents ?? 1000) * (0.6 + ((k * 37) % 80) / 100))),
        buyer: `${channel === 'tiktok' ? 'tt_user_' : '@buyer'}${(s * 13 + k * 7) % 600}`,
        quantity: 1,
      });
      sold++;
    }
    now = start + (SALES + 2) * 90_000;
    live.end();
    closeShow(store, id, { now: new Date(now).toISOString() });
  }
  store.close();
  const buildS = (performance.now() - t0) / 1000;
  console.log(
    `history: ${SHOWS} closed shows, ${sold} sales, ${ITEMS} items, built through the live-show service in ${buildS.toFixed(1)} s`,
  );
}

function time(args, runCount = RUNS) {
  const runs = [];
  const cpu = [];
  let rssKb = 0;
  let bytes = 0;
  for (let i = 0; i < runCount; i++) {
    const started = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, 'bin/lotcast.js', ...args], {
      env: { ...process.env, LOTCAST_DATA_DIR: dir, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    runs.push(performance.now() - started);
    if (r.status !== 0) throw new Error(`lotcast ${args.join(' ')} failed: ${r.stderr}`);
    const [user, sys, rss] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    cpu.push((user + sys) * 1000);
    rssKb = Math.max(rssKb, rss);
    bytes = r.stdout.length;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const s = (ms) => (ms / 1000).toFixed(3);
  const med = median(runs);
  console.log(
    `  lotcast ${args.join(' ').padEnd(52)} wall median ${s(med)} s (min ${s(Math.min(...runs))})  CPU median ${s(median(cpu))} s  peak RSS ${(rssKb / 1024).toFixed(0)} MB  output ${(bytes / 1024).toFixed(0)} KB${Math.min(...runs) < 1000 ? '' : '  OVER 1 s'}`,
  );
}

const load = (await import('node:os')).loadavg()[0];
console.log(
  `whole process (node start, store open, read, compute, render, exit); ${RUNS} runs each; load average ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores:`,
);
time(['--version']);
time(['insights', '--tz', 'America/New_York']);
time(['insights', '--format', 'json', '--tz', 'America/New_York']);
time(['insights', '--format', 'html', '--tz', 'America/New_York']);
time(['insights', '--format', 'csv', '--tz', 'America/New_York']);
time(['buyers', '--format', 'csv']);
// Cold: a store whose shows were closed before summaries existed computes them once (then saves them).
{
  const store = openStore(dbFile);
  store.run('DELETE FROM show_summaries');
  store.close();
  console.log(
    'once, on a store without summaries (shows closed by an older lotcast): computed from the journals, then saved:',
  );
  time(['insights', '--format', 'json', '--tz', 'America/New_York'], 1);
  console.log('and the next run, from the saved summaries:');
  time(['insights', '--format', 'json', '--tz', 'America/New_York'], 1);
}
if (keep || given) console.log(`data folder kept: LOTCAST_DATA_DIR=${dir}`);
else rmSync(dir, { recursive: true, force: true });
