import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../core/plan/random.js';
import type { Channel } from '../core/channel-types.js';
import { openStore, type Store } from '../adapters/store/database.js';
import { templatesDir } from '../adapters/templates.js';
import { importInventory } from './inventory-import.js';
import { planAndSaveShow } from './show-plan.js';
import { LiveShow } from './live-show.js';

export const DEMO_SHOW_ID = 'demo';

/** A fresh demo store (wiped each run) with the sample haul imported and a short show planned. */
export async function prepareDemo(dir: string, now: string): Promise<{ store: Store; show: LiveShow; dbFile: string }> {
  rmSync(dir, { recursive: true, force: true });
  const dbFile = join(dir, 'lotcast.db');
  const store = openStore(dbFile);
  await importInventory(store, { file: join(templatesDir(), 'sample-inventory.csv'), now });
  planAndSaveShow(store, {
    id: DEMO_SHOW_ID,
    name: 'Demo Thrift Drop',
    startAt: null,
    durationS: 30 * 60,
    channels: ['whatnot', 'tiktok'],
    profile: 'fast-auction',
    strategy: 'hook',
    seed: 7,
    filter: {},
    now,
  });
  const show = LiveShow.open(store, DEMO_SHOW_ID, { source: 'demo' });
  show.start();
  return { store, show, dbFile };
}

const BUYERS: Record<Channel, string[]> = {
  whatnot: ['@thriftqueen', '@cardshark22', '@pyrexpete', '@denimdan', '@vintagevee', '@slabsnsnacks'],
  tiktok: ['tt_user_81723', 'tt_user_55102', 'tt_user_90021', 'tt_user_11934', 'tt_user_44710'],
};

/**
 * Simulated buyers on both channels: each step moves to the next segment and sells some units
 * of it; the first single-unit lot gets a race (both channels buy the last unit in the same
 * instant, so the ledger flags one as an oversell). Deterministic for a seed.
 */
export function startDemoBuyers(show: LiveShow, opts: { stepMs: number; seed?: number }): () => void {
  const rnd = seededRandom(opts.seed ?? 11);
  let raced = false;
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const step = () => {
    try {
      if (show.current.ended) return;
      show.next();
      const seg = show.segment();
      if (!seg) return;
      if (seg.kind === 'giveaway') return show.giveaway(pick(BUYERS.whatnot));
      if (!seg.sku || (seg.kind !== 'lot' && seg.kind !== 'flash-sale')) return;
      const stock = show.stockOf(seg.sku) ?? 0;
      if (!raced && stock === 1 && seg.kind === 'lot') {
        raced = true;
        show.sale({ channel: 'whatnot', buyer: pick(BUYERS.whatnot), priceCents: 2500 });
        show.sale({ channel: 'tiktok', buyer: pick(BUYERS.tiktok) });
        return;
      }
      const units = Math.min(stock, seg.kind === 'flash-sale' ? 3 : 1 + Math.floor(rnd() * Math.min(3, stock)));
      for (let i = 0; i < units; i++) {
        const channel: Channel = rnd() < 0.55 ? 'whatnot' : 'tiktok';
        const p = seg.prices?.[channel];
        // Auctions climb from the $1 start; buy-it-now sells at the listed price.
        const price = p?.format === 'auction' ? 100 * (5 + Math.floor(rnd() * 60)) : undefined;
        show.sale({ channel, buyer: pick(BUYERS[channel]), ...(price !== undefined ? { priceCents: price } : {}) });
      }
    } catch {
      // The host may have ended the show between steps.
    }
  };
  const timer = setInterval(step, opts.stepMs);
  return () => clearInterval(timer);
}
