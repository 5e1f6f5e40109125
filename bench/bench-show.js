// What bench/live.js and bench/overlay.js share: the show they run, and another process
// recording sales on it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ItemRepo } from '../dist/adapters/store/item-repo.js';
import { ShowRepo } from '../dist/adapters/store/show-repo.js';
import { makeItem } from '../dist/core/inventory/item.js';
import { planShow } from '../dist/core/plan/planner.js';
import { DEFAULT_PROFILE } from '../dist/core/plan/profile.js';
import { DEFAULT_TALKING_POINTS } from '../dist/core/plan/talking-points.js';

/** A 4-hour show of 200 items planned in `store`; returns the plan. */
export function setupBenchShow(store, id) {
  const items = [
    makeItem({ sku: 'DEEP', title: 'Deep stock packs', quantity: 1_000_000, priceCents: 900 }),
    ...Array.from({ length: 200 }, (_, i) =>
      makeItem({ sku: `S${i}`, title: `Item ${i}`, priceCents: 1000 + i, category: 'X' }),
    ),
  ];
  new ItemRepo(store).put(items);
  // DEEP is sold by the other process but not planned: a deep bin the assistant rings up.
  const plan = planShow({
    id,
    name: 'Bench',
    startAt: null,
    durationS: 4 * 3600,
    channels: ['whatnot', 'tiktok'],
    items: items.slice(1),
    profile: { ...DEFAULT_PROFILE, flashSales: { ...DEFAULT_PROFILE.flashSales, count: 0 } },
    strategy: 'as-listed',
    seed: 1,
    talkingPointsTemplate: DEFAULT_TALKING_POINTS,
    createdAt: new Date().toISOString(),
  });
  new ShowRepo(store).insert(plan, new Date().toISOString());
  return plan;
}

/**
 * Another process (bench/seller.js) records `rate` sales a second of DEEP for `secs` seconds
 * ("show" mode: 20 sales then the next lot, 240 times). Resolves with [saleId, commit wall-clock ms]
 * for each sale once it has ended.
 */
export function sellFrom(dbFile, id, rate, secs, mode = '') {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'seller.js'), dbFile, id, String(rate), String(secs), mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve) =>
    child.on('exit', () =>
      resolve(
        out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(' '))
          .map(([saleId, t]) => [saleId, Number(t)]),
      ),
    ),
  );
}
