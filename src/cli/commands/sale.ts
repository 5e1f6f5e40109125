import { Option, type Command } from 'commander';
import type { Channel } from '../../core/channel-types.js';
import { parseQuantity } from '../../core/bounds.js';
import { UsageError } from '../../core/errors.js';
import { parseMoney } from '../../core/money.js';
import type { SaleInput } from '../../services/live-show.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';

interface SaleFlags {
  show: string;
  channel: Channel;
  sku?: string;
  price?: string;
  buyer?: string;
  quantity: string;
  json?: boolean;
}

function saleInput(f: SaleFlags): SaleInput {
  const q = parseQuantity(f.quantity, { min: 1 });
  if (!q.ok) throw new UsageError(`--quantity: ${q.message}.`, { hint: 'Give the units sold, like --quantity 2.' });
  const quantity = q.value;
  let priceCents: number | undefined;
  if (f.price !== undefined) {
    const m = parseMoney(f.price);
    if (!m.ok || m.cents < 0) throw new UsageError(`--price ${m.ok ? 'is negative' : m.message}.`);
    priceCents = m.cents;
  }
  return {
    channel: f.channel,
    quantity,
    ...(f.sku ? { sku: f.sku } : {}),
    ...(priceCents !== undefined ? { priceCents } : {}),
    ...(f.buyer ? { buyer: f.buyer } : {}),
  };
}

export function registerSale(program: Command): void {
  program
    .command('sale')
    .description('record a sale on a live show from another terminal or a script')
    .requiredOption('--show <show>', 'the live show')
    .addOption(new Option('--channel <channel>', 'where it sold').choices(['whatnot', 'tiktok']).makeOptionMandatory())
    .option('--sku <sku>', 'item sold (default: the lot on screen)')
    .option('--price <price>', "sale price (default: the plan's price)")
    .option('--buyer <name>', 'buyer handle')
    .option('--quantity <n>', 'units', '1')
    .addOption(jsonOption())
    .action(async (f: SaleFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const input = saleInput(f);
      const { recordSale } = await import('../../services/live-sale.js');
      const r = recordSale(ctx.store(), f.show, input);
      if (f.json) return ctx.out.json({ sale: r.sale, stock: r.stock });
      const { eventLine } = await import('../../ui/live-format.js');
      ctx.out.line(eventLine(r.plan, r.state, r.event));
    });
}
