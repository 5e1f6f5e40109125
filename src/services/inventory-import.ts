import { basename } from 'node:path';
import { mapColumns } from '../core/inventory/columns.js';
import { mapRow, type ItemDraft } from '../core/inventory/row.js';
import { UsageError, ValidationError, type Problem } from '../core/errors.js';
import { openCsv, type Delimiter } from '../adapters/csv/csv-reader.js';
import type { Store } from '../adapters/store/database.js';
import { BATCH_ROWS, InventoryWriter, type UpsertOutcome } from '../adapters/store/inventory-writer.js';

export interface ImportOptions {
  file: string;
  format?: 'auto' | 'generic' | 'whatnot';
  /** Their column -> lotcast field, from --map. */
  map?: Record<string, string>;
  delimiter?: Delimiter;
  skipInvalid?: boolean;
  addQuantity?: boolean;
  dryRun?: boolean;
  /** ISO time stamped on created/updated items. */
  now: string;
}

export interface ImportChange {
  sku: string;
  title: string;
  line: number;
  action: UpsertOutcome;
  /** Fields that change (dry run only). */
  fields?: string[];
}

/** The `--json` summary of `lotcast inventory import` (documented in README). */
export interface ImportSummary {
  file: string;
  format: 'generic' | 'whatnot';
  delimiter: 'comma' | 'semicolon' | 'tab';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  generatedSkus: number;
  /** True when the store was changed (false on --dry-run and when invalid rows stopped the import). */
  written: boolean;
  dryRun: boolean;
  addQuantity: boolean;
  /** Columns lotcast has no field for: kept verbatim with each item (shown in `inventory export`). */
  keptColumns: string[];
  /** Column -> field actually used. */
  columns: Array<{ column: string; field: string | null }>;
  problems: Array<Problem & { file: string }>;
  /** Per-item outcomes on --dry-run (what would change). */
  changes?: ImportChange[];
}

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/**
 * Imports a seller's CSV into the store in ONE transaction: every row validated, every problem
 * collected; if any row is invalid nothing is written unless skipInvalid. Dry runs roll back.
 */
export async function importInventory(store: Store, opts: ImportOptions): Promise<ImportSummary> {
  const source = await openCsv(opts.file, opts.delimiter ? { delimiter: opts.delimiter } : {});
  const shownFile = opts.file;
  const { mapping, problems: mappingProblems } = mapColumns(source.headers, { format: opts.format ?? 'auto', overrides: opts.map ?? {} });
  const mapErrors = mappingProblems.filter((p) => p.message.startsWith('--map'));
  if (mapErrors.length > 0) {
    throw new UsageError(mapErrors.map((p) => p.message).join('; '), { hint: 'Write it as --map "Their Column=field".' });
  }
  if (mappingProblems.length > 0) {
    throw new ValidationError(
      `${basename(opts.file)} cannot be imported.`,
      mappingProblems.map((p) => ({ line: source.headerLine, field: p.field, message: p.message })),
      { source: shownFile, hint: 'Name a column Title (or Name / Item), or map one with --map "Their Column=title".' },
    );
  }

  const summary: ImportSummary = {
    file: opts.file,
    format: mapping.format,
    delimiter: DELIMITER_NAMES[source.delimiter],
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    generatedSkus: 0,
    written: false,
    dryRun: Boolean(opts.dryRun),
    addQuantity: Boolean(opts.addQuantity),
    keptColumns: mapping.kept,
    columns: mapping.headers.map((h, i) => ({ column: h, field: mapping.fields[i] ?? null })),
    problems: [],
    ...(opts.dryRun ? { changes: [] } : {}),
  };

  const NO_COMMIT = Symbol('no-commit');
  try {
    await store.transactionAsync(async () => {
      const writer = new InventoryWriter(store);
      let batch: Array<{ draft: ItemDraft; line: number }> = [];
      const skuCol = mapping.fields.indexOf('sku');
      const flush = () => {
        if (batch.length === 0) return;
        const dups = writer.duplicates(batch);
        const ok: Array<{ draft: ItemDraft; line: number }> = [];
        batch.forEach((b, i) => {
          const first = dups.get(i);
          if (first === undefined) return ok.push(b);
          summary.rejected++;
          summary.problems.push({
            line: b.line,
            field: skuCol >= 0 ? mapping.headers[skuCol] : 'SKU',
            file: shownFile,
            message: b.draft.skuGenerated
              ? `same item as line ${first} and neither has a SKU: give them SKUs, or make it one row with the total quantity`
              : `duplicate SKU "${b.draft.sku}" (first on line ${first})`,
          });
        });
        if (opts.dryRun) {
          for (const b of ok) {
            const preview = writer.preview(b.draft, Boolean(opts.addQuantity));
            summary.changes!.push({ sku: b.draft.sku, title: b.draft.title, line: b.line, action: preview.outcome, fields: preview.fields });
            summary[preview.outcome]++;
          }
        } else {
          for (const outcome of writer.writeBatch(ok.map((b) => b.draft), opts.now, Boolean(opts.addQuantity))) summary[outcome]++;
        }
        for (const b of ok) if (b.draft.skuGenerated) summary.generatedSkus++;
        batch = [];
      };
      for await (const rec of source.records) {
        summary.rows++;
        const { draft, problems } = mapRow(rec.values, mapping, rec.line);
        if (!draft) {
          summary.rejected++;
          for (const p of problems) summary.problems.push({ ...p, file: shownFile });
          continue;
        }
        batch.push({ draft, line: rec.line });
        if (batch.length >= BATCH_ROWS) flush();
      }
      flush();
      writer.dispose();
      // Problems from batched duplicate checks arrive late: report in file order.
      summary.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      if (opts.dryRun || (summary.rejected > 0 && !opts.skipInvalid)) throw NO_COMMIT;
    });
    summary.written = true;
  } catch (err) {
    if (err !== NO_COMMIT) throw err;
  }
  if (!summary.written && !opts.dryRun) {
    // Nothing was written, so nothing was created or updated.
    summary.created = summary.updated = summary.unchanged = 0;
  }
  return summary;
}
