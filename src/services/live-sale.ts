import { UsageError } from '../core/errors.js';
import type { LiveState } from '../core/live/state.js';
import type { EffectiveSale, ShowEvent } from '../core/show/events.js';
import type { PlanDocument } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { LiveShow, type SaleInput } from './live-show.js';

export interface RecordedSale {
  sale: EffectiveSale;
  /** Units of the sold SKU left in the ledger. */
  stock: number;
  event: ShowEvent;
  plan: PlanDocument;
  state: LiveState;
}

/** `lotcast sale`: one sale on a live show, from another terminal or a script. */
export function recordSale(store: Store, showRef: string, input: SaleInput): RecordedSale {
  const show = LiveShow.open(store, showRef, { source: 'cli' });
  const event = show.sale(input);
  const sale = show.current.sales.find((s) => event && event.type === 'sale.recorded' && s.saleId === event.saleId);
  if (!sale || !event) throw new UsageError('The sale was not recorded.');
  return { sale, stock: show.stockOf(sale.sku) ?? 0, event, plan: show.plan, state: show.current };
}
