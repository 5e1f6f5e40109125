import { Option, type Command } from 'commander';
import { SOURCES, sourceLabel, type SourceId } from '../core/inventory/sources.js';
import { WHATNOT_HEADER } from '../core/inventory/columns.js';
import type { TextEncoding } from '../adapters/csv/encoding.js';
import type { ImportOptions } from '../services/inventory-import.js';
import type { Output } from '../ui/output.js';

/** `inventory import`'s options about where the file comes from and how it is written. */
export interface SourceFlags {
  format: 'auto' | SourceId;
  sheet?: string;
  decimal?: 'comma' | 'point';
  encoding?: keyof typeof ENCODINGS;
  includeSold?: boolean;
  images?: string;
  formats?: boolean;
}

const ENCODINGS = {
  'utf-8': 'utf-8',
  'windows-1252': 'windows-1252',
  latin1: 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
} as const satisfies Record<string, TextEncoding>;

const FORMAT_IDS: SourceId[] = ['generic', 'whatnot', ...SOURCES.map((s) => s.id)];

export function addSourceOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--format <name>', 'read the file as this export (see --formats)')
        .choices(['auto', ...FORMAT_IDS])
        .default('auto'),
    )
    .option('--formats', 'list the exports lotcast recognises and the columns each uses, then exit')
    .option('--sheet <name>', 'the sheet of an Excel workbook to read (default: the first with a header)')
    .addOption(
      new Option('--decimal <mark>', 'how prices write decimals (default: learnt from the file)').choices([
        'point',
        'comma',
      ]),
    )
    .addOption(
      new Option('--encoding <name>', "the CSV's text encoding (default: detected)").choices(Object.keys(ENCODINGS)),
    )
    .option('--include-sold', 'import sold/ended/archived rows at quantity 0 (sales history) instead of skipping them')
    .option('--images <dir>', 'attach photos named by SKU from this folder (SKU.jpg, SKU-2.jpg, SKU_3.png)');
}

export function sourceOptions(flags: SourceFlags): Partial<ImportOptions> {
  return {
    format: flags.format,
    ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
    ...(flags.decimal ? { decimal: flags.decimal } : {}),
    ...(flags.encoding ? { encoding: ENCODINGS[flags.encoding] } : {}),
    includeSold: Boolean(flags.includeSold),
    ...(flags.images !== undefined ? { imagesDir: flags.images } : {}),
  };
}

/** Roles that are not item fields, in the seller's words. */
const ROLE_WORDS: Record<string, string> = {
  descriptionHtml: 'description (HTML as text)',
  productImage: "images (every variant's)",
  fallbackSku: 'sku when none is given',
  optionName: 'option name',
  optionValue: 'option (size, else added to the title)',
  variation: 'added to the title',
  conditionId: 'condition (eBay condition ID)',
  handle: "product (groups a product's rows)",
  status: 'status (sold/archived rows skipped)',
  currency: 'currency (must be USD)',
};

/** `lotcast inventory import --formats`: each export, where to get it, the columns it is known by. */
export function printFormats(out: Output, json: boolean): void {
  const rows = [
    {
      format: 'generic',
      label: sourceLabel('generic'),
      export: 'any sheet: columns named SKU, Title, Qty, Price, ... (README lists the names)',
      recognisedBy: [],
      columns: {},
    },
    {
      format: 'whatnot',
      label: sourceLabel('whatnot'),
      export: 'Seller Hub > Inventory > Bulk upload template',
      recognisedBy: [WHATNOT_HEADER.join(', ')],
      columns: {},
    },
    ...SOURCES.map((s) => ({
      format: s.id,
      label: s.label,
      export: s.exportHow,
      recognisedBy: s.signature.map((g) => g.join(' or ')),
      columns: s.columns,
    })),
  ];
  if (json) {
    out.json({ formats: rows });
    return;
  }
  const c = out.color;
  for (const r of rows) {
    out.line(`${c.bold(r.format.padEnd(20))}${r.label}`);
    out.line(`  export: ${r.export}`);
    if (r.recognisedBy.length > 0) out.line(`  recognised by: ${r.recognisedBy.join('; ')}`);
    const cols = Object.entries(r.columns).filter(([, role]) => role !== 'ignore');
    if (cols.length > 0)
      out.line(`  reads: ${cols.map(([col, role]) => `${col} -> ${ROLE_WORDS[role] ?? role}`).join(', ')}`);
  }
  out.line(c.dim('Headers are compared without case or punctuation. Other columns are read by their usual names.'));
}
