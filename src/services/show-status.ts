import type { LiveState } from '../core/live/state.js';
import type { PlanDocument, PlanSegment } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { LiveShow } from './live-show.js';

/** `lotcast show status`: where a show is, read without joining it. */
export interface ShowStatus {
  show: { id: string; name: string; started: boolean; ended: boolean; startedAt: string | null };
  current: {
    index: number;
    label: string;
    kind: PlanSegment['kind'];
    title: string;
    sku: string | null;
    stock: number | null;
  } | null;
  stock: LiveState['stock'];
  channels: LiveState['byChannel'];
  totals: { orders: number; units: number; grossCents: number; oversells: number; giveaways: number };
}

export function showStatus(
  store: Store,
  ref: string,
): { status: ShowStatus; plan: PlanDocument; state: LiveState; segment: PlanSegment | undefined } {
  const show = LiveShow.open(store, ref, { source: 'cli', readOnly: true });
  const s = show.current;
  const seg = show.segment();
  const status: ShowStatus = {
    show: {
      id: show.plan.show.id,
      name: show.plan.show.name,
      started: s.started,
      ended: s.ended,
      startedAt: s.startedAt,
    },
    current: seg
      ? {
          index: seg.index,
          label: seg.label,
          kind: seg.kind,
          title: seg.title,
          sku: seg.sku ?? null,
          stock: seg.sku ? (s.stock[seg.sku] ?? null) : null,
        }
      : null,
    stock: s.stock,
    channels: s.byChannel,
    totals: {
      // The ChannelTotals rule: oversold sales are counted as oversells, not as orders or gross.
      orders: s.byChannel.whatnot.orders + s.byChannel.tiktok.orders,
      units: s.byChannel.whatnot.units + s.byChannel.tiktok.units,
      grossCents: s.byChannel.whatnot.grossCents + s.byChannel.tiktok.grossCents,
      oversells: s.sales.filter((x) => x.oversell).length,
      giveaways: s.giveaways.length,
    },
  };
  return { status, plan: show.plan, state: s, segment: seg };
}
