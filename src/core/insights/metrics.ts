import type { OfferFact, RefundFact, SaleFact } from './facts.js';

/**
 * The figures every insights group carries (a show, a channel, a category, a brand, a price
 * band, a lot). Money in integer cents. Profit needs the cost of every unit sold: when any
 * unit has no cost, `profitCents` and `marginPercent` are null and `unitsMissingCost` says how
 * many; `costedProfitCents` is the profit of the units that do have one, labelled as such.
 */
export interface Metrics {
  shows: number;
  orders: number;
  units: number;
  grossCents: number;
  /** Platform fees: commission, processing, referral, and refund fees on refunded orders. */
  feesCents: number;
  /** Orders the platform refunded after the show (not in gross; their refund fee is in fees). */
  refunds: number;
  /** Cost of goods for the units sold that have a cost. */
  costCents: number;
  unitsMissingCost: number;
  profitCents: number | null;
  marginPercent: number | null;
  /** Gross - fees - cost over the units with a cost only. */
  costedProfitCents: number;
  unitsOffered: number;
  sellThroughPercent: number | null;
  avgSaleCents: number | null;
  /** The listed (inventory) price of the units sold, on average; null when none had one. */
  avgListedCents: number | null;
  /** Average sale as a percent of the listed price, over units that had a listed price. */
  saleToListPercent: number | null;
  airtimeS: number;
  grossPerHourCents: number | null;
  profitPerHourCents: number | null;
}

/** Accumulates facts into one group; `finish` turns the sums into figures. */
export class MetricsAcc {
  private readonly showIds = new Set<string>();
  /** Facts arrive show by show: skip the set when the show is the one just seen. */
  private lastShow = '';
  private orders = 0;
  private units = 0;
  private gross = 0;
  private fees = 0;
  private refunds = 0;
  private cost = 0;
  private missingCost = 0;
  private costedGross = 0;
  private costedFees = 0;
  private offered = 0;
  private listedUnits = 0;
  private listedSum = 0;
  private listedSaleSum = 0;
  private airtime = 0;

  get unitsSold(): number {
    return this.units;
  }

  private seen(showId: string): void {
    if (showId === this.lastShow) return;
    this.lastShow = showId;
    this.showIds.add(showId);
  }

  sale(s: SaleFact): void {
    this.seen(s.showId);
    this.orders++;
    this.units += s.quantity;
    this.gross += s.grossCents;
    this.fees += s.feesCents;
    if (s.unitCostCents === null) this.missingCost += s.quantity;
    else {
      this.cost += s.unitCostCents * s.quantity;
      this.costedGross += s.grossCents;
      this.costedFees += s.feesCents;
    }
    if (s.listedCents !== null) {
      this.listedUnits += s.quantity;
      this.listedSum += s.listedCents * s.quantity;
      this.listedSaleSum += s.grossCents;
    }
  }

  refund(r: RefundFact): void {
    this.seen(r.showId);
    this.refunds++;
    this.fees += r.refundFeeCents;
    // A refund fee is a cost of selling whether or not the item had a cost.
    this.costedFees += r.refundFeeCents;
  }

  offer(o: OfferFact, withSlot = true): void {
    this.seen(o.showId);
    this.offered += o.units;
    if (withSlot) this.airtime += o.slotS;
  }

  /** Time on air that is not made of lot slots (a whole show, for a show or a channel). */
  onAir(showId: string, seconds: number): void {
    this.seen(showId);
    this.airtime += seconds;
  }

  finish(): Metrics {
    const profit = this.missingCost > 0 ? null : this.gross - this.fees - this.cost;
    const perHour = (cents: number | null) =>
      cents === null || this.airtime <= 0 ? null : roundCents((cents * 3600) / this.airtime);
    return {
      shows: this.showIds.size,
      orders: this.orders,
      units: this.units,
      grossCents: this.gross,
      feesCents: this.fees,
      refunds: this.refunds,
      costCents: this.cost,
      unitsMissingCost: this.missingCost,
      profitCents: profit,
      marginPercent: profit === null || this.gross === 0 ? null : percent(profit, this.gross),
      costedProfitCents: this.costedGross - this.costedFees - this.cost,
      unitsOffered: this.offered,
      sellThroughPercent: this.offered === 0 ? null : percent(Math.min(this.units, this.offered), this.offered),
      avgSaleCents: this.units === 0 ? null : roundCents(this.gross / this.units),
      avgListedCents: this.listedUnits === 0 ? null : roundCents(this.listedSum / this.listedUnits),
      saleToListPercent: this.listedSum === 0 ? null : percent(this.listedSaleSum, this.listedSum),
      airtimeS: Math.round(this.airtime),
      grossPerHourCents: perHour(this.gross),
      profitPerHourCents: perHour(profit),
    };
  }
}

/** Half away from zero, to whole cents: money is shown and summed in cents, never fractions. */
export function roundCents(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** a / b as a percent with one decimal (half away from zero). */
export function percent(a: number, b: number): number {
  return b === 0 ? 0 : roundCents((a / b) * 1000) / 10;
}

/** The map's value for k, made and stored on first use. */
export function entry<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}
