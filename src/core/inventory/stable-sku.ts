/**
 * SKUs for rows that have none: derived from what identifies the item, so importing the same
 * row twice gives the same SKU (and updates the item instead of duplicating it).
 * FNV-1a (two 32-bit lanes), pure JS: the core does no IO and needs no crypto module.
 */
export function stableSku(parts: {
  title: string;
  brand: string;
  size: string;
  condition: string;
  category: string;
  description: string;
}): string {
  const key = [parts.title, parts.brand, parts.size, parts.condition, parts.category, parts.description]
    .map((p) => p.trim().toLowerCase().replace(/\s+/g, ' '))
    .join('\u0001');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  const hex = (h1.toString(36).padStart(7, '0') + h2.toString(36).padStart(7, '0')).slice(0, 10).toUpperCase();
  return `LC-${hex}`;
}
