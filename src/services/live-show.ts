import { randomBytes } from 'node:crypto';
import type { Channel, LiveLedgerPort, OrderLine } from '../core/channel-types.js';
import { NotFoundError, StateError, UsageError } from '../core/errors.js';
import type { ShowEvent, ShowEventBody, ShowEventSource } from '../core/show/events.js';
import type { PlanSegment } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { ShowRepo } from '../adapters/store/show-repo.js';
import { type Clock, LiveLedger } from './live-ledger.js';

export interface SaleInput {
  channel: Channel;
  sku?: string;
  priceCents?: number;
  buyer?: string | null;
  quantity?: number;
  orderId?: string;
  lineId?: string;
}

/**
 * One live show: the host's actions (and channel sync's orders) on the ledger. Every action is
 * one commit (LiveLedger): catch up with other processes, append, move items.quantity, then
 * show; a failed write changes nothing. Implements LiveLedgerPort for channel sync.
 */
export class LiveShow extends LiveLedger implements LiveLedgerPort {
  static open(
    store: Store,
    showRef: string,
    opts: { source?: ShowEventSource; clock?: Clock; readOnly?: boolean } = {},
  ): LiveShow {
    const show = new ShowRepo(store).require(showRef);
    if (show.status === 'closed' && !opts.readOnly)
      throw new StateError(`Show ${show.id} is closed.`, { hint: 'Plan a new show with `lotcast show plan`.' });
    return new LiveShow(store, show.plan, opts.source ?? 'dashboard', opts.clock ?? Date.now);
  }

  segment(index = this.state.cursor): PlanSegment | undefined {
    return this.plan.segments[index];
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

  /** To the next segment; with `from`, only if the show is still there (see atCursor). */
  next(from?: number): boolean {
    this.requireLive();
    return this.atCursor(from, () =>
      this.state.cursor + 1 < this.plan.segments.length
        ? { type: 'cursor.moved', index: this.state.cursor + 1, from: this.state.cursor }
        : null,
    );
  }

  prev(from?: number): boolean {
    this.requireLive();
    return this.atCursor(from, () =>
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
        throw new NotFoundError(`No item with SKU ${sku}.`, {
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

  /**
   * Undoes the latest undoable action; with `expected`, only if that is still the one (checked
   * inside the write, like atCursor): null when there was nothing to undo or it changed.
   */
  undo(expected?: number): ShowEvent | null {
    this.requireLive();
    return this.commit(() => {
      const target = this.state.undoable.at(-1);
      if (target === undefined || (expected !== undefined && target !== expected)) return null;
      return { type: 'action.undone', eventId: target };
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
  skip(from?: number): boolean {
    this.requireLive();
    return this.atCursor(from, () => {
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

  // -- internals --
  /**
   * A move decided by someone who saw segment `from` (a helper's button, pressed as another
   * process moves the show): compared with the cursor inside the write transaction, after it has
   * caught up with every other process, so the check and the move are one step and a move by
   * another process in between is never moved past. False when the show was no longer at `from`.
   */
  private atCursor(from: number | undefined, build: () => ShowEventBody | ShowEventBody[] | null): boolean {
    let still = true;
    this.commit(() => {
      still = from === undefined || this.state.cursor === from;
      return still ? build() : null;
    });
    return still;
  }

  private requireLive(): void {
    if (!this.state.started)
      throw new StateError(`Show ${this.plan.show.id} has not started.`, {
        hint: `Start it with \`lotcast live ${this.plan.show.id}\`.`,
      });
    if (this.state.ended)
      throw new StateError(`Show ${this.plan.show.id} has ended.`, { hint: 'See `lotcast report` for the results.' });
  }
}

function newSaleId(): string {
  return `s_${randomBytes(6).toString('hex')}`;
}
