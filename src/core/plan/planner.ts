import type { Channel } from '../channel-types.js';
import type { Problem } from '../errors.js';
import type { Item } from '../inventory/item.js';
import {
  PLAN_SCHEMA,
  type ChannelPrice,
  type CarriedItem,
  type PlanDocument,
  type PlanSegment,
} from '../show/plan-types.js';
import { orderLots, type Strategy } from './ordering.js';
import { bringForward, channelPrice, lowerToStart, type ForwardLot } from './pricing.js';
import type { ShowProfile } from './profile.js';
import { talkingPoints } from './talking-points.js';

export interface PlanInput {
  id: string;
  name: string;
  startAt: string | null;
  durationS: number;
  channels: Channel[];
  items: Item[];
  profile: ShowProfile;
  strategy: Strategy;
  seed: number;
  talkingPointsTemplate: string;
  createdAt: string;
  /** Lots to bring to the front (stale stock first), with their suggested starts. */
  forward?: ForwardLot[];
}

const isGiveawayItem = (i: Item) => i.listingType === 'Giveaway' || i.tags.some((t) => t.toLowerCase() === 'giveaway');

/** Plans a show: pure, deterministic for the same input (seed included). */
export function planShow(input: PlanInput): PlanDocument {
  const { profile: p, durationS, channels } = input;
  const warnings: Problem[] = [];
  const inStock = input.items.filter((i) => i.quantity > 0);
  const giveawayPool = inStock.filter(isGiveawayItem).map((i) => ({ item: i, left: i.quantity }));
  const sellable = inStock.filter((i) => !isGiveawayItem(i));

  // Flash sales take the deepest multi-quantity items whole.
  const flashItems = [...sellable]
    .filter((i) => i.quantity >= 2 && i.priceCents !== null)
    .sort((a, b) => b.quantity - a.quantity || (b.priceCents ?? 0) - (a.priceCents ?? 0))
    .slice(0, p.flashSales.count);
  const flashSkus = new Set(flashItems.map((i) => i.sku));
  const lots = bringForward(
    orderLots(
      sellable.filter((i) => !flashSkus.has(i.sku)),
      input.strategy,
      input.seed,
    ),
    input.forward,
  );

  const segments: Omit<PlanSegment, 'index' | 'offsetS'>[] = [];
  const carried: CarriedItem[] = [];
  const appreciationS = p.giveaways.buyerAppreciationMinutesBeforeEnd > 0 ? p.giveaways.seconds : 0;
  const endReserve = p.closing.seconds + appreciationS;
  const sellingWindow = Math.max(0, durationS - p.opening.seconds - endReserve);
  let t = 0;
  const push = (s: Omit<PlanSegment, 'index' | 'offsetS'>) => {
    segments.push(s);
    t += s.durationS;
  };
  push({ kind: 'opening', label: 'OPEN', durationS: p.opening.seconds, title: p.opening.title });
  let giveaways = 0;
  let flashes = 0;
  let breaks = 0;
  let lastGiveawayAt = t;
  let lastBreakAt = t;
  let lotsSinceGiveaway = 0;
  let lotNo = 0;
  const flashQueue = [...flashItems];
  const flashDur = p.flashSales.countdownS + p.flashSales.seconds;
  const giveaway = (detail: string, title: string) => {
    const g = giveawayPool.find((x) => x.left > 0);
    if (g) g.left--;
    giveaways++;
    push({
      kind: 'giveaway',
      label: `G${giveaways}`,
      durationS: p.giveaways.seconds,
      detail,
      title: g ? `${title}: ${g.item.title}` : `${title}: pick from the giveaway bin`,
      ...(g ? { sku: g.item.sku, location: g.item.location, quantity: 1 } : {}),
    });
  };

  let stopped = false;
  for (const item of lots) {
    if (stopped) {
      carried.push({ sku: item.sku, title: item.title, quantity: item.quantity, reason: 'did not fit in the show' });
      continue;
    }
    // Interludes due before this lot: flash sale at its share of the selling window, giveaway, break.
    const elapsed = t - p.opening.seconds;
    const nextFlash = flashQueue[0];
    if (
      nextFlash &&
      elapsed >= ((flashes + 1) / (flashItems.length + 1)) * sellingWindow &&
      t + flashDur <= durationS - endReserve
    ) {
      flashQueue.shift();
      flashes++;
      push(flashSegment(nextFlash, flashes, input, flashDur));
    }
    const giveawayDue =
      (p.giveaways.everyMinutes > 0 && t - lastGiveawayAt >= p.giveaways.everyMinutes * 60) ||
      (p.giveaways.everyLots > 0 && lotsSinceGiveaway >= p.giveaways.everyLots);
    if (giveawayDue && t + p.giveaways.seconds <= durationS - endReserve) {
      giveaway(p.giveaways.type, p.giveaways.type === 'follower-only' ? 'Follower giveaway' : 'Giveaway');
      lastGiveawayAt = t;
      lotsSinceGiveaway = 0;
    }
    if (
      p.breaks.everyMinutes > 0 &&
      t - lastBreakAt >= p.breaks.everyMinutes * 60 &&
      t + p.breaks.seconds <= durationS - endReserve
    ) {
      breaks++;
      push({
        kind: 'break',
        label: `B${breaks}`,
        durationS: p.breaks.seconds,
        title: 'Break: restock the table, drink water',
      });
      lastBreakAt = t;
    }
    const lot = lotSegment(item, lotNo + 1, input, warnings);
    if (t + lot.durationS > durationS - endReserve) {
      stopped = true;
      carried.push({ sku: item.sku, title: item.title, quantity: item.quantity, reason: 'did not fit in the show' });
      continue;
    }
    lotNo++;
    lotsSinceGiveaway++;
    push(lot);
  }
  // Flash sales whose slot never came (the lots ran out early) still go in when they fit.
  for (const f of flashQueue) {
    if (t + flashDur <= durationS - endReserve) {
      flashes++;
      push(flashSegment(f, flashes, input, flashDur));
    } else carried.push({ sku: f.sku, title: f.title, quantity: f.quantity, reason: 'flash sale did not fit' });
  }
  if (appreciationS > 0 && t + appreciationS + p.closing.seconds <= durationS)
    giveaway('buyer-appreciation', 'Buyer appreciation giveaway');
  push({ kind: 'closing', label: 'CLOSE', durationS: p.closing.seconds, title: p.closing.title });

  platformWarnings(input, warnings);
  if (carried.length > 0) {
    warnings.push({
      severity: 'warning',
      message: `${lotNo} lots fit; ${carried.length} item(s) carried to the next show (plan a longer show or fewer items to sell them all)`,
    });
  }
  const doc: PlanDocument = {
    schema: PLAN_SCHEMA,
    show: {
      id: input.id,
      name: input.name,
      startAt: input.startAt,
      durationS,
      channels,
      profile: p.name,
      strategy: input.strategy,
      seed: input.seed,
    },
    segments: [],
    carried,
    summary: { lotCount: 0, unitCount: 0, plannedS: 0, spareS: 0, giveawayCount: 0, flashSaleCount: 0 },
    warnings,
    createdAt: input.createdAt,
  };
  return retime(doc, segments);
}

