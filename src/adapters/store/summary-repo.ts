import type { ShowSummary } from '../../core/insights/facts.js';
import type { Store } from './database.js';

export interface ClosedShowRow {
  id: string;
  name: string;
  /** The newest journal event of the show (0 when it has none). */
  lastEventId: number;
  /** The stored summary when it is current for that journal and version, else null. */
  summary: ShowSummary | null;
}

/** Closed shows with their stored summaries (table show_summaries). */
export class SummaryRepo {
  constructor(private readonly store: Store) {}

  closedShows(version: number): ClosedShowRow[] {
    const rows = this.store.all<{
      id: string;
      name: string;
      last_event_id: number | null;
      summary: string | null;
      s_version: number | null;
      s_last: number | null;
    }>(
      `SELECT s.id, s.name,
         (SELECT MAX(e.id) FROM show_events e WHERE e.show_id = s.id) AS last_event_id,
         m.summary, m.version AS s_version, m.last_event_id AS s_last
       FROM shows s LEFT JOIN show_summaries m ON m.show_id = s.id
       WHERE s.status = 'closed' ORDER BY s.created_at, s.id`,
    );
    return rows.map((r) => {
      const last = r.last_event_id ?? 0;
      const current = r.summary !== null && r.s_version === version && r.s_last === last;
      return {
        id: r.id,
        name: r.name,
        lastEventId: last,
        summary: current ? (JSON.parse(r.summary!) as ShowSummary) : null,
      };
    });
  }

  put(showId: string, lastEventId: number, summary: ShowSummary, now: string): void {
    this.store.run(
      `INSERT INTO show_summaries (show_id, version, last_event_id, summary, computed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(show_id) DO UPDATE SET version = excluded.version, last_event_id = excluded.last_event_id,
         summary = excluded.summary, computed_at = excluded.computed_at`,
      showId,
      summary.version,
      lastEventId,
      JSON.stringify(summary),
      now,
    );
  }
}
