import { formatProblem } from '../core/errors.js';
import { sourceLabel } from '../core/inventory/sources.js';
import { basename } from 'node:path';
import type { ImportProgress, ImportSummary } from '../services/inventory-import.js';
import type { Output } from '../ui/output.js';

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
      out.line(
        `  ${ch.action === 'created' ? c.green('+ create') : c.yellow('~ update')}  ${ch.sku}  ${ch.title}${detail}`,
      );
    }
  }
  printSkipped(out, s);
  const how = [
    sourceLabel(s.format),
    s.delimiter ? `${s.delimiter}-separated` : undefined,
    s.encoding && s.encoding !== 'utf-8' ? `read as ${s.encoding}` : undefined,
    s.decimal === 'comma' ? 'decimal comma' : undefined,
    s.headerLine > 1 ? `header on line ${s.headerLine}, the lines above it skipped` : undefined,
  ].filter((x) => x !== undefined);
  out.line(`${s.sheet ? `${s.file}, sheet "${s.sheet}"` : s.file}: ${s.rows} rows (${how.join(', ')})`);
  const counts = `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}`;
  if (s.dryRun) out.line(`Dry run, nothing written: would be ${counts}.`);
  else if (!s.written)
    out.line(
      c.red(
        `Nothing written: ${s.rejected} invalid row${s.rejected === 1 ? '' : 's'}. Fix ${s.rejected === 1 ? 'it' : 'them'} and import again, or use --skip-invalid to import the valid rows.`,
      ),
    );
  else out.line(c.green(`Imported: ${counts}.`));
  if (s.generatedSkus > 0)
    out.line(
      c.dim(
        `${s.generatedSkus} rows had no SKU and got a stable generated one (LC-…); the same row imports to the same SKU.`,
      ),
    );
  if (s.keptColumns.length > 0)
    out.line(
      c.dim(`Kept as extra data (no lotcast field): ${s.keptColumns.join(', ')}. Use --map "Column=field" to map one.`),
    );
}

/** Rows not imported as stock, each with its line and why (the first 50; --json has all). */
function printSkipped(out: Output, s: ImportSummary): void {
  const c = out.color;
  for (const sk of s.skippedRows.slice(0, 50)) out.note(`${c.dim('skipped')}: ${sk.file}:${sk.line}: ${sk.reason}`);
  if (s.skippedRows.length > 50) out.note(`… and ${s.skippedRows.length - 50} more skipped rows (use --json for all)`);
  if (s.skippedRows.some((sk) => sk.reason.startsWith('status')) && !s.includeSold)
    out.note(c.dim('Sold, ended and archived rows are history, not stock: --include-sold imports them at quantity 0.'));
  if (s.photos) {
    out.line(`Photos: ${s.photos.attached} items got photos from the folder.`);
    if (s.photos.unmatched.length > 0)
      out.note(
        `${s.photos.unmatched.length} photos match no SKU in this file: ${s.photos.unmatched
          .slice(0, 10)
          .map((p) => basename(p))
          .join(', ')}${s.photos.unmatched.length > 10 ? ', …' : ''}`,
      );
  }
}

/** `Importing haul.csv  [######------]  42%  41,000 rows  98,000 rows/s` for a terminal. */
export function renderImportProgress(file: string, p: ImportProgress, seconds: number): string {
  const frac = p.fileBytes > 0 ? Math.min(1, p.bytesRead / p.fileBytes) : 0;
  const width = 24;
  const filled = Math.round(frac * width);
  const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0;
  return `Importing ${basename(file)}  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]  ${String(Math.floor(frac * 100)).padStart(3)}%  ${p.rows.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s`;
}

/**
 * A progress line on stderr while a big import runs (a small one is done before it would
 * show): drawn at most every 100 ms after the first half second, cleared at the end.
 */
export class ImportProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly file: string,
  ) {}

  update = (p: ImportProgress): void => {
    const now = Date.now();
    if (now - this.started < 500 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r\x1b[2K${renderImportProgress(this.file, p, (now - this.started) / 1000)}`);
  };

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
