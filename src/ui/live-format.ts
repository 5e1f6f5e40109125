import type { Channel } from '../core/channel-types.js';
import type { LiveState } from '../core/live/state.js';
import { scarcityCall } from '../core/live/show-clock.js';
import { formatCents } from '../core/money.js';
import type { ShowEvent } from '../core/show/events.js';
import type { PlanDocument, PlanSegment } from '../core/show/plan-types.js';

export { clockView, driftLabel, scarcityCall } from '../core/live/show-clock.js';

export const CHANNEL_NAME: Record<Channel, string> = { whatnot: 'Whatnot', tiktok: 'TikTok' };

export function segmentLine(seg: PlanSegment | undefined): string {
  if (!seg) return '-';
  const prices = seg.prices
    ? Object.entries(seg.prices)
        .map(
          ([c, p]) =>
            `${CHANNEL_NAME[c as Channel]} ${p.format === 'auction' ? `auction from ${formatCents(p.priceCents)}` : `${p.format === 'flash-sale' ? 'flash' : 'BIN'} ${formatCents(p.priceCents)}`}`,
        )
        .join(' / ')
    : '';
  return `${seg.label} ${seg.title}${seg.sku ? ` [${seg.sku}${seg.location ? ` @${seg.location}` : ''}]` : ''}${prices ? ` ${prices}` : ''}`;
}

/** One line per journal event, for --plain and logs. */
export function eventLine(plan: PlanDocument, s: LiveState, e: ShowEvent): string {
  const time = e.at.slice(11, 19);
  switch (e.type) {
    case 'show.started':
      return `${time} show started: ${plan.show.name} (${plan.segments.length} segments)`;
    case 'cursor.moved':
      return `${time} now: ${segmentLine(plan.segments[e.index])}`;
    case 'timer.started':
      return `${time} timer running`;
    case 'timer.paused':
      return `${time} timer paused`;
    case 'sale.recorded': {
      const sale = s.sales.find((x) => x.saleId === e.saleId);
      const over = sale?.oversell ? ` !! OVERSELL: cancel this order on ${CHANNEL_NAME[e.channel]} !!` : '';
      return `${time} SALE ${CHANNEL_NAME[e.channel]} ${e.sku} ${formatCents(e.priceCents)}${e.quantity > 1 ? ` x${e.quantity}` : ''} ${e.buyer ?? '(buyer?)'}; ${scarcityCall(s.stock[e.sku])}${over}`;
    }
    case 'sale.amended':
      return `${time} sale amended: ${e.buyer ?? ''}${e.priceCents !== undefined ? ` ${formatCents(e.priceCents)}` : ''}`.trimEnd();
    case 'sale.cancelled':
      return `${time} sale cancelled (${e.reason})`;
    case 'giveaway.recorded':
      return `${time} giveaway${e.sku ? ` ${e.sku}` : ''}${e.winner ? ` won by ${e.winner}` : ''}`;
    case 'lot.skipped':
      return `${time} skipped ${plan.segments[e.index]?.label ?? e.index} (back to inventory)`;
    case 'destination.toggled':
      return `${time} destination ${e.name} ${e.enabled ? 'on' : 'off'}`;
    case 'action.undone':
      return `${time} undone: event ${e.eventId}`;
    case 'show.ended':
      return `${time} show ended`;
  }
}

/**
 * The dashboard's one-line oversell banner: how many, the latest few (newest first), and where
 * the rest are listed; null when there is none.
 */
export function oversoldBanner(s: LiveState, showId: string, latest = 3): string | null {
  const overs = s.sales.filter((x) => x.oversell);
  if (overs.length === 0) return null;
  const shown = overs
    .slice(-latest)
    .reverse()
    .map((o) => `${o.sku} on ${CHANNEL_NAME[o.channel]}`);
  const more = overs.length - shown.length;
  return `OVERSOLD ${overs.length}: cancel ${shown.join(', ')}${more > 0 ? ` (+${more} more: lotcast show status ${showId})` : ''}`;
}

export function summaryLines(plan: PlanDocument, s: LiveState): string[] {
  const lots = plan.segments.filter((x) => x.kind === 'lot' || x.kind === 'flash-sale');
  const soldSkus = new Set(s.sales.map((x) => x.sku));
  const sold = lots.filter((l) => l.sku && soldSkus.has(l.sku)).length;
  const lines = [`Show ${plan.show.name} (${plan.show.id}) summary:`];
  for (const c of plan.show.channels) {
    const t = s.byChannel[c];
    lines.push(
      `  ${CHANNEL_NAME[c].padEnd(8)} ${String(t.orders).padStart(4)} orders  ${String(t.units).padStart(4)} units  ${formatCents(t.grossCents).padStart(11)} gross${t.oversold ? `  (${t.oversold} oversold, not counted)` : ''}`,
    );
  }
  const total = plan.show.channels.reduce((n, c) => n + s.byChannel[c].grossCents, 0);
  lines.push(
    `  Total gross ${formatCents(total)}; lots sold ${sold} of ${lots.length}, unsold ${lots.length - sold}; giveaways ${s.giveaways.length}`,
  );
  const overs = s.sales.filter((x) => x.oversell);
  if (overs.length)
    lines.push(
      `  OVERSOLD ${overs.length}: cancel ${overs.map((o) => `${o.sku} on ${CHANNEL_NAME[o.channel]}${o.orderId ? ` (order ${o.orderId})` : ''}`).join(', ')}`,
    );
  return lines;
}
