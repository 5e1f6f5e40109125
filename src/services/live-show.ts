import { randomBytes } from 'node:crypto';
import type { Channel, ChannelHealth, LiveLedgerPort, OrderLine, StockEvent } from '../core/channel-types.js';
import { UsageError } from '../core/errors.js';
import { applyEvent, inventoryDeltas, replay, stockTransitions } from '../core/live/reducer.js';
import type { LiveState } from '../core/live/state.js';
import type { ShowEvent, ShowEventBody, ShowEventSource } from '../core/show/events.js';
import type { PlanDocument, PlanSegment } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { JournalRepo } from '../adapters/store/journal-repo.js';
import { ShowRepo } from '../adapters/store/show-repo.js';

export interface LiveSnapshot {
  plan: PlanDocument;
  state: LiveState;
  /** Latest events, newest last (the dashboard's feed). */
  recent: ShowEvent[];
  channelHealth: Partial<Record<Channel, ChannelHealth>>;
  version: number;
}

export interface SaleInput {
  channel: Channel;
  sku?: string;
  priceCents?: number;
  buyer?: string | null;
  quantity?: number;
  orderId?: string;
  lineId?: string;
}

export type Clock = () => number;

/** What an action decides inside its transaction: one event, several (applied in order), or nothing. */
type Build = () => ShowEventBody | ShowEventBody[] | null;

/**
 * One live show: every action is one SQLite transaction that catches up with events other
 * processes wrote, appends the event, and moves items.quantity with the ledger; only after
 * the commit do subscribers (the screen) see it. Implements LiveLedgerPort for channel sync.
 */
export class LiveShow implements LiveLedgerPort {
  private state: LiveState;
  /** The latest events only (the feed); undo re-reads the whole journal, so memory stays flat. */
  private events: ShowEvent[];
  private readonly journal: JournalRepo;
  private readonly listeners = new Set<() => void>();
  private readonly stockListeners = new Set<(e: StockEvent) => void>();
  private snapshot: LiveSnapshot;
  private health: Partial<Record<Channel, ChannelHealth>> = {};
  private version = 0;

