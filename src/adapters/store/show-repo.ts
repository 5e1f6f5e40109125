import type { Channel } from '../../core/channel-types.js';
import { NotFoundError, UsageError } from '../../core/errors.js';
import type { PlanDocument, ShowStatus } from '../../core/show/plan-types.js';
import type { Store } from './database.js';

export interface ShowRecord {
  id: string;
  name: string;
  status: ShowStatus;
  startAt: string | null;
  durationS: number;
  channels: Channel[];
  plan: PlanDocument;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

interface ShowRow {
  id: string;
  name: string;
  status: string;
  start_at: string | null;
  duration_s: number;
  channels: string;
  plan: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

function toRecord(r: ShowRow): ShowRecord {
  return {
    id: r.id,
    name: r.name,
    status: r.status as ShowStatus,
    startAt: r.start_at,
    durationS: r.duration_s,
    channels: JSON.parse(r.channels) as Channel[],
    plan: JSON.parse(r.plan) as PlanDocument,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

/** Shows and their plans. The journal (show_events) has its own repository. */
export class ShowRepo {
  constructor(private readonly store: Store) {}

  insert(plan: PlanDocument, now: string): ShowRecord {
    const s = plan.show;
    this.store.run(
      `INSERT INTO shows (id, name, status, start_at, duration_s, channels, plan, created_at, updated_at)
       VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?)`,
      s.id,
      s.name,
      s.startAt,
      s.durationS,
      JSON.stringify(s.channels),
      JSON.stringify(plan),
      now,
      now,
    );
    return this.require(s.id);
  }

  get(id: string): ShowRecord | undefined {
    const r = this.store.get<ShowRow>('SELECT * FROM shows WHERE id = ?', id);
    return r ? toRecord(r) : undefined;
  }

  /** By id, or by exact name when unique; a clear usage error otherwise. */
  require(idOrName: string): ShowRecord {
    const byId = this.get(idOrName);
    if (byId) return byId;
    const byName = this.store.all<ShowRow>('SELECT * FROM shows WHERE name = ? ORDER BY created_at DESC', idOrName);
    if (byName.length === 1) return toRecord(byName[0]!);
    if (byName.length > 1) {
      throw new UsageError(`More than one show is named "${idOrName}".`, {
        hint: `Use the show id instead: ${byName.map((r) => r.id).join(', ')}.`,
      });
    }
    throw new NotFoundError(`No show "${idOrName}".`, { hint: 'Run `lotcast show list` to see show ids.' });
  }

  list(): ShowRecord[] {
    return this.store.all<ShowRow>('SELECT * FROM shows ORDER BY created_at DESC, id').map(toRecord);
  }

  updatePlan(id: string, plan: PlanDocument, now: string): void {
    this.store.run(
      'UPDATE shows SET plan = ?, name = ?, start_at = ?, duration_s = ?, channels = ?, updated_at = ? WHERE id = ?',
      JSON.stringify(plan),
      plan.show.name,
      plan.show.startAt,
      plan.show.durationS,
      JSON.stringify(plan.show.channels),
      now,
      id,
    );
  }

  setStatus(id: string, status: ShowStatus, now: string): void {
    this.store.run(
      `UPDATE shows SET status = ?, updated_at = ?, closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END WHERE id = ?`,
      status,
      now,
      status,
      now,
      id,
    );
  }
}
