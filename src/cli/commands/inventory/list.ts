import type { Command } from 'commander';
import { formatCents } from '../../../core/money.js';
import { table } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../../item-filter-options.js';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';

export function registerInventoryList(program: Command): void {
  addItemFilterOptions(
    group(program, 'inventory')
      .command('list')
      .description('list items in the store (filters combine)')
      .addOption(jsonOption()),
  ).action(async (flags: ItemFilterFlags & { json?: boolean }, cmd: Command) => {
    const ctx = contextOf(cmd);
    const filter = parseItemFilter(flags);
    const { ItemRepo } = await import('../../../adapters/store/item-repo.js');
    const items = new ItemRepo(ctx.store()).list(filter);
    if (flags.json) return ctx.out.json({ items });
    if (items.length === 0)
      return ctx.out.line('No items match. Import some with `lotcast inventory import <file.csv>`.');
    const rows = items.map((i) => [
      i.sku,
      i.title.length > 48 ? `${i.title.slice(0, 47)}…` : i.title,
      String(i.quantity),
      i.priceCents === null ? '-' : formatCents(i.priceCents),
      i.category,
      i.location,
    ]);
    ctx.out.line(
      table(['SKU', 'Title', 'Qty', 'Price', 'Category', 'Location'], rows, { align: ['l', 'l', 'r', 'r', 'l', 'l'] }),
    );
    const units = items.reduce((n, i) => n + i.quantity, 0);
    ctx.out.line(ctx.out.color.dim(`${items.length} items, ${units} units`));
  });
}
