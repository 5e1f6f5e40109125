import { formatProblem } from '../../core/errors.js';
import type { ImportSummary } from '../../services/inventory-import.js';
import type { Output } from '../output.js';

export function printImportSummary(out: Output, s: ImportSummary, json: boolean): void {
  if (json) {
    out.json(s);
    return;
  }
  const c = out.color;
  for (const p of s.problems.slice(0, 500)) out.note(`${c.red('error')}: ${formatProblem(p, p.file)}`);
  if (s.problems.length > 500) out.note(`… and ${s.problems.length - 500} more problems (use --json for all)`);
  if (s.changes) {
    for (const ch of s.changes.filter((x) => x.action !== 'unchanged').slice(0, 200)) {
      const detail = ch.action === 'updated' ? ` (${ch.fields?.join(', ')})` : '';
      out.line(`  ${ch.action === 'created' ? c.green('+ create') : c.yellow('~ update')}  ${ch.sku}  ${ch.title}${detail}`);
    }
  }
  const what = s.format === 'whatnot' ? "Whatnot's bulk template" : 'generic columns';
  const sep = { comma: 'comma', semicolon: 'semicolon', tab: 'tab' }[s.delimiter];
  out.line(`${s.file}: ${s.rows} rows (${what}, ${sep}-separated)`);
  const counts = `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected`;
  if (s.dryRun) out.line(`Dry run, nothing written: would be ${counts}.`);
  else if (!s.written) out.line(c.red(`Nothing written: ${s.rejected} invalid row${s.rejected === 1 ? '' : 's'}. Fix ${s.rejected === 1 ? 'it' : 'them'} and import again, or use --skip-invalid to import the valid rows.`));
  else out.line(c.green(`Imported: ${counts}.`));
  if (s.generatedSkus > 0) out.line(c.dim(`${s.generatedSkus} rows had no SKU and got a stable generated one (LC-…); the same row imports to the same SKU.`));
  if (s.keptColumns.length > 0) out.line(c.dim(`Kept as extra data (no lotcast field): ${s.keptColumns.join(', ')}. Use --map "Column=field" to map one.`));
}
