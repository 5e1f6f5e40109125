import { Option, type Command } from 'commander';
import type { ItemFilter } from '../core/inventory/item.js';
import { parseMoney } from '../core/money.js';
import { UsageError } from '../core/errors.js';
import { collectList } from './options.js';

/**
 * The item filters every command that selects inventory shares (inventory list/export,
 * show plan, list, export whatnot-csv), so a seller learns them once.
 */
export function addItemFilterOptions(cmd: Command): Command {
  const list = collectList;
  return cmd
    .addOption(new Option('--category <names>', 'only these categories (comma-separated, repeatable)').argParser(list))
    .addOption(
      new Option('--tag <tags>', 'only items with any of these tags (comma-separated, repeatable)').argParser(list),
    )
    .addOption(new Option('--sku <skus>', 'only these SKUs (comma-separated, repeatable)').argParser(list))
    .addOption(new Option('--location <bins>', 'only items at these shelf/bin locations').argParser(list))
    .addOption(new Option('--search <text>', 'title, SKU, brand or description contains this text'))
    .addOption(new Option('--min-price <price>', 'price at least this (e.g. 5 or $5.00)'))
    .addOption(new Option('--max-price <price>', 'price at most this'))
    .addOption(new Option('--in-stock', 'only items with quantity above zero'));
}

export interface ItemFilterFlags {
  category?: string[];
  tag?: string[];
  sku?: string[];
  location?: string[];
  search?: string;
  minPrice?: string;
  maxPrice?: string;
  inStock?: boolean;
}

export function parseItemFilter(flags: ItemFilterFlags, defaults: ItemFilter = {}): ItemFilter {
  const filter: ItemFilter = { ...defaults };
  if (flags.category?.length) filter.categories = flags.category;
  if (flags.tag?.length) filter.tags = flags.tag;
  if (flags.sku?.length) filter.skus = flags.sku;
  if (flags.location?.length) filter.locations = flags.location;
  if (flags.search) filter.text = flags.search;
  if (flags.inStock) filter.inStock = true;
  for (const [flag, key] of [
    ['minPrice', 'minPriceCents'],
    ['maxPrice', 'maxPriceCents'],
  ] as const) {
    const raw = flags[flag];
    if (raw === undefined) continue;
    const parsed = parseMoney(raw);
    if (!parsed.ok) {
      const name = flag === 'minPrice' ? '--min-price' : '--max-price';
      throw new UsageError(`${name} ${parsed.message}.`, { hint: `Write it like ${name} 5 or ${name} 12.50.` });
    }
    filter[key] = parsed.cents;
  }
  if (
    filter.minPriceCents !== undefined &&
    filter.maxPriceCents !== undefined &&
    filter.minPriceCents > filter.maxPriceCents
  ) {
    throw new UsageError('--min-price is above --max-price: no item can match.', { hint: 'Swap the two values.' });
  }
  return filter;
}
