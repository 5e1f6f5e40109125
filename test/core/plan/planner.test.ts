import { describe, expect, it } from 'vitest';
import { makeItem, type Item } from '../../../src/core/inventory/item.js';
import { parseDuration } from '../../../src/core/plan/duration.js';
import { planShow, type PlanInput } from '../../../src/core/plan/planner.js';
import { DEFAULT_PROFILE, type ShowProfile } from '../../../src/core/plan/profile.js';
import { validateProfile } from '../../../src/core/plan/profile-validate.js';
import { DEFAULT_TALKING_POINTS, talkingPoints } from '../../../src/core/plan/talking-points.js';

const items = (n: number, over: (i: number) => Partial<Item> = () => ({})): Item[] =>
  Array.from({ length: n }, (_, i) =>
    makeItem({
      sku: `S${i}`,
      title: `Item ${i}`,
      priceCents: 1000 + i * 500,
      category: ['A', 'B', 'C'][i % 3]!,
      ...over(i),
    }),
  );

function plan(over: Partial<PlanInput> = {}, profile: Partial<ShowProfile> = {}) {
  return planShow({
    id: 'x',
    name: 'Test',
    startAt: null,
    durationS: 3600,
    channels: ['whatnot', 'tiktok'],
    items: items(20),
    profile: { ...DEFAULT_PROFILE, ...profile },
    strategy: 'hook',
    seed: 1,
    talkingPointsTemplate: DEFAULT_TALKING_POINTS,
    createdAt: 'now',
    ...over,
  });
}

describe('planShow fitting', () => {
  it.each([
    [600, 'short show: lots carried'],
    [3600, 'an hour'],
    [7200, 'two hours'],
  ])('never plans past the duration (%i s: %s) and accounts for every item', (durationS) => {
    const doc = plan({ durationS });
    expect(doc.summary.plannedS).toBeLessThanOrEqual(durationS);
    const planned = new Set(doc.segments.filter((s) => s.kind === 'lot' || s.kind === 'flash-sale').map((s) => s.sku));
    const carried = new Set(doc.carried.map((c) => c.sku));
    expect(planned.size + carried.size).toBe(20);
    expect(doc.segments[0]?.kind).toBe('opening');
    expect(doc.segments.at(-1)?.kind).toBe('closing');
    doc.segments.forEach((s, i) => {
      if (i > 0) expect(s.offsetS).toBe(doc.segments[i - 1]!.offsetS + doc.segments[i - 1]!.durationS);
    });
  });

  it('says how many fit when there are more lots than time', () => {
    const doc = plan({ durationS: 900 });
    expect(doc.carried.length).toBeGreaterThan(0);
    expect(doc.warnings.map((w) => w.message).join('\n')).toMatch(
      new RegExp(`${doc.summary.lotCount} lots fit; ${doc.carried.length} item`),
    );
  });

  it('reports spare time when there are fewer lots than time', () => {
    const doc = plan({ durationS: 7200, items: items(3) });
    expect(doc.carried).toEqual([]);
    expect(doc.summary.spareS).toBe(7200 - doc.summary.plannedS);
    expect(doc.summary.spareS).toBeGreaterThan(3600);
  });

  it('makes a multi-quantity item one lot sold several times, longer than a single', () => {
    const doc = plan(
      {
        items: [
          makeItem({ sku: 'ONE', title: 'One', priceCents: 5000 }),
          makeItem({ sku: 'SIX', title: 'Packs', priceCents: 5000, quantity: 6 }),
        ],
      },
      { flashSales: { ...DEFAULT_PROFILE.flashSales, count: 0 } },
    );
    const lots = doc.segments.filter((s) => s.kind === 'lot');
    expect(lots).toHaveLength(2);
    const six = lots.find((l) => l.sku === 'SIX')!;
    const one = lots.find((l) => l.sku === 'ONE')!;
    expect(six.quantity).toBe(6);
    expect(six.durationS).toBe(
      DEFAULT_PROFILE.auction.introS + 6 * (DEFAULT_PROFILE.auction.timerS + DEFAULT_PROFILE.auction.counterBidS),
    );
    expect(six.durationS).toBeGreaterThan(one.durationS);
  });
});

