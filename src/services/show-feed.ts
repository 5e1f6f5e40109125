import type { Store } from '../adapters/store/database.js';
import { NotFoundError, StateError, UsageError } from '../core/errors.js';
import { buildOverlayState, type BuyerDisplay } from '../core/overlay/overlay-state.js';
import type { ActionOutcome, OverlayFeedPort, ProducerAction } from '../core/overlay/producer-action.js';
import type { Clock } from './live-ledger.js';
import type { LiveShow } from './live-show.js';

export interface ShowFeedOptions {
  /** The show the screen reads (the dashboard's own LiveShow in `lotcast live`). */
  view: LiveShow;
  /** The same show opened with source 'producer': what the producer page's actions go through. */
  actor: LiveShow;
  store: Store;
  buyers?: BuyerDisplay;
  goalCents?: number | null;
  clock?: Clock;
  /** How often to look for commits by other processes (a `lotcast sale`, a second dashboard). */
  pollMs?: number;
}

/**
 * The live show as the overlays and the producer page see it. Changes made in this process
 * arrive through the show's subscribe; commits by any other process are noticed by polling
 * SQLite's data_version (one cheap pragma, no table read) and then read from the journal.
 */
export class ShowFeed implements OverlayFeedPort {
  private readonly listeners = new Set<(json: string) => void>();
  private readonly dataVersion;
  private lastDataVersion: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private off: (() => void) | null = null;
  private cached: { version: number; json: string } | null = null;
  private readonly seenRequests = new Set<string>();

  constructor(private readonly opts: ShowFeedOptions) {
    this.dataVersion = opts.store.db.prepare('PRAGMA data_version');
    this.lastDataVersion = this.readDataVersion();
  }

  start(): void {
    if (this.timer) return;
    this.off = this.opts.view.subscribe(() => this.broadcast());
    this.timer = setInterval(() => this.check(), this.opts.pollMs ?? 40);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.off?.();
    this.off = null;
    this.listeners.clear();
  }

  /** Catches up with other processes' commits now (also what the poll timer calls). */
  check(): void {
    const v = this.readDataVersion();
    if (v === this.lastDataVersion) return;
    this.lastDataVersion = v;
    try {
      this.opts.view.poll();
    } catch {
      // A busy store: the next tick tries again.
    }
  }

  stateJson(): string {
    return JSON.stringify(this.build());
  }

  subscribe(listener: (json: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  act(action: ProducerAction): ActionOutcome {
    const { view } = this.opts;
    try {
      this.check();
      const done = this.run(action);
      // The actor wrote on this process's connection: the view reads it now, not on the next poll.
      view.poll();
      return { status: 200, body: { ok: true, done: done.what, eventId: done.eventId } };
    } catch (err) {
      // The host's own mistakes and the show's moment (not live, no such item) are the producer's to see.
      if (err instanceof UsageError || err instanceof StateError || err instanceof NotFoundError)
        return { status: 409, body: { ok: false, error: err.message } };
      throw err;
    }
  }

  private run(action: ProducerAction): { what: string; eventId: number | null } {
    const { view, actor } = this.opts;
    const stale = (what: string) => ({ what: `${what}: already done (the show moved on)`, eventId: null });
    // The actor checks "live?" before its transaction catches up: bring it up to date first.
    actor.poll();
    switch (action.type) {
      case 'sale': {
        const onScreen = view.segment()?.sku ?? null;
        const event = actor.sale(
          {
            channel: action.channel,
            ...((action.sku ?? onScreen) ? { sku: (action.sku ?? onScreen)! } : {}),
            ...(action.buyer ? { buyer: action.buyer } : {}),
            ...(action.priceCents !== null ? { priceCents: action.priceCents } : {}),
          },
          `producer:${action.requestId}`,
        );
        return event ? { what: 'sale', eventId: event.id } : { what: 'sale: already recorded', eventId: null };
      }
      case 'next':
      case 'prev':
      case 'skip': {
        // Only from the segment the helper saw, checked inside the write: a double tap, a second
        // helper or the host's key in another process at the same instant moves the show once.
        const from = action.from;
        const moved =
          action.type === 'next' ? actor.next(from) : action.type === 'prev' ? actor.prev(from) : actor.skip(from);
        return moved ? { what: action.type, eventId: null } : stale(action.type);
      }
      case 'timer':
        actor.toggleTimer();
        return { what: 'timer', eventId: null };
      case 'undo': {
        const undone = actor.undo(action.target);
        return undone ? { what: 'undo', eventId: undone.id } : stale('undo');
      }
      case 'giveaway':
        if (this.seenRequests.has(action.requestId)) return { what: 'giveaway: already recorded', eventId: null };
        if (this.seenRequests.size > 500) this.seenRequests.clear();
        this.seenRequests.add(action.requestId);
        actor.giveaway(action.winner);
        return { what: 'giveaway', eventId: null };
    }
  }

  private readDataVersion(): number {
    return (this.dataVersion.get() as { data_version: number }).data_version;
  }

  private build() {
    const { view, buyers, goalCents } = this.opts;
    const snap = view.getSnapshot();
    return buildOverlayState({
      plan: snap.plan,
      state: snap.state,
      nowMs: (this.opts.clock ?? Date.now)(),
      buyers: buyers ?? 'full',
      goalCents: goalCents ?? null,
    });
  }

  private broadcast(): void {
    if (this.listeners.size === 0) return;
    const version = this.opts.view.getSnapshot().version;
    if (this.cached?.version !== version) this.cached = { version, json: this.stateJson() };
    for (const l of this.listeners) l(this.cached.json);
  }
}