  private constructor(
    private readonly store: Store,
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

  static open(
    store: Store,
    showRef: string,
    opts: { source?: ShowEventSource; clock?: Clock; readOnly?: boolean } = {},
  ): LiveShow {
    const show = new ShowRepo(store).require(showRef);
    if (show.status === 'closed' && !opts.readOnly)
      throw new UsageError(`Show ${show.id} is closed.`, { hint: 'Plan a new show with `lotcast show plan`.' });
    return new LiveShow(store, show.plan, opts.source ?? 'dashboard', opts.clock ?? Date.now);
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

  segment(index = this.state.cursor): PlanSegment | undefined {
    return this.plan.segments[index];
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

  // -- actions --
  start(): void {
    if (this.state.started) return;
    this.commit(() => {
      if (this.state.started) return null;
      const items = new ItemRepo(this.store);
      const stock: Record<string, number> = {};
      for (const s of this.plan.segments) if (s.sku) stock[s.sku] = items.get(s.sku)?.quantity ?? 0;
      new ShowRepo(this.store).setStatus(this.plan.show.id, 'live', this.iso());
      return { type: 'show.started', stock };
    });
  }

  next(): void {
    this.requireLive();
    this.commit(() =>
      this.state.cursor + 1 < this.plan.segments.length
        ? { type: 'cursor.moved', index: this.state.cursor + 1, from: this.state.cursor }
        : null,
    );
  }

  prev(): void {
    this.requireLive();
    this.commit(() =>
      this.state.cursor > 0 ? { type: 'cursor.moved', index: this.state.cursor - 1, from: this.state.cursor } : null,
    );
  }

  toggleTimer(): void {
    this.requireLive();
    this.commit(() => ({ type: this.state.timer.running ? 'timer.paused' : 'timer.started' }));
  }

  sale(input: SaleInput, dedupeKey: string | null = null): ShowEvent | null {
    this.requireLive();
    return this.commit(() => {
      const seg = this.segment();
      const sku = input.sku ?? seg?.sku;
      if (!sku)
        throw new UsageError(`Nothing to sell on screen (${seg?.label ?? 'no segment'} is ${seg?.kind ?? 'empty'}).`, {
          hint: 'Move to a lot with n, or name the item with --sku.',
        });
      const planned = this.plan.segments.find((s) => s.sku === sku && s.kind !== 'giveaway');
      const item = sku in this.state.stock ? undefined : new ItemRepo(this.store).get(sku);
      if (!(sku in this.state.stock) && !item)
        throw new UsageError(`No item with SKU ${sku}.`, {
          hint: 'Check the SKU with `lotcast inventory list --sku ...`.',
        });
      const priceCents =
        input.priceCents ??
        (seg?.sku === sku ? seg.prices?.[input.channel]?.priceCents : undefined) ??
        planned?.prices?.[input.channel]?.priceCents ??
        item?.priceCents ??
        0;
      return {
        type: 'sale.recorded',
        saleId: newSaleId(),
        sku,
        channel: input.channel,
        priceCents,
        quantity: input.quantity ?? 1,
        buyer: input.buyer ?? null,
        segmentIndex: this.state.cursor,
        oversell: (this.state.stock[sku] ?? item?.quantity ?? 0) < (input.quantity ?? 1),
        ...(input.orderId ? { orderId: input.orderId } : {}),
        ...(input.lineId ? { lineId: input.lineId } : {}),
        ...(item ? { knownStock: item.quantity } : {}),
      };
    }, dedupeKey);
  }

  /** The `b` key: buyer and/or final price for the last sale. */
  amendLastSale(change: { buyer?: string; priceCents?: number }): void {
    this.requireLive();
    this.commit(() => {
      const last = this.state.sales.at(-1);
      if (!last) throw new UsageError('No sale to amend yet.');
      return { type: 'sale.amended', saleId: last.saleId, ...change };
    });
  }

  undo(): ShowEvent | null {
    this.requireLive();
    return this.commit(() => {
      const target = this.state.undoable.at(-1);
      return target === undefined ? null : { type: 'action.undone', eventId: target };
    });
  }

  giveaway(winner: string | null = null, channel: Channel | null = null): void {
    this.requireLive();
    this.commit(() => {
      const seg = this.segment();
      return {
        type: 'giveaway.recorded',
        sku: seg?.kind === 'giveaway' ? (seg.sku ?? null) : null,
        channel,
        winner,
        segmentIndex: this.state.cursor,
      };
    });
  }

  /** Skips the current lot (its stock stays in inventory) and moves on, in one transaction. */
  skip(): void {
    this.requireLive();
    this.commit(() => {
      const at = this.state.cursor;
      const skipped: ShowEventBody = { type: 'lot.skipped', index: at, sku: this.segment()?.sku ?? null };
      return at + 1 < this.plan.segments.length
        ? [skipped, { type: 'cursor.moved', index: at + 1, from: at }]
        : skipped;
    });
  }

  toggleDestination(name: string): void {
    this.requireLive();
    this.commit(() => ({ type: 'destination.toggled', name, enabled: !(this.state.destinations[name] ?? true) }));
  }

  end(): void {
    if (this.state.ended) return;
    this.commit(() => {
      if (this.state.ended) return null;
      new ShowRepo(this.store).setStatus(this.plan.show.id, 'ended', this.iso());
      return { type: 'show.ended' };
    });
  }

  // -- LiveLedgerPort --
  applyOrderLine(line: OrderLine): 'recorded' | 'duplicate' | 'cancelled' | 'unknown-sku' {
    const key = `${line.channel}:${line.orderId}:${line.lineId}`;
    if (line.status === 'cancelled') {
      const sale = this.state.sales.find(
        (s) => s.channel === line.channel && s.orderId === line.orderId && s.lineId === line.lineId,
      );
      if (!sale) return 'duplicate';
      this.commit(
        () => ({ type: 'sale.cancelled', saleId: sale.saleId, reason: `cancelled on ${line.channel}` }),
        `${key}:cancel`,
      );
      return 'cancelled';
    }
    if (this.journal.hasDedupeKey(this.plan.show.id, key)) return 'duplicate';
    if (!(line.sku in this.state.stock) && !new ItemRepo(this.store).get(line.sku)) return 'unknown-sku';
    const e = this.sale(
      {
        channel: line.channel,
        sku: line.sku,
        priceCents: line.priceCents,
        buyer: line.buyer,
        quantity: line.quantity,
        orderId: line.orderId,
        lineId: line.lineId,
      },
      key,
    );
    return e ? 'recorded' : 'duplicate';
  }

  stockOf(sku: string): number | undefined {
    return this.state.stock[sku];
  }

  onStockEvent(listener: (e: StockEvent) => void): () => void {
    this.stockListeners.add(listener);
    return () => this.stockListeners.delete(listener);
  }

  reportChannelHealth(h: ChannelHealth): void {
    this.health = { ...this.health, [h.channel]: h };
    this.publish();
  }

  // -- internals --
  private requireLive(): void {
    if (!this.state.started)
      throw new UsageError(`Show ${this.plan.show.id} has not started.`, {
        hint: `Start it with \`lotcast live ${this.plan.show.id}\`.`,
      });
    if (this.state.ended)
      throw new UsageError(`Show ${this.plan.show.id} has ended.`, { hint: 'See `lotcast report` for the results.' });
  }

  private iso(): string {
    return new Date(this.clock()).toISOString();
  }

  /**
   * One transaction: catch up, decide (build may throw or return null for "nothing to do"),
   * append, move stock. Subscribers hear about it after the commit. If anything fails, the
   * commit included (a full disk), memory goes back to exactly what the store holds: the
   * screen never shows what was not saved, and the next action starts from the truth.
   */
  private commit(build: Build, dedupeKey: string | null = null): ShowEvent | null {
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

const RECENT = 50;

function newSaleId(): string {
  return `s_${randomBytes(6).toString('hex')}`;
}