describe('cadence', () => {
  it.each([
    [{ everyMinutes: 10, everyLots: 0 }, 'minutes'],
    [{ everyMinutes: 0, everyLots: 4 }, 'lots'],
  ])('places giveaways at the cadence (%j)', (cadence) => {
    const doc = plan(
      { durationS: 3600, items: items(60) },
      { giveaways: { ...DEFAULT_PROFILE.giveaways, ...cadence, buyerAppreciationMinutesBeforeEnd: 0 } },
    );
    const gs = doc.segments.filter((s) => s.kind === 'giveaway');
    expect(gs.length).toBeGreaterThan(1);
    if (cadence.everyLots) {
      const idx = doc.segments.map((s) => s.kind);
      let lotsSince = 0;
      for (const k of idx) {
        if (k === 'lot') lotsSince++;
        if (k === 'giveaway') {
          expect(lotsSince).toBe(4);
          lotsSince = 0;
        }
      }
    } else {
      for (let i = 1; i < gs.length; i++) expect(gs[i]!.offsetS - gs[i - 1]!.offsetS).toBeGreaterThanOrEqual(600);
    }
  });

  it('puts a buyer-appreciation giveaway near the end, before the closing', () => {
    const doc = plan({ durationS: 3600, items: items(60) });
    const seq = doc.segments.map((s) => s.detail ?? s.kind);
    expect(seq.at(-2)).toBe('buyer-appreciation');
  });

  it('uses giveaway-tagged items for giveaways, not as lots', () => {
    const its = [...items(10), makeItem({ sku: 'GIFT', title: 'Scoop', quantity: 5, tags: ['giveaway'] })];
    const doc = plan({ items: its, durationS: 3600 });
    expect(doc.segments.filter((s) => s.kind === 'lot').some((s) => s.sku === 'GIFT')).toBe(false);
    expect(doc.segments.filter((s) => s.kind === 'giveaway').every((s) => s.sku === 'GIFT')).toBe(true);
  });

  it('gives flash sales to the deepest multi-quantity items at a discount', () => {
    const its = [...items(10), makeItem({ sku: 'DEEP', title: 'Packs', quantity: 20, priceCents: 1000 })];
    const doc = plan({ items: its }, { flashSales: { ...DEFAULT_PROFILE.flashSales, count: 1, discountPercent: 20 } });
    const f = doc.segments.find((s) => s.kind === 'flash-sale')!;
    expect(f.sku).toBe('DEEP');
    expect(f.prices?.whatnot?.priceCents).toBe(800);
  });
});

describe('ordering', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const order = (seed: number) =>
      plan({ seed, items: items(30), durationS: 7200 })
        .segments.map((s) => s.sku ?? s.label)
        .join(',');
    expect(order(42)).toBe(order(42));
    expect(order(42)).not.toBe(order(43));
  });

  it('hook opens with the most valuable item right after the opening', () => {
    const doc = plan({ items: items(12), strategy: 'hook' });
    expect(doc.segments[1]?.sku).toBe('S11');
  });

  it.each([
    ['price-ascending', (p: number[]) => p.every((v, i) => i === 0 || v >= p[i - 1]!)],
    [
      'as-listed',
      (_p: number[], skus: string[]) =>
        skus.join() === [...skus].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).join(),
    ],
  ] as const)('%s', (strategy, check) => {
    const lots = plan(
      { strategy, items: items(10), durationS: 7200 },
      { flashSales: { ...DEFAULT_PROFILE.flashSales, count: 0 } },
    ).segments.filter((s) => s.kind === 'lot');
    expect(
      check(
        lots.map((l) => l.prices!.tiktok!.priceCents),
        lots.map((l) => l.sku!),
      ),
    ).toBe(true);
  });

  it('category-blocks keeps each category together', () => {
    const lots = plan(
      { strategy: 'category-blocks', items: items(12), durationS: 7200 },
      { flashSales: { ...DEFAULT_PROFILE.flashSales, count: 0 } },
    ).segments.filter((s) => s.kind === 'lot');
    const cats = lots.map((l) => items(12).find((i) => i.sku === l.sku)!.category);
    expect(cats.join('')).toMatch(/^A+B+C+$/);
  });
});

describe('prices and platform rules', () => {
  it('prices auctions by the start rule and BIN per channel', () => {
    const doc = plan(
      { items: [makeItem({ sku: 'P', title: 'P', priceCents: 5000 })] },
      {
        pricing: {
          ...DEFAULT_PROFILE.pricing,
          auctionStart: { rule: 'percent', percent: 30 },
          whatnot: { format: 'auction', binPercent: 100 },
          tiktok: { format: 'buy-now', binPercent: 110 },
        },
      },
    );
    const lot = doc.segments.find((s) => s.sku === 'P')!;
    expect(lot.prices?.whatnot).toMatchObject({ format: 'auction', priceCents: 1500 });
    expect(lot.prices?.tiktok).toMatchObject({ format: 'buy-now', priceCents: 5500 });
  });

  it.each([
    [{ flashSales: { ...DEFAULT_PROFILE.flashSales, seconds: 20 } }, /Whatnot flash sales run at least 30 s/],
    [{ flashSales: { ...DEFAULT_PROFILE.flashSales, countdownS: 5 } }, /10-300 s countdown/],
    [{ giveaways: { ...DEFAULT_PROFILE.giveaways, seconds: 400 } }, /at most 5 minutes/],
  ])('warns about platform rules %#', (profile, message) => {
    expect(
      plan({}, profile)
        .warnings.map((w) => w.message)
        .join('\n'),
    ).toMatch(message);
  });
});

