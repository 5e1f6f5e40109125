import type { Channel } from '../../src/core/channel-types.js';
import { openStore } from '../../src/adapters/store/database.js';
import { LiveShow } from '../../src/services/live-show.js';
import { planAndSaveShow } from '../../src/services/show-plan.js';
import { closeShow } from '../../src/services/show-report.js';

export type ScriptedAction =
  | { atS: number; sale: { channel: Channel; sku: string; price?: number; buyer?: string; quantity?: number } }
  | { atS: number; undo: true }
  | { atS: number; giveaway: { winner: string; channel: Channel } };

/**
 * A show played through lotcast's own services on a scripted clock, into a real store file:
 * planned from inventory, taken live, sold, ended and closed at the given times, exactly as the
 * dashboard would record them. The history for insights and its benchmark.
 */
export function scriptShow(
  dbFile: string,
  show: {
    id: string;
    startAt: string;
    durationS: number;
    skus: string[];
    actions: ScriptedAction[];
    channels?: Channel[];
  },
): void {
  const store = openStore(dbFile);
  try {
    const t0 = Date.parse(show.startAt);
    let now = t0;
    planAndSaveShow(store, {
      id: show.id,
      name: `Scripted ${show.id}`,
      startAt: show.startAt,
      durationS: show.durationS,
      channels: show.channels ?? ['whatnot', 'tiktok'],
      profile: 'standard',
      strategy: 'as-listed',
      seed: 1,
      filter: { skus: show.skus },
      now: new Date(t0 - 86_400_000).toISOString(),
    });
    const live = LiveShow.open(store, show.id, { source: 'cli', clock: () => now });
    live.start();
    for (const a of show.actions) {
      now = t0 + a.atS * 1000;
      if ('sale' in a)
        live.sale({
          channel: a.sale.channel,
          sku: a.sale.sku,
          quantity: a.sale.quantity ?? 1,
          ...(a.sale.price !== undefined ? { priceCents: Math.round(a.sale.price * 100) } : {}),
          ...(a.sale.buyer ? { buyer: a.sale.buyer } : {}),
        });
      else if ('undo' in a) live.undo();
      else live.giveaway(a.giveaway.winner, a.giveaway.channel);
    }
    now = t0 + show.durationS * 1000;
    live.end();
    closeShow(store, show.id, { now: new Date(now).toISOString() });
  } finally {
    store.close();
  }
}
