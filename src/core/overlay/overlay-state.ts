import type { Channel } from '../channel-types.js';
import { clockView, driftLabel, scarcityCall } from '../live/show-clock.js';
import type { LiveState } from '../live/state.js';
import { formatCents } from '../money.js';
import type { ChannelPrice, PlanDocument, PlanSegment, SaleFormat } from '../show/plan-types.js';

/**
 * What the overlays and the producer page read: GET /api/state and every /api/events message.
 * A view of the same live state the dashboard reads, with nothing secret in it (no keys, no
 * tokens, buyers only as the seller's setting allows). Additive changes keep the version.
 */
export const OVERLAY_STATE_SCHEMA = 'lotcast.overlay-state';
export const OVERLAY_STATE_VERSION = 1;

/** How buyer handles appear on pages: as typed, shortened ("@ja…"), or not at all. */
export type BuyerDisplay = 'full' | 'short' | 'hidden';

export interface OverlayPrice {
  format: SaleFormat;
  priceCents: number;
  /** "auction from $1.00", "buy it now $28.00", "flash sale $12.00". */
  text: string;
  timerS: number | null;
}

export interface OverlayLot {
  index: number;
  label: string;
  kind: PlanSegment['kind'];
  title: string;
  sku: string | null;
  location: string | null;
  stock: number | null;
  startStock: number | null;
  /** "only 2 left", "LAST ONE", "SOLD OUT", "5 left", or "" without an item. */
  call: string;
  soldOut: boolean;
  prices: Partial<Record<Channel, OverlayPrice>>;
}

export interface OverlaySale {
  saleId: string;
  eventId: number;
  at: string;
  channel: Channel;
  sku: string;
  title: string;
  quantity: number;
  priceCents: number;
  price: string;
  buyer: string | null;
  oversell: boolean;
  source: string;
}

export interface OverlayState {
  schema: typeof OVERLAY_STATE_SCHEMA;
  version: typeof OVERLAY_STATE_VERSION;
  /** Server time of this snapshot: timers count down from here. */
  at: string;
  /** The journal's last event id in this snapshot (grows with every change). */
  eventId: number;
  show: {
    id: string;
    name: string;
    status: 'planned' | 'live' | 'ended';
    channels: Channel[];
    clock: { elapsedS: number; leftS: number; driftS: number; drift: string };
  };
  current:
    | (OverlayLot & { timer: { running: boolean; durationS: number; remainingS: number; fraction: number } })
    | null;
  next: OverlayLot[];
  channels: Record<Channel, { orders: number; units: number; grossCents: number; oversold: number; gross: string }>;
  totals: { orders: number; units: number; grossCents: number; gross: string };
  /** Newest first. */
  sales: OverlaySale[];
  giveaway: {
    /** The segment on screen is a giveaway. */
    active: boolean;
    title: string | null;
    detail: string | null;
    last: { at: string; winner: string | null; sku: string | null } | null;
    count: number;
  };
  oversells: Array<{ saleId: string; sku: string; channel: Channel; buyer: string | null; orderId: string | null }>;
  goal: { targetCents: number; target: string; fraction: number } | null;
  /** Event id the next undo would reverse (the producer page sends it back so a double tap undoes once). */
  undoTarget: number | null;
}

export interface OverlayStateInput {
  plan: PlanDocument;
  state: LiveState;
  nowMs: number;
  buyers?: BuyerDisplay;
  goalCents?: number | null;
  nextCount?: number;
  salesCount?: number;
}

export function priceText(p: ChannelPrice): string {
  const money = formatCents(p.priceCents);
  if (p.format === 'auction') return `auction from ${money}`;
  if (p.format === 'flash-sale') return `flash sale ${money}`;
  if (p.format === 'giveaway') return 'giveaway';
  return `buy it now ${money}`;
}

/** "@jane_doe" -> "@ja…", "tt_user_81723" -> "tt…": enough for the buyer to recognise, not to look up. */
export function displayBuyer(buyer: string | null, mode: BuyerDisplay): string | null {
  if (!buyer || mode === 'hidden') return null;
  if (mode === 'full') return buyer;
  const at = buyer.startsWith('@') ? '@' : '';
  const name = buyer.slice(at.length);
  return `${at}${name.slice(0, 2)}…`;
}

