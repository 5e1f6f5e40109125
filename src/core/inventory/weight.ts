/** Weights become ounces: Whatnot's shipping profiles are oz/lb buckets. */
const PER_OZ: Record<string, number> = {
  oz: 1,
  ounce: 1,
  ounces: 1,
  lb: 16,
  lbs: 16,
  pound: 16,
  pounds: 16,
  g: 1 / 28.349523125,
  gram: 1 / 28.349523125,
  grams: 1 / 28.349523125,
  kg: 35.27396195,
  kgs: 35.27396195,
};

export function parseWeightOz(
  raw: string,
  defaultUnit: 'oz' | 'lb' | 'g' | 'kg' = 'oz',
): { ok: true; oz: number } | { ok: false; message: string } {
  const s = raw.trim().toLowerCase();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)?\.?$/.exec(s);
  if (!m) {
    // "1 lb 4 oz" is how people write parcels.
    const compound = /^(\d+(?:\.\d+)?)\s*(?:lb|lbs|pounds?)\s*,?\s*(\d+(?:\.\d+)?)\s*(?:oz|ounces?)$/.exec(s);
    if (compound) return { ok: true, oz: round2(Number(compound[1]) * 16 + Number(compound[2])) };
    return { ok: false, message: `"${raw.trim()}" is not a weight (write it like 12 oz, 1.5 lb or 200 g)` };
  }
  const unit = m[2] ?? defaultUnit;
  const factor = PER_OZ[unit];
  if (factor === undefined)
    return { ok: false, message: `"${raw.trim()}": unknown weight unit "${unit}" (use oz, lb, g or kg)` };
  return { ok: true, oz: round2(Number(m[1]) * factor) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
