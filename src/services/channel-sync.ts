import type { Channel, ChannelHealth, ChannelLink, LiveLedgerPort, StockEvent } from '../core/channel-types.js';

/**
 * During a show: pull orders from every connected platform into the one ledger, and when the
 * ledger sells an item out, zero its stock on the other platforms at once (restored when the
 * sale is undone or cancelled). Each platform runs on its own timers and queues, so a slow or
 * dead platform never holds up the dashboard or the other platform.
 */
export interface ChannelSyncOptions {
  pollMs: number;
  /** Redacts secrets from error text before it reaches the screen. */
  redact?: (text: string) => string;
  onLog?: (line: string) => void;
}

export interface RunningChannelSync {
  stop(): Promise<void>;
}

const SLOW_MS = 5_000;

export function startChannelSync(
  ledger: LiveLedgerPort,
  links: ChannelLink[],
  opts: ChannelSyncOptions,
): RunningChannelSync {
  const redact = opts.redact ?? ((t: string) => t);
  const log = opts.onLog ?? (() => {});
  let stopped = false;
  const workers = links.map((link) => new LinkWorker(link, ledger, opts.pollMs, redact, log));
  /** Which channels lotcast zeroed for a SKU, to restore exactly those. */
  const zeroed = new Map<string, Set<Channel>>();
  const offStock = ledger.onStockEvent((e: StockEvent) => {
    if (stopped) return;
    if (e.type === 'sold-out') {
      const set = zeroed.get(e.sku) ?? new Set<Channel>();
      for (const w of workers) {
        if (w.link.channel === e.soldOn) continue;
        set.add(w.link.channel);
        w.queueStock(e.sku, 0);
      }
      zeroed.set(e.sku, set);
    } else {
      const set = zeroed.get(e.sku);
      if (!set) return;
      for (const w of workers) if (set.has(w.link.channel)) w.queueStock(e.sku, e.quantity);
      zeroed.delete(e.sku);
    }
  });
  for (const w of workers) w.start();
  return {
    stop: async () => {
      stopped = true;
      offStock();
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}

class LinkWorker {
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | null = null;
  private readonly health: ChannelHealth;
  private readonly pendingStock = new Map<string, number>();
  private stockRunning: Promise<void> | null = null;
  private stopped = false;
  private failures = 0;

  constructor(
    readonly link: ChannelLink,
    private readonly ledger: LiveLedgerPort,
    private readonly pollMs: number,
    private readonly redact: (t: string) => string,
    private readonly log: (line: string) => void,
  ) {
    this.health = { channel: link.channel, state: 'ok', ordersSeen: 0 };
  }

  start(): void {
    this.ledger.reportChannelHealth({ ...this.health });
    const tick = () => {
      if (this.stopped) return;
      void this.pollOnce().finally(() => {
        if (this.stopped) return;
        // Back off while the platform is down, up to a minute between tries.
        const delay = this.failures ? Math.min(60_000, this.pollMs * 2 ** Math.min(this.failures, 5)) : this.pollMs;
        this.timer = setTimeout(tick, delay);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  private pollOnce(): Promise<void> {
    this.polling ??= this.pull().finally(() => (this.polling = null));
    return this.polling;
  }

  private async pull(): Promise<void> {
    const started = Date.now();
    try {
      const lines = await this.link.pullOrders();
      for (const line of lines) {
        const r = this.ledger.applyOrderLine(line);
        if (r === 'recorded') {
          this.health.ordersSeen++;
          this.log(`${line.channel} order ${line.orderId}: ${line.sku} x${line.quantity} to ${line.buyer}`);
        } else if (r === 'cancelled')
          this.log(`${line.channel} order ${line.orderId} cancelled: ${line.sku} back in stock`);
        else if (r === 'unknown-sku')
          this.log(`${line.channel} order ${line.orderId}: SKU ${line.sku} is not in lotcast's inventory (ignored)`);
      }
      this.failures = 0;
      this.setHealth(Date.now() - started > SLOW_MS ? 'slow' : 'ok', undefined);
    } catch (err) {
      this.failures++;
      this.setHealth('down', this.redact((err as Error).message));
    }
  }

  queueStock(sku: string, quantity: number): void {
    // Latest value wins: a restore queued behind a zero replaces it.
    this.pendingStock.set(sku, quantity);
    this.stockRunning ??= this.drainStock().finally(() => (this.stockRunning = null));
  }

  private async drainStock(): Promise<void> {
    let attempt = 0;
    while (this.pendingStock.size && !(this.stopped && attempt > 0)) {
      const [sku, qty] = this.pendingStock.entries().next().value as [string, number];
      this.pendingStock.delete(sku);
      try {
        await this.link.setStock(sku, qty);
        attempt = 0;
        this.log(`${this.link.channel} stock ${sku} set to ${qty}`);
      } catch (err) {
        attempt++;
        this.setHealth('down', `stock ${sku}: ${this.redact((err as Error).message)}`);
        if (!this.pendingStock.has(sku)) this.pendingStock.set(sku, qty);
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6))));
      }
    }
  }

  private setHealth(state: ChannelHealth['state'], lastError: string | undefined): void {
    if (state !== this.health.state || (lastError && lastError !== this.health.lastError))
      this.log(`${this.link.channel} ${state}${lastError ? `: ${lastError}` : ''}`);
    this.health.state = state;
    this.health.lastPollAt = new Date().toISOString();
    if (lastError) this.health.lastError = lastError;
    else delete this.health.lastError;
    this.ledger.reportChannelHealth({ ...this.health });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling?.catch(() => {});
    // Give queued stock changes a moment to land: the show is over, but a sold-out item must
    // not stay buyable on the other channel.
    await Promise.race([this.stockRunning ?? Promise.resolve(), new Promise((r) => setTimeout(r, 5_000))]);
  }
}