/** Recomputes offsets, indexes and the summary after planning or an edit. */
export function retime(
  doc: PlanDocument,
  segments: Array<Omit<PlanSegment, 'index' | 'offsetS'>> = doc.segments,
): PlanDocument {
  let t = 0;
  const timed = segments.map((s, index) => {
    const seg = { ...s, index, offsetS: t } as PlanSegment;
    t += s.durationS;
    return seg;
  });
  const lots = timed.filter((s) => s.kind === 'lot');
  return {
    ...doc,
    segments: timed,
    summary: {
      lotCount: lots.length,
      unitCount: timed
        .filter((s) => s.kind === 'lot' || s.kind === 'flash-sale')
        .reduce((n, s) => n + (s.quantity ?? 0), 0),
      plannedS: t,
      spareS: doc.show.durationS - t,
      giveawayCount: timed.filter((s) => s.kind === 'giveaway').length,
      flashSaleCount: timed.filter((s) => s.kind === 'flash-sale').length,
    },
  };
}

export function lotSegment(
  item: Item,
  lotNo: number,
  input: Pick<PlanInput, 'channels' | 'profile' | 'talkingPointsTemplate' | 'forward'>,
  warnings: Problem[],
): Omit<PlanSegment, 'index' | 'offsetS'> {
  const p = input.profile;
  const units = item.quantity;
  const prices: Partial<Record<Channel, ChannelPrice>> = {};
  const forward = input.forward?.find((f) => f.sku === item.sku);
  for (const c of input.channels) prices[c] = channelPrice(item, c, p);
  lowerToStart(prices, forward);
  if (item.priceCents === null)
    warnings.push({
      field: item.sku,
      severity: 'warning',
      message: `${item.sku} has no price: planned as a $1-start auction`,
    });
  const primary = prices[input.channels[0] ?? 'whatnot'];
  const durationS =
    primary?.format === 'auction'
      ? p.auction.introS + units * (p.auction.timerS + p.auction.counterBidS)
      : p.buyNow.introS + (units - 1) * p.buyNow.perExtraUnitS;
  return {
    kind: 'lot',
    label: `L${String(lotNo).padStart(2, '0')}`,
    durationS,
    title: item.title,
    sku: item.sku,
    location: item.location,
    quantity: units,
    prices,
    talkingPoints: [...(forward ? [forward.note] : []), ...talkingPoints(input.talkingPointsTemplate, item, units)],
  };
}

