import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { formatCents } from '../../core/money.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../item-filter-options.js';
import { contextOf } from '../context.js';
import { commandGroup, jsonOption } from '../options.js';
import { table } from '../../ui/output.js';
import { ImportProgressLine, printImportSummary } from './inventory-import-output.js';

interface ImportFlags {
  format: 'auto' | 'generic' | 'whatnot';
  map?: string[];
  delimiter?: string;
  skipInvalid?: boolean;
  addQuantity?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerInventory(program: Command): void {
  const inventory = commandGroup(program, 'inventory', 'import, list and export your inventory');

  inventory
    .command('import <file>')
    .description("import a CSV (your sheet, Whatnot's bulk template, a TikTok export); upserts by SKU")
    .addOption(new Option('--format <format>', 'header layout').choices(['auto', 'generic', 'whatnot']).default('auto'))
    .option(
      '--map <mapping>',
      'map a column to a field: --map "Their Column=field" (repeatable)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .addOption(
      new Option('--delimiter <d>', 'force the delimiter instead of sniffing it').choices([
        'comma',
        'semicolon',
        'tab',
      ]),
    )
    .option('--skip-invalid', 'import the valid rows even when some rows are invalid')
    .option('--add-quantity', "add each row's quantity to the stock on hand instead of replacing it")
    .option('--dry-run', 'show what would change without writing anything')
    .addOption(jsonOption())
    .action(async (file: string, flags: ImportFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const map: Record<string, string> = {};
      for (const m of flags.map ?? []) {
        const eq = m.lastIndexOf('=');
        if (eq <= 0 || eq === m.length - 1)
          throw new UsageError(`--map "${m}" is not Column=field.`, {
            hint: 'Example: --map "Item Name=title" --map "Bin #=location".',
          });
        map[m.slice(0, eq).trim()] = m.slice(eq + 1).trim();
      }
      const delimiter = flags.delimiter
        ? ({ comma: ',', semicolon: ';', tab: '\t' } as const)[flags.delimiter as 'comma']
        : undefined;
      const { importInventory } = await import('../../services/inventory-import.js');
      // Ctrl-C stops between batches and rolls the whole import back (exit 130).
      const cancel = new AbortController();
      const onSigint = () => cancel.abort();
      process.once('SIGINT', onSigint);
      const progress = process.stderr.isTTY && !flags.json ? new ImportProgressLine(process.stderr, file) : null;
      const summary = await importInventory(ctx.store(), {
        file,
        format: flags.format,
        map,
        ...(delimiter ? { delimiter } : {}),
        skipInvalid: Boolean(flags.skipInvalid),
        addQuantity: Boolean(flags.addQuantity),
        dryRun: Boolean(flags.dryRun),
        now: new Date().toISOString(),
        signal: cancel.signal,
        ...(progress ? { onProgress: progress.update } : {}),
      }).finally(() => {
        progress?.done();
        process.off('SIGINT', onSigint);
      });
      printImportSummary(ctx.out, summary, Boolean(flags.json));
      if (summary.rejected > 0 && !flags.skipInvalid && !flags.dryRun) process.exitCode = 1;
    });

  addItemFilterOptions(
    inventory.command('list').description('list items in the store (filters combine)').addOption(jsonOption()),
  ).action(async (flags: ItemFilterFlags & { json?: boolean }, cmd: Command) => {
    const ctx = contextOf(cmd);
    const { ItemRepo } = await import('../../adapters/store/item-repo.js');
    const items = new ItemRepo(ctx.store()).list(parseItemFilter(flags));
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

  addItemFilterOptions(
    inventory
      .command('export')
      .description('export items as CSV (re-imports unchanged) or JSON')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
      .option('--out <file>', 'write to this file instead of stdout'),
  ).action(async (flags: ItemFilterFlags & { format: 'csv' | 'json'; out?: string }, cmd: Command) => {
    const ctx = contextOf(cmd);
    const { exportInventory } = await import('../../services/inventory-export.js');
    const n = await exportInventory(
      ctx.store(),
      { format: flags.format, filter: parseItemFilter(flags), ...(flags.out ? { out: flags.out } : {}) },
      process.stdout,
    );
    if (flags.out) ctx.out.note(`Exported ${n} items to ${flags.out}.`);
  });
}
