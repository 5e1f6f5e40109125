import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFeeTable, type FeeTable } from '../../../src/core/report/fees.js';
import { buildPicklist, type OtherShowSale } from '../../../src/core/report/picklist.js';
import { addBusinessDays, localDay, shipByDay } from '../../../src/core/report/shipping.js';
import type { EffectiveSale } from '../../../src/core/show/events.js';
import { repoRoot } from '../../helpers/cli.js';

const fees = validateFeeTable(JSON.parse(readFileSync(join(repoRoot, 'templates/fees.json'), 'utf8')))
  .table as FeeTable;

describe('ship-by days', () => {
  it.each([
    ['2026-11-27', 2, '2026-12-01'], // Friday + 2 business days = Tuesday
    ['2026-11-28', 2, '2026-12-01'], // Saturday: Monday is the first
    ['2026-11-29', 3, '2026-12-02'], // Sunday + 3 = Wednesday
    ['2026-11-30', 2, '2026-12-02'], // Monday + 2 = Wednesday
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-11-30', 0, '2026-11-30'],
  ])('%s + %i business days = %s', (day, n, out) => {
    expect(addBusinessDays(day, n)).toBe(out);
  });

  it.each([
    // an order at 02:30 UTC on Saturday is still Friday evening in New York
    ['whatnot', '2026-11-28T02:30:00.000Z', 'America/New_York', '2026-12-01'],
    ['whatnot', '2026-11-28T02:30:00.000Z', 'UTC', '2026-12-01'],
    ['tiktok', '2026-11-28T02:30:00.000Z', 'America/New_York', '2026-12-02'],
    ['tiktok', '2026-11-25T15:00:00.000Z', 'UTC', '2026-11-30'], // Wednesday + 3 = Monday
  ] as const)('%s order at %s (%s) ships by %s: Whatnot 2 business days, TikTok 3', (channel, at, tz, out) => {
    expect(shipByDay(fees, channel, at, tz)).toBe(out);
  });

  it('the seller overrides the handling time in their own table; none in the table means no date', () => {
    const mine: FeeTable = {
      schema: 'lotcast.fees/1',
      rules: [{ channel: 'whatnot', effectiveFrom: '2020-01-01', shipByBusinessDays: 1 }],
    };
    expect(shipByDay(mine, 'whatnot', '2026-11-27T15:00:00.000Z', 'UTC')).toBe('2026-11-30');
    expect(shipByDay(mine, 'tiktok', '2026-11-27T15:00:00.000Z', 'UTC')).toBeNull();
    expect(localDay('2026-11-28T02:30:00.000Z', 'America/Los_Angeles')).toBe('2026-11-27');
    expect(
      validateFeeTable({ rules: [{ channel: 'whatnot', effectiveFrom: '2020-01-01', shipByBusinessDays: -1 }] })
        .problems,
    ).toEqual(['rules[0].shipByBusinessDays must be a number of 0 or more']);
  });
});

describe('pick list across shows', () => {
  const items = {
    A: { title: 'Item A', category: '', location: 'A1' },
    B: { title: 'Item B', category: '', location: 'B1' },
    C: { title: 'Item C', category: '', location: 'C1' },
  };
  const sale = (
    sku: string,
    channel: 'whatnot' | 'tiktok',
    buyer: string,
    at: string,
    quantity = 1,
  ): EffectiveSale => ({
    saleId: `${sku}${at}`,
    eventId: 1,
    at,
    sku,
    channel,
    priceCents: 500,
    quantity,
    buyer,
    segmentIndex: 1,
    oversell: false,
    source: 'cli',
  });
  const other = (showId: string, s: EffectiveSale): OtherShowSale => ({ ...s, showId });
  const showAt = '2026-11-29T01:00:00.000Z'; // Saturday 20:00 in New York

  it("groups a buyer's orders from other shows inside the combined-shipping window, each with its ship-by day", () => {
    const list = buildPicklist(
      [
        sale('A', 'whatnot', '@jane', '2026-11-29T01:10:00.000Z'),
        sale('B', 'tiktok', 'tt_kim', '2026-11-29T01:20:00.000Z'),
      ],
      items,
      {
        table: fees,
        timeZone: 'America/New_York',
        showAt,
        others: [
          other('thu', sale('C', 'whatnot', '@JANE', '2026-11-27T01:00:00.000Z')), // 2 days before: in Whatnot's 3-day window
          other('old', sale('B', 'whatnot', '@jane', '2026-11-20T01:00:00.000Z')), // 9 days before: out
          other('thu', sale('C', 'whatnot', '@amy', '2026-11-27T01:00:00.000Z')), // not a buyer of this show
          other('thu', sale('C', 'tiktok', 'tt_kim', '2026-11-28T01:00:00.000Z')), // TikTok: 0 days, not across shows
        ],
      },
    );
    const jane = list.find((b) => b.buyer === '@jane')!;
    expect(jane.lines.map((l) => [l.sku, l.fromShow, l.shipBy])).toEqual([
      ['A', null, '2026-12-01'], // Saturday evening order: Tuesday
      ['C', 'thu', '2026-11-30'], // Thursday evening order: Monday
    ]);
    expect(jane).toMatchObject({ shipBy: '2026-11-30', combinedFrom: ['thu'], units: 2, packages: 1 });
    const kim = list.find((b) => b.buyer === 'tt_kim')!;
    expect(kim).toMatchObject({ shipBy: '2026-12-02', combinedFrom: [], units: 1 });
    expect(list.map((b) => b.buyer)).toEqual(['@jane', 'tt_kim']);
  });

  it('splits into packages where the channel caps items per package (Whatnot 20)', () => {
    const [big] = buildPicklist([sale('A', 'whatnot', '@bulk', '2026-11-29T01:10:00.000Z', 25)], items, {
      table: fees,
      timeZone: 'UTC',
      showAt,
      others: [],
    });
    expect(big).toMatchObject({ units: 25, packages: 2 });
  });

  it('without the rules (older callers) no ship-by and nothing combined', () => {
    const [b] = buildPicklist([sale('A', 'whatnot', '@jane', '2026-11-29T01:10:00.000Z')], items);
    expect(b).toMatchObject({ shipBy: null, combinedFrom: [], packages: 1 });
  });
});
