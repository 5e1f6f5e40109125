import type { Channel } from '../channel-types.js';
import type { Problem } from '../errors.js';

/**
 * The run-of-show document (JSON schema "lotcast.show-plan/1"). Stored in shows.plan, printed by
 * `lotcast show plan --format json`, consumed by the live dashboard and the report.
 * Additive changes keep the version; anything else bumps it.
 */
export const PLAN_SCHEMA = 'lotcast.show-plan/1';

export type SegmentKind = 'opening' | 'lot' | 'giveaway' | 'flash-sale' | 'break' | 'closing';
export type SaleFormat = 'auction' | 'buy-now' | 'flash-sale' | 'giveaway';

export interface ChannelPrice {
  format: SaleFormat;
  /** Auction start bid (auction) or fixed price (buy-now / flash-sale). */
  priceCents: number;
  /** Auction timer / flash-sale length on this channel, seconds. */
  timerS?: number;
  suddenDeath?: boolean;
}

export interface PlanSegment {
  /** 0-based position in the rundown; the live cursor moves over segments. */
  index: number;
  kind: SegmentKind;
  /** Short stable label shown to the host: "L07", "G2", "F1", "OPEN", "CLOSE". */
  label: string;
  /** Seconds from the planned show start. */
  offsetS: number;
  durationS: number;
  title: string;
  /** Present on lot, giveaway (when an item is given away) and flash-sale segments. */
  sku?: string;
  location?: string;
  /** Units of this SKU planned to sell in this segment (multi-quantity items: one lot sold several times). */
  quantity?: number;
  prices?: Partial<Record<Channel, ChannelPrice>>;
  talkingPoints?: string[];
  /** Giveaway type (standard | follower-only | buyer-appreciation) or other per-kind detail. */
  detail?: string;
  /** True when the seller moved/added/edited it by hand; re-planning keeps it. */
  edited?: boolean;
}

export interface CarriedItem {
  sku: string;
  title: string;
  quantity: number;
  reason: string;
}

export interface PlanDocument {
  schema: typeof PLAN_SCHEMA;
  show: {
    id: string;
    name: string;
    /** ISO time, or null when not given. */
    startAt: string | null;
    durationS: number;
    channels: Channel[];
    profile: string;
    strategy: string;
    seed: number;
  };
  segments: PlanSegment[];
  /** Items that did not fit: "next show". */
  carried: CarriedItem[];
  summary: {
    lotCount: number;
    unitCount: number;
    plannedS: number;
    /** durationS - plannedS; negative never happens (the planner carries lots instead). */
    spareS: number;
    giveawayCount: number;
    flashSaleCount: number;
  };
  warnings: Problem[];
  createdAt: string;
}

export type ShowStatus = 'planned' | 'live' | 'ended' | 'closed';