function lotOf(seg: PlanSegment, s: LiveState): OverlayLot {
  const sku = seg.sku ?? null;
  const stock = sku === null ? null : (s.stock[sku] ?? null);
  const prices: Partial<Record<Channel, OverlayPrice>> = {};
  for (const [c, p] of Object.entries(seg.prices ?? {}) as Array<[Channel, ChannelPrice]>)
    prices[c] = { format: p.format, priceCents: p.priceCents, text: priceText(p), timerS: p.timerS ?? null };
  return {
    index: seg.index,
    label: seg.label,
    kind: seg.kind,
    title: seg.title,
    sku,
    location: seg.location ?? null,
    stock,
    startStock: sku === null ? null : (s.startStock[sku] ?? null),
    call: stock === null ? '' : scarcityCall(stock),
    soldOut: stock !== null && stock <= 0,
    prices,
  };
}

/** The overlay snapshot: pure, time passed in. */
export function buildOverlayState(input: OverlayStateInput): OverlayState {
  const { plan, state: s, nowMs } = input;
  const buyers = input.buyers ?? 'full';
  const clock = clockView(plan, s, nowMs);
  const seg = s.started ? plan.segments[s.cursor] : undefined;
  const titleOf = new Map(plan.segments.filter((x) => x.sku).map((x) => [x.sku!, x.title]));
  const gross = (c: { grossCents: number }) => formatCents(c.grossCents);
  const channels = Object.fromEntries(
    (Object.entries(s.byChannel) as Array<[Channel, LiveState['byChannel'][Channel]]>).map(([c, t]) => [
      c,
      { ...t, gross: gross(t) },
    ]),
  ) as OverlayState['channels'];
  const totalCents = Object.values(s.byChannel).reduce((n, t) => n + t.grossCents, 0);
  const lastGiveaway = s.giveaways.at(-1);
  const goalCents = input.goalCents ?? null;
  return {
    schema: OVERLAY_STATE_SCHEMA,
    version: OVERLAY_STATE_VERSION,
    at: new Date(nowMs).toISOString(),
    eventId: s.lastEventId,
    show: {
      id: plan.show.id,
      name: plan.show.name,
      status: s.ended ? 'ended' : s.started ? 'live' : 'planned',
      channels: plan.show.channels,
      clock: {
        elapsedS: Math.round(clock.elapsedS),
        leftS: Math.round(clock.remainingS),
        driftS: Math.round(clock.driftS),
        drift: driftLabel(clock.driftS),
      },
    },
    current: seg
      ? {
          ...lotOf(seg, s),
          timer: {
            running: s.timer.running && !s.ended,
            durationS: seg.durationS,
            remainingS: Math.round(clock.slotLeftS * 10) / 10,
            fraction: Math.min(1, Math.max(0, clock.slotFraction)),
          },
        }
      : null,
    next: s.started
      ? plan.segments
          .slice(s.cursor + 1)
          .filter((x) => x.kind !== 'break')
          .slice(0, input.nextCount ?? 3)
          .map((x) => lotOf(x, s))
      : [],
    channels,
    // The ChannelTotals rule: oversold sales are not orders, units or gross.
    totals: {
      orders: Object.values(s.byChannel).reduce((n, t) => n + t.orders, 0),
      units: Object.values(s.byChannel).reduce((n, t) => n + t.units, 0),
      grossCents: totalCents,
      gross: formatCents(totalCents),
    },
    sales: s.sales
      .slice(-(input.salesCount ?? 10))
      .reverse()
      .map((x) => ({
        saleId: x.saleId,
        eventId: x.eventId,
        at: x.at,
        channel: x.channel,
        sku: x.sku,
        title: titleOf.get(x.sku) ?? x.sku,
        quantity: x.quantity,
        priceCents: x.priceCents,
        price: formatCents(x.priceCents),
        buyer: displayBuyer(x.buyer, buyers),
        oversell: x.oversell,
        source: x.source,
      })),
    giveaway: {
      active: seg?.kind === 'giveaway',
      title: seg?.kind === 'giveaway' ? seg.title : null,
      detail: seg?.kind === 'giveaway' ? (seg.detail ?? null) : null,
      last: lastGiveaway
        ? { at: lastGiveaway.at, winner: displayBuyer(lastGiveaway.winner, buyers), sku: lastGiveaway.sku }
        : null,
      count: s.giveaways.length,
    },
    oversells: s.sales
      .filter((x) => x.oversell)
      .map((x) => ({
        saleId: x.saleId,
        sku: x.sku,
        channel: x.channel,
        buyer: displayBuyer(x.buyer, buyers),
        orderId: x.orderId ?? null,
      })),
    goal:
      goalCents && goalCents > 0
        ? { targetCents: goalCents, target: formatCents(goalCents), fraction: Math.min(1, totalCents / goalCents) }
        : null,
    undoTarget: s.undoable.at(-1) ?? null,
  };
}
