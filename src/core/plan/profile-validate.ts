import type { Problem } from '../errors.js';
import { DEFAULT_PROFILE, type ShowProfile } from './profile.js';

/** Where a key sits in the profile file, for `file:line:column` messages. */
export type PositionOf = (path: string[]) => { line: number; column: number } | undefined;

type Shape = {
  [k: string]: Shape | 'seconds' | 'minutes' | 'count' | 'percent' | 'cents' | 'bool' | 'text' | string[];
};

const SHAPE: Shape = {
  name: 'text',
  opening: { seconds: 'seconds', title: 'text' },
  closing: { seconds: 'seconds', title: 'text' },
  auction: { introS: 'seconds', timerS: 'seconds', counterBidS: 'seconds', suddenDeath: 'bool' },
  buyNow: { introS: 'seconds', perExtraUnitS: 'seconds' },
  pricing: {
    auctionStart: { rule: ['dollar-start', 'percent'], percent: 'percent' },
    whatnot: { format: ['auction', 'buy-now', 'auto'], binPercent: 'percent' },
    tiktok: { format: ['auction', 'buy-now', 'auto'], binPercent: 'percent' },
    auctionFromCents: 'cents',
  },
  giveaways: {
    everyMinutes: 'minutes',
    everyLots: 'count',
    seconds: 'seconds',
    type: ['standard', 'follower-only'],
    buyerAppreciationMinutesBeforeEnd: 'minutes',
  },
  flashSales: { count: 'count', seconds: 'seconds', countdownS: 'seconds', discountPercent: 'percent' },
  breaks: { everyMinutes: 'minutes', seconds: 'seconds' },
};

/**
 * Checks a parsed profile against the known keys and value kinds, filling unspecified keys
 * from the defaults. Every problem is returned (typo'd key, negative time, wrong type), with
 * its position when the caller can tell it.
 */
export function validateProfile(
  raw: unknown,
  positionOf: PositionOf = () => undefined,
): { profile?: ShowProfile; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (path: string[], message: string) => {
    const pos = positionOf(path);
    problems.push({ line: pos?.line, column: pos?.column, field: path.join('.'), message });
  };
  function walk(
    value: unknown,
    shape: Shape,
    defaults: Record<string, unknown>,
    path: string[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = { ...defaults };
    if (value === null || value === undefined) return out;
    if (typeof value !== 'object' || Array.isArray(value)) {
      at(path, 'must be a mapping of keys');
      return out;
    }
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const spec = shape[key];
      const p = [...path, key];
      if (spec === undefined) {
        const near = Object.keys(shape).find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
        at(
          p,
          `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; known keys: ${Object.keys(shape).join(', ')}`,
        );
        continue;
      }
      if (Array.isArray(spec)) {
        if (typeof v !== 'string' || !spec.includes(v))
          at(p, `must be one of ${spec.join(', ')} (got ${JSON.stringify(v)})`);
        else out[key] = v;
      } else if (typeof spec === 'object') {
        out[key] = walk(v, spec, (defaults[key] ?? {}) as Record<string, unknown>, p);
      } else if (spec === 'text') {
        if (typeof v !== 'string') at(p, 'must be text');
        else out[key] = v;
      } else if (spec === 'bool') {
        if (typeof v !== 'boolean') at(p, 'must be true or false');
        else out[key] = v;
      } else {
        if (typeof v !== 'number' || !Number.isFinite(v)) at(p, `must be a number (${spec})`);
        else if (v < 0) at(p, `must not be negative (got ${v})`);
        else if ((spec === 'count' || spec === 'cents') && !Number.isInteger(v))
          at(p, `must be a whole number (got ${v})`);
        else if (spec === 'percent' && v > 1000) at(p, `is a percentage; ${v} is out of range`);
        else out[key] = v;
      }
    }
    return out;
  }
  const profile = walk(raw, SHAPE, DEFAULT_PROFILE as unknown as Record<string, unknown>, []) as unknown as ShowProfile;
  if (problems.length === 0) {
    if (profile.auction.timerS === 0) at(['auction', 'timerS'], 'an auction needs a timer above 0 s');
    if (profile.pricing.tiktok.format === 'auction' && profile.pricing.whatnot.format === 'buy-now') {
      // allowed, but unusual; no problem
    }
  }
  return problems.length ? { problems } : { profile, problems };
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = Math.min(
        dp[i - 1]![j]! + 1,
        dp[i]![j - 1]! + 1,
        dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return dp[a.length]![b.length]!;
}