function flashSegment(
  item: Item,
  n: number,
  input: PlanInput,
  durationS: number,
): Omit<PlanSegment, 'index' | 'offsetS'> {
  const p = input.profile;
  const price = Math.round(((item.priceCents ?? 0) * (100 - p.flashSales.discountPercent)) / 100);
  const prices: Partial<Record<Channel, ChannelPrice>> = {};
  for (const c of input.channels) prices[c] = { format: 'flash-sale', priceCents: price, timerS: p.flashSales.seconds };
  return {
    kind: 'flash-sale',
    label: `F${n}`,
    durationS,
    title: `Flash sale: ${item.title}`,
    sku: item.sku,
    location: item.location,
    quantity: item.quantity,
    prices,
    detail: `${p.flashSales.countdownS} s countdown, ${p.flashSales.seconds} s sale, ${p.flashSales.discountPercent}% off`,
    talkingPoints: talkingPoints(input.talkingPointsTemplate, item, item.quantity),
  };
}

function platformWarnings(input: PlanInput, warnings: Problem[]): void {
  const p = input.profile;
  const w = (field: string, message: string) => warnings.push({ field, severity: 'warning', message });
  if (input.channels.includes('whatnot') && p.flashSales.count > 0 && p.flashSales.seconds < 30)
    w('flashSales.seconds', 'Whatnot flash sales run at least 30 s');
  if (input.channels.includes('tiktok') && p.flashSales.count > 0) {
    if (p.flashSales.seconds < 60 || p.flashSales.seconds > 1200)
      w('flashSales.seconds', 'TikTok flash sales run 1 to 20 minutes');
    if (p.flashSales.countdownS < 10 || p.flashSales.countdownS > 300)
      w('flashSales.countdownS', 'TikTok flash sales start after a 10-300 s countdown');
  }
  if (p.giveaways.seconds > 300) w('giveaways.seconds', 'Whatnot giveaway entry stays open at most 5 minutes');
  if (input.channels.includes('tiktok') && input.durationS < 2 * 3600)
    w('duration', 'TikTok recommends staying live 2 hours or more');
  if (input.channels.includes('tiktok') && p.pricing.tiktok.format !== 'buy-now')
    w(
      'pricing.tiktok.format',
      'TikTok live auctions are not open to every seller; check your account before planning auctions there',
    );
}
