import { Option, type Command } from 'commander';
import { ReportedFailure, UsageError } from '../../../core/errors.js';
import type { ImportOptions } from '../../../services/inventory-import.js';
import { contextOf } from '../../context.js';
import { ImportProgressLine, printImportSummary } from '../../import-output.js';
import { addSourceOptions, printFormats, sourceOptions, type SourceFlags } from '../../import-source-options.js';
import { stopOnInterrupt } from '../../interrupt.js';
import { collect, jsonOption } from '../../options.js';
import { group } from '../groups.js';

interface ImportFlags extends SourceFlags {
  map?: string[];
  delimiter?: 'comma' | 'semicolon' | 'tab';
  skipInvalid?: boolean;
  addQuantity?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;

/** `--map "Their Column=field"`, repeatable, as a column-to-field map. */
function parseMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const m of pairs) {
    const eq = m.lastIndexOf('=');
    if (eq <= 0 || eq === m.length - 1)
      throw new UsageError(`--map "${m}" is not Column=field.`, {
        hint: 'Example: --map "Item Name=title" --map "Bin #=location".',
      });
    map[m.slice(0, eq).trim()] = m.slice(eq + 1).trim();
  }
  return map;
}

function importOptions(file: string, flags: ImportFlags): ImportOptions {
  return {
    file,
    ...sourceOptions(flags),
    map: parseMap(flags.map ?? []),
    ...(flags.delimiter ? { delimiter: DELIMITERS[flags.delimiter] } : {}),
    skipInvalid: Boolean(flags.skipInvalid),
    addQuantity: Boolean(flags.addQuantity),
    dryRun: Boolean(flags.dryRun),
    now: new Date().toISOString(),
  };
}

export function registerInventoryImport(program: Command): void {
  const command = group(program, 'inventory')
    .command('import [file]')
    .description(
      'import a CSV or .xlsx: your sheet, or an export from Shopify, eBay, Etsy, TikTok Shop, Whatnot, Vendoo, List Perfectly, Crosslist (--formats); upserts by SKU',
    );
  addSourceOptions(command)
    .option('--map <mapping>', 'map a column to a field: --map "Their Column=field" (repeatable)', collect)
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
    .action(async (file: string | undefined, flags: ImportFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (flags.formats) return printFormats(ctx.out, Boolean(flags.json));
      if (file === undefined)
        throw new UsageError('Which file? lotcast inventory import <file.csv|file.xlsx>', {
          hint: '`lotcast inventory import --formats` lists the exports lotcast reads.',
        });
      const options = importOptions(file, flags);
      const { importInventory } = await import('../../../services/inventory-import.js');
      // Ctrl-C stops between batches and rolls the whole import back (exit 130).
      const stop = stopOnInterrupt();
      const progress = process.stderr.isTTY && !flags.json ? new ImportProgressLine(process.stderr, file) : null;
      const summary = await importInventory(ctx.store(), {
        ...options,
        signal: stop.signal,
        ...(progress ? { onProgress: progress.update } : {}),
      }).finally(() => {
        progress?.done();
        stop.dispose();
      });
      printImportSummary(ctx.out, summary, Boolean(flags.json));
      // A dry run fails exactly when the real import would.
      if (summary.rejected > 0 && !flags.skipInvalid) throw new ReportedFailure('rows were rejected');
    });
}
