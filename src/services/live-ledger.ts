import type { Channel, ChannelHealth, StockEvent } from '../core/channel-types.js';
import { applyEvent, inventoryDeltas, replay, stockTransitions } from '../core/live/reducer.js';
import type { LiveState } from '../core/live/state.js';
import type { ShowEvent, ShowEventBody, ShowEventSource } from '../core/show/events.js';
import type { PlanDocument } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { JournalRepo } from '../adapters/store/journal-repo.js';

export interface LiveSnapshot {
  plan: PlanDocument;
  state: LiveState;
  /** Latest events, newest last (the dashboard's feed). */
  recent: ShowEvent[];
  channelHealth: Partial<Record<Channel, ChannelHealth>>;
  version: number;
}

export type Clock = () => number;

/** What an action decides inside its transaction: one event, several (applied in order), or nothing. */
type Build = () => ShowEventBody | ShowEventBody[] | null;

const RECENT = 50;

/**
 * The ledger under a live show (LiveShow adds the host's actions): the state replayed from the
 * journal, the one way to change it (commit: a transaction that catches up with other
 * processes, appends, moves items.quantity, and only then tells subscribers), and the
 * subscribe/getSnapshot store the screens read.
 */
export abstract class LiveLedger {
  protected state: LiveState;
  /** The latest events only (the feed); undo re-reads the whole journal, so memory stays flat. */
  private events: ShowEvent[];
  protected readonly journal: JournalRepo;
  private readonly listeners = new Set<() => void>();
  private readonly stockListeners = new Set<(e: StockEvent) => void>();
  private snapshot: LiveSnapshot;
  private health: Partial<Record<Channel, ChannelHealth>> = {};
  private version = 0;

  protected constructor(
    protected readonly store: Store,
    readonly plan: PlanDocument,
    private readonly source: ShowEventSource,
    private readonly clock: Clock,
  ) {
    this.journal = new JournalRepo(store);
    const all = this.journal.events(plan.show.id);
    this.state = replay(plan, all);
    this.events = all.slice(-RECENT);
    this.snapshot = this.makeSnapshot();
  }

  // -- store (subscribe / getSnapshot) for Ink's useSyncExternalStore and any other view --
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): LiveSnapshot => this.snapshot;

  get current(): LiveState {
    return this.state;
  }

  /** Picks up events other processes wrote (a `lotcast sale` in another terminal). */
  poll(): number {
    const fresh = this.journal.events(this.plan.show.id, this.state.lastEventId);
    if (fresh.length > 0) this.absorb(fresh);
    return fresh.length;
  }

  /**
   * For a screen: wait at most `ms` for another process's write lock, so a long import never
   * freezes the dashboard; the screen's KeyQueue retries the key instead of refusing it.
   */
  waitForStoreAtMost(ms: number): void {
    this.store.setBusyTimeout(ms);
  }

  onStockEvent(listener: (e: StockEvent) => void): () => void {
    this.stockListeners.add(listener);
    return () => this.stockListeners.delete(listener);
  }

  reportChannelHealth(h: ChannelHealth): void {
    this.health = { ...this.health, [h.channel]: h };
    this.publish();
  }

  protected iso(): string {
    return new Date(this.clock()).toISOString();
  }

  /**
   * One transaction: catch up, decide (build may throw or return null for "nothing to do"),
   * append, move stock. Subscribers hear about it after the commit. If anything fails, the
   * commit included (a full disk), memory goes back to exactly what the store holds: the
   * screen never shows what was not saved, and the next action starts from the truth.
   */
  protected commit(build: Build, dedupeKey: string | null = null): ShowEvent | null {
    const before = this.state;
    const recentBefore = this.events;
    this.events = [...recentBefore];
    let appended: ShowEvent | null;
    try {
      appended = this.transact(build, dedupeKey);
    } catch (err) {
      this.state = before;
      this.events = recentBefore;
      throw err;
    }
    if (appended || this.state !== before) this.afterChange(before);
    return appended;
  }

  private transact(build: Build, dedupeKey: string | null): ShowEvent | null {
    return this.store.transaction(() => {
      const fresh = this.journal.events(this.plan.show.id, this.state.lastEventId);
      if (fresh.length) this.absorb(fresh, false);
      if (dedupeKey && this.journal.hasDedupeKey(this.plan.show.id, dedupeKey)) return null;
      const built = build();
      if (!built) return null;
      let event: ShowEvent | null = null;
      for (const body of Array.isArray(built) ? built : [built]) {
        event = this.journal.append(this.plan.show.id, body, this.source, this.iso(), event ? null : dedupeKey);
        const prev = this.state;
        const nextState =
          event.type === 'action.undone'
            ? replay(this.plan, this.journal.events(this.plan.show.id))
            : applyEvent(this.plan, prev, event);
        for (const d of inventoryDeltas(prev, nextState)) this.journal.adjustStock(d.sku, d.delta);
        this.remember([event]);
        this.state = nextState;
      }
      return event;
    });
  }

  private absorb(fresh: ShowEvent[], notify = true): void {
    const before = this.state;
    this.remember(fresh);
    this.state = fresh.some((e) => e.type === 'action.undone')
      ? replay(this.plan, this.journal.events(this.plan.show.id))
      : fresh.reduce((s, e) => applyEvent(this.plan, s, e), this.state);
    if (notify) this.afterChange(before);
  }

  private afterChange(before: LiveState): void {
    const at = this.iso();
    for (const t of stockTransitions(before, this.state)) {
      let e: StockEvent | null = null;
      if (t.from > 0 && t.to === 0) {
        const last = [...this.state.sales].reverse().find((s) => s.sku === t.sku);
        e = { type: 'sold-out', sku: t.sku, soldOn: last?.channel ?? 'manual', at };
      } else if (t.from === 0 && t.to > 0) e = { type: 'restocked', sku: t.sku, quantity: t.to, at };
      if (e) for (const l of this.stockListeners) l(e);
    }
    this.publish();
  }

  private remember(events: ShowEvent[]): void {
    this.events.push(...events);
    if (this.events.length > RECENT * 2) this.events = this.events.slice(-RECENT);
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private makeSnapshot(): LiveSnapshot {
    return {
      plan: this.plan,
      state: this.state,
      recent: this.events.slice(-RECENT),
      channelHealth: this.health,
      version: ++this.version,
    };
  }
}
