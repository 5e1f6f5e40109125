import type { StatementSync } from 'node:sqlite';
import type { ShowEvent, ShowEventBody, ShowEventSource } from '../../core/show/events.js';
import type { Store } from './database.js';

interface EventRow {
  id: number;
  show_id: string;
  at: string;
  type: string;
  payload: string;
  source: string;
}

function toEvent(r: EventRow): ShowEvent {
  return {
    ...(JSON.parse(r.payload) as object),
    type: r.type,
    id: r.id,
    showId: r.show_id,
    at: r.at,
    source: r.source,
  } as ShowEvent;
}

/** The live show's append-only journal (table show_events). */
export class JournalRepo {
  private readonly since: StatementSync;
  private readonly insert: StatementSync;
  private readonly byDedupe: StatementSync;

  constructor(private readonly store: Store) {
    this.since = store.db.prepare('SELECT * FROM show_events WHERE show_id = ? AND id > ? ORDER BY id');
    this.insert = store.db.prepare(
      'INSERT INTO show_events (show_id, at, type, payload, source, dedupe_key) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    );
    this.byDedupe = store.db.prepare('SELECT id FROM show_events WHERE show_id = ? AND dedupe_key = ?');
  }

  events(showId: string, afterId = 0): ShowEvent[] {
    return (this.since.all(showId, afterId) as unknown as EventRow[]).map(toEvent);
  }

  hasDedupeKey(showId: string, key: string): boolean {
    return this.byDedupe.get(showId, key) !== undefined;
  }

  /** Appends one event; call inside the transaction that also updates stock. */
  append(
    showId: string,
    body: ShowEventBody,
    source: ShowEventSource,
    at: string,
    dedupeKey: string | null = null,
  ): ShowEvent {
    const { type, ...payload } = body;
    const row = this.insert.get(showId, at, type, JSON.stringify(payload), source, dedupeKey) as { id: number };
    return { ...body, id: row.id, showId, at, source } as ShowEvent;
  }

  /** Moves items.quantity by the ledger's change, in the same transaction as the event. */
  adjustStock(sku: string, delta: number): void {
    this.store.run(
      'UPDATE items SET quantity = MAX(0, quantity + ?), updated_at = updated_at WHERE sku = ?',
      delta,
      sku,
    );
  }
}
