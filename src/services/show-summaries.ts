import { SUMMARY_VERSION, summarizeShow, type ShowSummary } from '../core/insights/facts.js';
import { replay } from '../core/live/reducer.js';
import type { OtherShowSale } from '../core/report/picklist.js';
import type { Store } from '../adapters/store/database.js';
import { JournalRepo } from '../adapters/store/journal-repo.js';
import { ShowRepo } from '../adapters/store/show-repo.js';
import { SummaryRepo } from '../adapters/store/summary-repo.js';

/**
 * Every closed show with its summary (what it sold), read from the store; one missing or out of
 * date (a show closed before summaries existed) is computed from its plan and journal and saved
 * for next time, when the store is free. Shows that never went live are left out.
 */
export function closedShowSummaries(
  store: Store,
  now: string,
): Array<{ id: string; name: string; summary: ShowSummary }> {
  const rows = new SummaryRepo(store).closedShows(SUMMARY_VERSION);
  const fresh: Array<{ id: string; lastEventId: number; summary: ShowSummary }> = [];
  const out: Array<{ id: string; name: string; summary: ShowSummary }> = [];
  for (const r of rows) {
    let summary = r.summary;
    if (!summary) {
      const show = new ShowRepo(store).get(r.id);
      summary = show ? summarizeShow(show.plan, new JournalRepo(store).events(r.id)) : null;
      if (summary) fresh.push({ id: r.id, lastEventId: r.lastEventId, summary });
    }
    if (summary) out.push({ id: r.id, name: r.name, summary });
  }
  if (fresh.length) saveSummaries(store, fresh, now);
  return out;
}

function saveSummaries(
  store: Store,
  fresh: Array<{ id: string; lastEventId: number; summary: ShowSummary }>,
  now: string,
): void {
  try {
    const repo = new SummaryRepo(store);
    store.transaction(() => {
      for (const f of fresh) repo.put(f.id, f.lastEventId, f.summary, now);
    });
  } catch {
    // A busy store (a live show writing) only means the summaries are computed again next time.
  }
}

/** Sales of every other show that went live (closed ones from their summaries), for combined shipping. */
export function otherShowSales(store: Store, exceptId: string, now: string): OtherShowSale[] {
  const out: OtherShowSale[] = [];
  for (const s of closedShowSummaries(store, now))
    if (s.id !== exceptId) for (const x of s.summary.sales) out.push({ ...x, showId: s.id, oversell: false });
  const shows = new ShowRepo(store);
  const journal = new JournalRepo(store);
  for (const { id } of store.all<{ id: string }>(
    "SELECT id FROM shows WHERE status IN ('live', 'ended') AND id != ?",
    exceptId,
  )) {
    const show = shows.get(id);
    if (!show) continue;
    for (const x of replay(show.plan, journal.events(id)).sales) out.push({ ...x, showId: id });
  }
  return out;
}
