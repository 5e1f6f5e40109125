import type { Item } from '../inventory/item.js';
import { formatCents } from '../money.js';

/**
 * Talking points from a template the seller can edit: one line per point, `{{field}}`
 * placeholders; a line whose placeholders are all empty is left out, so "Flaws: {{notes}}"
 * only shows when there are flaws.
 */
export const DEFAULT_TALKING_POINTS = [
  '{{brand}} {{size_label}}',
  'Condition: {{condition}}',
  'Flaws / notes: {{notes}}',
  '{{description}}',
  'Multi-quantity: {{multi}} available, say the count out loud',
].join('\n');

export function talkingPoints(template: string, item: Item, units: number): string[] {
  const values: Record<string, string> = {
    sku: item.sku,
    title: item.title,
    brand: item.brand,
    size: item.size,
    size_label: item.size ? `size ${item.size}` : '',
    condition: item.condition,
    notes: item.notes.replace(/\s+/g, ' '),
    description: item.description.replace(/\s+/g, ' '),
    category: item.category,
    sub_category: item.subCategory,
    location: item.location,
    tags: item.tags.join(', '),
    price: item.priceCents === null ? '' : formatCents(item.priceCents),
    quantity: String(units),
    multi: units > 1 ? String(units) : '',
  };
  const out: string[] = [];
  for (const line of template.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const names = [...line.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
    if (names.length > 0 && names.every((n) => (values[n] ?? '') === '')) continue;
    const text = line
      .replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => values[n] ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) out.push(text);
  }
  return out;
}

/** Placeholders a template uses that lotcast does not know (reported as problems). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set([
    'sku',
    'title',
    'brand',
    'size',
    'size_label',
    'condition',
    'notes',
    'description',
    'category',
    'sub_category',
    'location',
    'tags',
    'price',
    'quantity',
    'multi',
  ]);
  return [...new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))].filter((n) => !known.has(n));
}
