import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, NotFoundError, StateError } from '../core/errors.js';
import { summarizeShow } from '../core/insights/facts.js';
import { replay } from '../core/live/reducer.js';
import { validateFeeTable, type FeeTable } from '../core/report/fees.js';
import { buildPicklist, type PickBuyer } from '../core/report/picklist.js';
import { buildReport, type ItemInfo, type ShowReport } from '../core/report/report.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { JournalRepo } from '../adapters/store/journal-repo.js';
import { ShowRepo, type ShowRecord } from '../adapters/store/show-repo.js';
import { SummaryRepo } from '../adapters/store/summary-repo.js';
import { templatesDir } from '../adapters/templates.js';
import { otherShowSales } from './show-summaries.js';

export function loadFeeTable(file?: string): { table: FeeTable; source: string } {
  const path = file ?? join(templatesDir(), 'fees.json');
  if (!existsSync(path))
    throw new NotFoundError(`No fee table at ${path}.`, { hint: `Start from ${join(templatesDir(), 'fees.json')}.` });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON: ${(err as Error).message}`, {
      hint: 'Fix the file or pass another with --fees.',
    });
  }
  const { table, problems } = validateFeeTable(raw);
  if (!table)
    throw new ConfigError(`${path}: ${problems.join('; ')}.`, {
      hint: `Compare with ${join(templatesDir(), 'fees.json')}.`,
    });
  return { table, source: file ? path : 'lotcast default fee table (templates/fees.json)' };
}

function itemInfo(store: Store, show: ShowRecord): Record<string, ItemInfo> {
  const repo = new ItemRepo(store);
  const skus = new Set([
    ...show.plan.segments.flatMap((s) => (s.sku ? [s.sku] : [])),
    ...show.plan.carried.map((c) => c.sku),
  ]);
  for (const e of new JournalRepo(store).events(show.id)) if (e.type === 'sale.recorded') skus.add(e.sku);
  const out: Record<string, ItemInfo> = {};
  for (const sku of skus) {
    const i = repo.get(sku);
    if (i) out[sku] = { title: i.title, category: i.category, location: i.location };
  }
  return out;
}

export function showReport(store: Store, ref: string, feesFile?: string): ShowReport {
  const show = new ShowRepo(store).require(ref);
  const { table, source } = loadFeeTable(feesFile);
  return buildReport(show.plan, new JournalRepo(store).events(show.id), itemInfo(store, show), table, source);
}

/**
 * What to pack: this show's buyers, each order with its ship-by day (the fee and rules table's
 * handling time), and the same buyer's orders from other shows inside the channel's
 * combined-shipping window in the same package.
 */
export function showPicklist(
  store: Store,
  ref: string,
  opts: { timeZone: string; now: string; feesFile?: string },
): { show: ShowRecord; buyers: PickBuyer[] } {
  const show = new ShowRepo(store).require(ref);
  const state = replay(show.plan, new JournalRepo(store).events(show.id));
  const { table } = loadFeeTable(opts.feesFile);
  // Only this show's buyers can have orders to combine.
  const buyers = new Set(state.sales.map((s) => `${s.channel}\u0000${s.buyer?.trim().toLowerCase()}`));
  const others = otherShowSales(store, show.id, opts.now).filter((o) =>
    buyers.has(`${o.channel}\u0000${o.buyer?.trim().toLowerCase()}`),
  );
  const items = itemInfo(store, show);
  const repo = new ItemRepo(store);
  for (const o of others)
    if (!items[o.sku]) {
      const i = repo.get(o.sku);
      if (i) items[o.sku] = { title: i.title, category: i.category, location: i.location };
    }
  const showAt = state.startedAt ?? show.plan.show.startAt ?? show.plan.createdAt;
  return {
    show,
    buyers: buildPicklist(state.sales, items, { table, timeZone: opts.timeZone, showAt, others }),
  };
}

export interface CloseResult {
  showId: string;
  alreadyClosed: boolean;
  unsold: Array<{ sku: string; quantity: number }>;
  soldUnits: number;
}

/**
 * Ends a show for good: status closed, sold quantities final (no more undo or sales), unsold
 * items released for the next show. The live ledger already moved items.quantity, so
 * inventory holds exactly the unsold stock. A second close is a no-op that says so.
 */
export function closeShow(store: Store, ref: string, opts: { force?: boolean; now: string }): CloseResult {
  return store.transaction(() => {
    const shows = new ShowRepo(store);
    const show = shows.require(ref);
    const journal = new JournalRepo(store);
    const state = replay(show.plan, journal.events(show.id));
    const unsold = show.plan.segments
      .filter(
        (s) =>
          (s.kind === 'lot' || s.kind === 'flash-sale') &&
          s.sku &&
          !state.sales.some((x) => x.sku === s.sku && !x.oversell),
      )
      .map((s) => ({ sku: s.sku!, quantity: state.stock[s.sku!] ?? s.quantity ?? 1 }));
    const soldUnits = state.sales.filter((x) => !x.oversell).reduce((n, x) => n + x.quantity, 0);
    if (show.status === 'closed') return { showId: show.id, alreadyClosed: true, unsold, soldUnits };
    if (show.status === 'live' && !state.ended) {
      if (!opts.force)
        throw new StateError(`Show ${show.id} is still live.`, {
          hint: `End it in the dashboard (q), or close it anyway with \`lotcast show close ${show.id} --force\`.`,
        });
      journal.append(show.id, { type: 'show.ended' }, 'cli', opts.now);
    }
    shows.setStatus(show.id, 'closed', opts.now);
    // Closed shows never change: insights reads this summary instead of replaying the journal.
    const events = journal.events(show.id);
    const summary = summarizeShow(show.plan, events);
    if (summary) new SummaryRepo(store).put(show.id, events.at(-1)?.id ?? 0, summary, opts.now);
    return { showId: show.id, alreadyClosed: false, unsold, soldUnits };
  });
}
