// npm run bench:plan: plans a show from 10,000 items (target: under 1 s on this machine).
import { makeItem } from '../dist/core/inventory/item.js';
import { planShow } from '../dist/core/plan/planner.js';
import { DEFAULT_PROFILE } from '../dist/core/plan/profile.js';
import { DEFAULT_TALKING_POINTS } from '../dist/core/plan/talking-points.js';

const n = Number(process.argv[2] ?? 10_000);
const cats = ['Clothing', 'Shoes', 'Trading Cards', 'Home', 'Toys', 'Jewelry', 'Bags', 'Media'];
const items = Array.from({ length: n }, (_, i) =>
  makeItem({
    sku: `S${i}`,
    title: `Vintage item ${i}`,
    priceCents: 300 + ((i * 7919) % 30000),
    quantity: 1 + (i % 4 === 0 ? i % 7 : 0),
    category: cats[i % cats.length],
    brand: `Brand ${i % 50}`,
    size: 'M',
    condition: 'Good',
    tags: i % 97 === 0 ? ['giveaway'] : [],
  }),
);
for (const [label, durationS] of [
  ['2h show', 7200],
  ['10,000 items all fitting (500 h)', 1_800_000],
]) {
  for (const strategy of ['hook', 'category-blocks', 'price-ascending', 'as-listed']) {
    const t0 = process.hrtime.bigint();
    const doc = planShow({
      id: 'bench',
      name: 'Bench',
      startAt: null,
      durationS,
      channels: ['whatnot', 'tiktok'],
      items,
      profile: DEFAULT_PROFILE,
      strategy,
      seed: 1,
      talkingPointsTemplate: DEFAULT_TALKING_POINTS,
      createdAt: 'now',
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(
      `${n.toLocaleString('en-US')} items, ${label}, ${strategy.padEnd(15)} ${ms.toFixed(0).padStart(5)} ms  (${doc.summary.lotCount} lots, ${doc.carried.length} carried)`,
    );
  }
}
