import { formatCents as dollars } from '../money.js';
import type { HistoryItem } from './facts.js';

export type StaleSuggestion =
  | { kind: 'lower-start'; startCents: number; reason: string }
  | { kind: 'bundle'; reason: string }
  | { kind: 'giveaway'; reason: string };

/** An item still in stock that was offered in `showsOffered` shows and sold in none. */
export interface StaleItem {
  sku: string;
  title: string;
  category: string;
  quantity: number;
  showsOffered: number;
  lastOfferedAt: string;
  listedCents: number | null;
  costCents: number | null;
  suggestion: StaleSuggestion;
}

export interface LotOffers {
  sku: string;
  showsOffered: number;
  unitsSold: number;
  lastOfferedAt: string;
}

/** Cheap items that keep coming back are worth more as a giveaway that grows the room. */
const GIVEAWAY_MAX_LISTED_CENTS = 1000;
const GIVEAWAY_MAX_COST_CENTS = 500;

/**
 * Stale stock and what to try, cheapest change first: a lower start (never below the cost or
 * $1, and no higher than what its category sells for on average), a giveaway for a cheap item
 * that has come back again and again, a bundle when the price cannot come down.
 */
export function staleStock(
  lots: LotOffers[],
  items: ReadonlyMap<string, HistoryItem>,
  staleAfter: number,
  categoryAvgSaleCents: ReadonlyMap<string, number>,
): StaleItem[] {
  const out: StaleItem[] = [];
  for (const lot of lots) {
    const item = items.get(lot.sku);
    if (!item || item.quantity <= 0 || lot.unitsSold > 0 || lot.showsOffered < staleAfter) continue;
    out.push({
      sku: item.sku,
      title: item.title,
      category: item.category,
      quantity: item.quantity,
      showsOffered: lot.showsOffered,
      lastOfferedAt: lot.lastOfferedAt,
      listedCents: item.priceCents,
      costCents: item.costCents,
      suggestion: suggest(
        item,
        lot.showsOffered,
        staleAfter,
        categoryAvgSaleCents.get((item.category.trim() || '(none)').toLowerCase()),
      ),
    });
  }
  return out.sort((a, b) => b.showsOffered - a.showsOffered || a.sku.localeCompare(b.sku));
}

export function suggest(
  item: HistoryItem,
  showsOffered: number,
  staleAfter: number,
  categoryAvgCents: number | undefined,
): StaleSuggestion {
  const listed = item.priceCents;
  const cost = item.costCents;
  const unsold = `unsold in ${showsOffered} shows`;
  if (
    listed !== null &&
    listed <= GIVEAWAY_MAX_LISTED_CENTS &&
    (cost ?? 0) <= GIVEAWAY_MAX_COST_CENTS &&
    showsOffered > staleAfter
  )
    return {
      kind: 'giveaway',
      reason: `${unsold} at ${dollars(listed)}; as a giveaway it costs ${cost === null ? 'little (no cost on file)' : dollars(cost)} and brings buyers in`,
    };
  if (listed === null)
    return { kind: 'bundle', reason: `${unsold} with no listed price: bundle it with a seller in its category` };
  const target = Math.min(listed * 0.7, categoryAvgCents ?? Number.POSITIVE_INFINITY);
  const start = Math.max(cost ?? 0, 100, Math.floor(target / 100) * 100);
  if (start < listed)
    return {
      kind: 'lower-start',
      startCents: start,
      reason: `${unsold} at ${dollars(listed)}${categoryAvgCents !== undefined ? `; ${item.category || 'its category'} sells for ${dollars(categoryAvgCents)} on average` : ''}${cost !== null && start === cost ? '; not below its cost' : ''}`,
    };
  return {
    kind: 'bundle',
    reason: `${unsold}; its price cannot come down (cost ${cost === null ? 'unknown' : dollars(cost)}): bundle it with a seller in its category`,
  };
}
