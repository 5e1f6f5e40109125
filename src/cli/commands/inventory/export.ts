import { Option, type Command } from 'commander';
import { contextOf } from '../../context.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../../item-filter-options.js';
import { group } from '../groups.js';

export function registerInventoryExport(program: Command): void {
  addItemFilterOptions(
    group(program, 'inventory')
      .command('export')
      .description('export items as CSV (re-imports unchanged) or JSON')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
      .option('--out <file>', 'write to this file instead of stdout'),
  ).action(async (flags: ItemFilterFlags & { format: 'csv' | 'json'; out?: string }, cmd: Command) => {
    const ctx = contextOf(cmd);
    const options = { format: flags.format, filter: parseItemFilter(flags), ...(flags.out ? { out: flags.out } : {}) };
    const { exportInventory } = await import('../../../services/inventory-export.js');
    const n = await exportInventory(ctx.store(), options, ctx.out.documentStream());
    if (flags.out) ctx.out.note(`Exported ${n} items to ${flags.out}.`);
  });
}
