import type { Channel } from '../channel-types.js';

/** One dated fee rule (templates/fees.json). */
export interface FeeRule {
  channel: Channel;
  region?: string;
  effectiveFrom: string;
  source?: string;
  commissionPercent?: number;
  categoryCommissionPercent?: Record<string, number>;
  processingPercent?: number;
  processingFixedCents?: number;
  referralPercent?: number;
  refundFeePercentOfReferral?: number;
  refundFeeCapCents?: number;
  /** Handling time: business days after the order day to ship by (Whatnot 2, TikTok 3). */
  shipByBusinessDays?: number;
  /** A buyer's orders from shows this many days either side ship in the same package (0: never across shows). */
  combineShippingDays?: number;
  /** Most items one package may hold on the channel. */
  bundleMaxItems?: number;
}

export interface FeeTable {
  schema: 'lotcast.fees/1';
  rules: FeeRule[];
}

export interface FeeBreakdown {
  commissionCents: number;
  processingCents: number;
  referralCents: number;
  totalCents: number;
}

/** The rule in force on `date` (YYYY-MM-DD or ISO) for a channel: the latest effectiveFrom not after it. */
export function ruleFor(table: FeeTable, channel: Channel, date: string): FeeRule | undefined {
  const day = date.slice(0, 10);
  return table.rules
    .filter((r) => r.channel === channel && r.effectiveFrom <= day)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** Rounds half away from zero to whole cents, once per fee line. */
const cents = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

const categoryRates = new WeakMap<FeeRule, Map<string, number | undefined>>();

/** The rule's commission for a category ("Coins" matches "coin"), remembered per rule: insights asks 20,000 times. */
function categoryRate(rule: FeeRule, category: string): number | undefined {
  let rates = categoryRates.get(rule);
  if (!rates) {
    rates = new Map();
    categoryRates.set(rule, rates);
  }
  if (rates.has(category)) return rates.get(category);
  const cat = category.toLowerCase();
  const rate = Object.entries(rule.categoryCommissionPercent ?? {}).find(([k]) =>
    cat.includes(k.toLowerCase().replace(/s$/, '')),
  )?.[1];
  rates.set(category, rate);
  return rate;
}

/**
 * Fees on one order line. Whatnot: commission (category rate when the category matches) plus
 * processing (percent + fixed) on what the buyer paid; TikTok: referral on the sale price.
 * lotcast knows the item price only, so shipping and tax are not in the base (said in the report).
 */
export function orderFees(rule: FeeRule | undefined, priceCents: number, category: string): FeeBreakdown {
  if (!rule) return { commissionCents: 0, processingCents: 0, referralCents: 0, totalCents: 0 };
  const catRate = categoryRate(rule, category);
  const commissionCents = cents((priceCents * (catRate ?? rule.commissionPercent ?? 0)) / 100);
  const processingCents =
    rule.processingPercent !== undefined || rule.processingFixedCents !== undefined
      ? cents((priceCents * (rule.processingPercent ?? 0)) / 100) + (rule.processingFixedCents ?? 0)
      : 0;
  const referralCents = cents((priceCents * (rule.referralPercent ?? 0)) / 100);
  return {
    commissionCents,
    processingCents,
    referralCents,
    totalCents: commissionCents + processingCents + referralCents,
  };
}

/**
 * Fees on a sale of `quantity` units at `priceCents` each: the per-unit fee lines times the
 * units. The report and insights both count fees through this one function.
 */
export function saleFees(
  rule: FeeRule | undefined,
  priceCents: number,
  quantity: number,
  category: string,
): FeeBreakdown {
  const perUnit = orderFees(rule, priceCents, category);
  return {
    commissionCents: perUnit.commissionCents * quantity,
    processingCents: perUnit.processingCents * quantity,
    referralCents: perUnit.referralCents * quantity,
    totalCents: perUnit.totalCents * quantity,
  };
}

/** TikTok's refund administration fee on a cancelled/refunded line: a share of the referral fee, capped. */
export function refundFee(rule: FeeRule | undefined, priceCents: number): number {
  if (!rule?.refundFeePercentOfReferral) return 0;
  const referral = cents((priceCents * (rule.referralPercent ?? 0)) / 100);
  return Math.min(rule.refundFeeCapCents ?? Infinity, cents((referral * rule.refundFeePercentOfReferral) / 100));
}

/** Checks a fee table's shape; problems as messages. */
export function validateFeeTable(raw: unknown): { table?: FeeTable; problems: string[] } {
  const problems: string[] = [];
  const t = raw as Partial<FeeTable> | null;
  if (!t || typeof t !== 'object' || !Array.isArray(t.rules))
    return { problems: ['must be an object with a "rules" array'] };
  t.rules.forEach((r, i) => {
    if (r.channel !== 'whatnot' && r.channel !== 'tiktok')
      problems.push(`rules[${i}].channel must be whatnot or tiktok`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(r.effectiveFrom)))
      problems.push(`rules[${i}].effectiveFrom must be a date like 2025-05-01`);
    for (const k of [
      'commissionPercent',
      'processingPercent',
      'processingFixedCents',
      'referralPercent',
      'refundFeePercentOfReferral',
      'refundFeeCapCents',
      'shipByBusinessDays',
      'combineShippingDays',
      'bundleMaxItems',
    ] as const) {
      const v = r[k];
      if (v !== undefined && (typeof v !== 'number' || v < 0))
        problems.push(`rules[${i}].${k} must be a number of 0 or more`);
    }
  });
  return problems.length ? { problems } : { table: { schema: 'lotcast.fees/1', rules: t.rules }, problems };
}
