import type { Item } from '../inventory/item.js';
import { seededRandom, shuffle } from './random.js';

export type Strategy = 'hook' | 'category-blocks' | 'price-ascending' | 'as-listed';
export const STRATEGIES: readonly Strategy[] = ['hook', 'category-blocks', 'price-ascending', 'as-listed'];

const price = (i: Item) => i.priceCents ?? 0;

/** Orders the lots. Every strategy is deterministic for a given seed. */
export function orderLots(items: Item[], strategy: Strategy, seed: number): Item[] {
  const rnd = seededRandom(seed);
  switch (strategy) {
    case 'as-listed':
      return [...items];
    case 'price-ascending':
      return [...items].sort((a, b) => price(a) - price(b));
    case 'category-blocks': {
      // Blocks in order of first appearance; within a block, value mixed like the hook.
      const blocks = new Map<string, Item[]>();
      for (const i of items) blocks.set(i.category || 'Other', [...(blocks.get(i.category || 'Other') ?? []), i]);
      return [...blocks.values()].flatMap((b) => mixHighLow(b, rnd));
    }
    default:
      return hook(items, rnd);
  }
}

/**
 * A strong item in the first minutes, then high and low value alternating so attention never
 * dips, avoiding the same category twice in a row where possible.
 */
function hook(items: Item[], rnd: () => number): Item[] {
  if (items.length === 0) return [];
  const byValue = [...items].sort((a, b) => price(b) - price(a));
  const [star, ...rest] = byValue;
  const mixed = mixHighLow(rest, rnd);
  // Spread categories: greedily take the next item whose category differs from the last.
  const out: Item[] = [star!];
  const pool = [...mixed];
  while (pool.length > 0) {
    const last = out[out.length - 1]!;
    const idx = pool.findIndex((i, k) => k < 3 && i.category !== last.category);
    out.push(pool.splice(Math.max(idx, 0), 1)[0]!);
  }
  return out;
}

function mixHighLow(items: Item[], rnd: () => number): Item[] {
  const sorted = [...items].sort((a, b) => price(b) - price(a));
  const half = Math.ceil(sorted.length / 2);
  const high = shuffle(sorted.slice(0, half), rnd);
  const low = shuffle(sorted.slice(half), rnd);
  const out: Item[] = [];
  for (let i = 0; i < Math.max(high.length, low.length); i++) {
    if (high[i]) out.push(high[i]!);
    if (low[i]) out.push(low[i]!);
  }
  return out;
}
