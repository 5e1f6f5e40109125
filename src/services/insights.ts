import { buyerRoster, type BuyerRoster } from '../core/insights/buyers.js';
import { showFacts, type HistoryItem, type ShowFacts } from '../core/insights/facts.js';
import { buildInsights, filterFacts, type Insights, type InsightsFilter } from '../core/insights/insights.js';
import { whenToGoLive, type WhenToGoLive } from '../core/insights/timing.js';
import { formatCents } from '../core/money.js';
import type { ForwardLot } from '../core/plan/pricing.js';
import type { Store } from '../adapters/store/database.js';
import { loadFeeTable } from './show-report.js';
import { closedShowSummaries } from './show-summaries.js';

export interface InsightsRequest {
  filter: InsightsFilter;
  timeZone: string;
  staleAfter?: number;
  minShows?: number;
  feesFile?: string;
  /** ISO time, recorded with summaries computed on the way. */
  now: string;
}

interface History {
  facts: ShowFacts[];
  items: Map<string, HistoryItem>;
  feesSource: string;
}

/** Items by SKU with just what insights reads (one query, no JSON columns parsed). */
function historyItems(store: Store): Map<string, HistoryItem> {
  const rows = store.all<{
    sku: string;
    title: string;
    category: string;
    brand: string;
    price_cents: number | null;
    cost_cents: number | null;
    quantity: number;
  }>('SELECT sku, title, category, brand, price_cents, cost_cents, quantity FROM items');
  return new Map(
    rows.map((r) => [
      r.sku,
      {
        sku: r.sku,
        title: r.title,
        category: r.category,
        brand: r.brand,
        priceCents: r.price_cents,
        costCents: r.cost_cents,
        quantity: r.quantity,
      },
    ]),
  );
}

/** Closed shows as facts, with the fee table the report uses (or the seller's own). */
function loadHistory(store: Store, now: string, feesFile?: string): History {
  const { table, source } = loadFeeTable(feesFile);
  const items = historyItems(store);
  const facts = closedShowSummaries(store, now).map((r) => showFacts(r.id, r.name, r.summary, items, table));
  return { facts, items, feesSource: source };
}

/** `lotcast insights`: profit, what sells, when to go live and who buys, over closed shows. */
export function showInsights(store: Store, req: InsightsRequest): Insights {
  const h = loadHistory(store, req.now, req.feesFile);
  return buildInsights(h.facts, h.items, {
    filter: req.filter,
    timeZone: req.timeZone,
    staleAfter: req.staleAfter ?? 2,
    minShows: req.minShows ?? 3,
    feesSource: h.feesSource,
  });
}

/** `lotcast buyers`: the whole roster over the closed shows the filter keeps. */
export function listBuyers(store: Store, filter: InsightsFilter, now: string): BuyerRoster & { shows: number } {
  const h = loadHistory(store, now);
  const shows = filterFacts(h.facts, h.items, filter);
  return { ...buyerRoster(shows), shows: shows.length };
}

/**
 * Stale stock as lots to bring forward in the next plan (`show plan --stale-first`): most shows
 * unsold first, with the suggested lower start where there is one and the suggestion for the host.
 */
export function staleLotsForPlan(store: Store, now: string, staleAfter = 2): ForwardLot[] {
  const h = loadHistory(store, now);
  const { stale } = buildInsights(h.facts, h.items, {
    filter: {},
    timeZone: 'UTC',
    staleAfter,
    minShows: 3,
    feesSource: h.feesSource,
  });
  return stale.map((s) => ({
    sku: s.sku,
    ...(s.suggestion.kind === 'lower-start' ? { startCents: s.suggestion.startCents } : {}),
    note: `Stale: ${s.suggestion.reason}. Try ${s.suggestion.kind === 'lower-start' ? `a lower start (${formatCents(s.suggestion.startCents)})` : `a ${s.suggestion.kind}`}.`,
  }));
}
/**
 * The best-paying start from the history (`show plan --suggest-start`): the best weekday and hour
 * with `minShows` shows behind it, or else the best there is, flagged as thin.
 */
export function suggestStart(
  store: Store,
  opts: { timeZone: string; now: string; minShows: number },
): { best: WhenToGoLive['best']; thin: WhenToGoLive['best']; shows: number; minShows: number } {
  const h = loadHistory(store, opts.now);
  const w = whenToGoLive(h.facts, opts.timeZone, opts.minShows);
  const thin = w.best
    ? null
    : ([...w.byWeekdayHour]
        .filter((c) => c.grossPerHourCents !== null)
        .sort((a, b) => b.grossPerHourCents! - a.grossPerHourCents! || b.shows - a.shows)[0] ?? null);
  return { best: w.best, thin, shows: h.facts.length, minShows: opts.minShows };
}
