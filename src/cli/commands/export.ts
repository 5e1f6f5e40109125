import { Option, type Command } from 'commander';
import { LotcastError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../item-filter-options.js';
import { jsonOption } from '../options.js';

export function registerExport(program: Command): void {
  const exp = program.command('export').description("files for platforms: Whatnot's bulk-listing CSV");
  const cmd = exp
    .command('whatnot-csv')
    .description(
      'Whatnot Seller Hub bulk-listing CSV (exact header), values mapped and checked; in-stock items by default',
    )
    .option('--out <file>', 'write here (default: standard output)')
    .addOption(
      new Option('--type <type>', 'listing type for items whose sheet has none')
        .choices(['auction', 'buy-it-now'])
        .default('auction'),
    )
    .option('--offerable', 'let buyers make offers on Buy it Now listings')
    .option('--skip-invalid', 'write the good rows and list the rest, instead of writing nothing')
    .option('--include-sold-out', 'also items with quantity 0 (they will be reported: Whatnot needs 1 or more)')
    .addOption(jsonOption());
  addItemFilterOptions(cmd).action(
    async (
      f: ItemFilterFlags & {
        out?: string;
        type: string;
        offerable?: boolean;
        skipInvalid?: boolean;
        includeSoldOut?: boolean;
        json?: boolean;
      },
      c: Command,
    ) => {
      const ctx = contextOf(c);
      const filter = parseItemFilter(f, f.includeSoldOut ? {} : { inStock: true });
      const { exportWhatnotCsv } = await import('../../services/whatnot-csv-export.js');
      const r = exportWhatnotCsv(ctx.store(), {
        filter,
        out: f.out,
        skipInvalid: Boolean(f.skipInvalid),
        csv: { defaultType: f.type === 'auction' ? 'Auction' : 'Buy it Now', offerable: Boolean(f.offerable) },
      });
      if (f.json) {
        ctx.out.json({ rows: r.rows, written: r.written, out: f.out ?? null, skipped: r.skipped, notes: r.notes });
      } else {
        if (r.written && !f.out) ctx.out.stdout.write(r.csv);
        const log = f.out ? (t: string) => ctx.out.line(t) : (t: string) => ctx.out.note(t);
        for (const s of r.skipped) for (const p of s.problems) log(`${s.sku}: ${p.field} ${p.message}: ${p.fix}`);
        for (const n of r.notes) log(`${n.sku}: ${n.note}`);
        if (r.written && f.out)
          log(
            `Wrote ${r.rows} listing(s) to ${f.out}${r.skipped.length ? `; left out ${r.skipped.length}` : ''}. Upload it in Seller Hub > Inventory > Bulk upload.`,
          );
      }
      if (!r.written)
        throw new LotcastError(`${r.skipped.length} item(s) cannot go in Whatnot's CSV; nothing written.`, {
          hint: 'Fix them in your sheet and re-import, or pass --skip-invalid to write the rest.',
        });
      if (r.rows === 0)
        throw new LotcastError('No items to export.', {
          hint: 'Check the filters (out-of-stock items are left out unless --include-sold-out).',
        });
    },
  );
}