describe('profile validation', () => {
  it('fills defaults and accepts a partial profile', () => {
    const r = validateProfile({ name: 'x', auction: { timerS: 15 } });
    expect(r.problems).toEqual([]);
    expect(r.profile?.auction).toEqual({ ...DEFAULT_PROFILE.auction, timerS: 15 });
  });

  it.each([
    [{ auction: { timer: 15 } }, 'auction.timer', /unknown key "timer"/],
    [{ auction: { timerS: -5 } }, 'auction.timerS', /must not be negative/],
    [{ giveaways: { type: 'raffle' } }, 'giveaways.type', /must be one of standard, follower-only/],
    [{ flashSales: { count: 1.5 } }, 'flashSales.count', /whole number/],
    [{ opneing: { seconds: 1 } }, 'opneing', /did you mean "opening"/],
  ])('rejects %j', (raw, field, message) => {
    const r = validateProfile(raw, (path) => ({ line: path.length, column: 3 }));
    expect(r.profile).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ field, line: field.split('.').length, column: 3 });
    expect(r.problems[0]?.message).toMatch(message);
  });
});

describe('talking points and durations', () => {
  it('drops lines whose fields are empty', () => {
    const item = makeItem({ sku: 'A', title: 'Tee', brand: 'Nike', size: 'M', condition: 'Good', notes: '' });
    expect(talkingPoints(DEFAULT_TALKING_POINTS, item, 1)).toEqual(['Nike size M', 'Condition: Good']);
    expect(talkingPoints(DEFAULT_TALKING_POINTS, item, 3).at(-1)).toMatch(/3 available/);
  });

  it.each([
    ['90m', 5400],
    ['2h', 7200],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['45s', 45],
    ['1:30', 5400],
    ['600', 600],
  ])('parseDuration(%j) = %i', (raw, s) => expect(parseDuration(raw)).toEqual({ ok: true, seconds: s }));
  it.each(['abc', '', '0m', '2 days'])('parseDuration rejects %j', (raw) => expect(parseDuration(raw).ok).toBe(false));
});

describe('stale stock first (show plan --stale-first)', () => {
  const forward = [
    { sku: 'S7', startCents: 2000, note: 'Stale: unsold in 3 shows at $45.00. Try a lower start ($20.00).' },
    { sku: 'S3', note: 'Stale: unsold in 2 shows. Try a bundle.' },
  ];
  it.each(['hook', 'category-blocks', 'price-ascending', 'as-listed'] as const)(
    'brings the stale lots right after the opening with %s, in the order given',
    (strategy) => {
      const doc = plan({ strategy, forward });
      const lots = doc.segments.filter((s) => s.kind === 'lot');
      expect(lots.slice(0, 2).map((s) => s.sku)).toEqual(['S7', 'S3']);
      expect(doc.segments[1]!.sku).toBe('S7');
      expect(new Set(lots.map((s) => s.sku)).size).toBe(lots.length);
    },
  );

  it('lowers prices to the suggested start, never raises them, and tells the host why', () => {
    const doc = plan(
      { forward, strategy: 'as-listed' },
      {
        pricing: {
          ...DEFAULT_PROFILE.pricing,
          whatnot: { format: 'auction', binPercent: 100 },
          tiktok: { format: 'buy-now', binPercent: 100 },
        },
      },
    );
    const s7 = doc.segments.find((s) => s.sku === 'S7')!;
    // TikTok buy it now $45.00 comes down to $20.00; the Whatnot $1 auction start stays $1.
    expect([s7.prices!.tiktok!.priceCents, s7.prices!.whatnot!.priceCents]).toEqual([2000, 100]);
    expect(s7.talkingPoints![0]).toMatch(/^Stale: unsold in 3 shows/);
    const s3 = doc.segments.find((s) => s.sku === 'S3')!;
    expect(s3.prices!.tiktok!.priceCents).toBe(2500);
    const plain = plan({ strategy: 'as-listed' }).segments.find((s) => s.sku === 'S7')!;
    expect((plain.talkingPoints ?? []).join(' ')).not.toMatch(/Stale/);
  });
});
