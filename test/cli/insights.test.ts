import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../helpers/cli.js';
import { scriptShow } from '../helpers/history.js';

const tmp = tempDir();
const dataDir = join(tmp.dir, 'store');
const dbFile = join(dataDir, 'lotcast.db');
const TZ = ['--tz', 'America/New_York'];
afterAll(() => tmp.cleanup());

const cli = async (args: string[]) => {
  const r = await runCli(args, { dataDir });
  expect(r.code, r.stderr).toBe(0);
  return r;
};

/**
 * The history: two shows scripted through lotcast's services on Saturday nights (20:00 in New
 * York) and one run tonight through the CLI with `lotcast sale`, each closed.
 */
beforeAll(async () => {
  const csv = join(tmp.dir, 'inv.csv');
  writeFileSync(
    csv,
    "SKU,Title,Qty,Price,Cost,Category,Brand,Location\nJEAN,Levi 501,3,50,10,Clothing,Levi's,B10\nCOIN,Silver dollar,5,20,12,Coins,,A2\nTOY,Toy car,2,8,,Toys,Hot Wheels,E1\nSTALE,Ugly lamp,1,40,15,Home,,C3\n",
  );
  await cli(['inventory', 'import', csv]);
  const skus = ['JEAN', 'COIN', 'TOY', 'STALE'];
  scriptShow(dbFile, {
    id: 'h1',
    startAt: '2026-11-15T01:00:00.000Z',
    durationS: 3600,
    skus,
    actions: [
      { atS: 120, sale: { channel: 'whatnot', sku: 'JEAN', price: 50, buyer: '@jane' } },
      { atS: 300, sale: { channel: 'tiktok', sku: 'COIN', price: 25, buyer: 'tt_kim' } },
      { atS: 1200, sale: { channel: 'whatnot', sku: 'COIN', price: 20, buyer: '@jane' } },
      { atS: 1500, giveaway: { winner: '@bob', channel: 'whatnot' } },
    ],
  });
  scriptShow(dbFile, {
    id: 'h2',
    startAt: '2026-11-22T01:00:00.000Z',
    durationS: 3600,
    skus,
    actions: [
      { atS: 60, sale: { channel: 'tiktok', sku: 'JEAN', price: 45, buyer: 'tt_kim' } },
      { atS: 100, sale: { channel: 'whatnot', sku: 'TOY', price: 8, buyer: '=2+3' } },
      { atS: 200, sale: { channel: 'whatnot', sku: 'COIN', price: 1, buyer: '@eve' } },
      { atS: 201, undo: true },
    ],
  });
  const profile = join(tmp.dir, 'p.yaml');
  writeFileSync(
    profile,
    'flashSales:\n  count: 0\ngiveaways:\n  everyMinutes: 0\n  buyerAppreciationMinutesBeforeEnd: 0\n',
  );
  await cli(['show', 'plan', '--name', 'Tonight', '--id', 'c1', '--strategy', 'as-listed', '--profile', profile]);
  await cli(['live', 'c1', '--plain']);
  await cli(['sale', '--show', 'c1', '--channel', 'whatnot', '--sku', 'COIN', '--price', '22', '--buyer', '@jane']);
  await cli([
    'sale',
    '--show',
    'c1',
    '--channel',
    'whatnot',
    '--sku',
    'JEAN',
    '--price',
    '55',
    '--buyer',
    '\u001b[2J@amy',
  ]);
  await cli(['show', 'close', 'c1', '--force']);
}, 60_000);

describe('lotcast insights (built CLI over scripted shows and lotcast sale)', () => {
  it('JSON: versioned schema, totals, fees as the show reports count them, profit unknown without a cost', async () => {
    const r = JSON.parse((await cli(['insights', '--format', 'json', ...TZ])).stdout);
    expect(r.schema).toBe('lotcast.insights/1');
    expect(r.byShow.map((s: { id: string }) => s.id)).toEqual(['h1', 'h2', 'c1']);
    expect(r.totals).toMatchObject({
      orders: 7,
      units: 7,
      grossCents: 9500 + 5300 + 7700,
      unitsMissingCost: 1,
      profitCents: null,
      marginPercent: null,
    });
    let reportFees = 0;
    for (const id of ['h1', 'h2', 'c1'])
      reportFees += JSON.parse((await cli(['report', id, '--format', 'json'])).stdout).totals.feesCents;
    expect(r.totals.feesCents).toBe(reportFees);
    expect(r.byChannel.map((c: { channel: string; orders: number }) => [c.channel, c.orders])).toEqual([
      ['tiktok', 2],
      ['whatnot', 5],
    ]);
    expect(r.stale).toEqual([
      expect.objectContaining({
        sku: 'STALE',
        showsOffered: 3,
        suggestion: expect.objectContaining({ kind: 'lower-start', startCents: 2800 }),
      }),
    ]);
    const sat = r.whenToGoLive.byWeekdayHour.find((c: { weekday: string }) => c.weekday === 'Sat');
    expect(sat).toMatchObject({ hour: 20, shows: 2, grossCents: 9500 + 5300 });
    expect(r.whenToGoLive.best).toBeNull();
  });

  it('filters by days on the seller clock, show, channel and category', async () => {
    const pick = async (args: string[]) =>
      JSON.parse((await cli(['insights', '--json', ...TZ, ...args])).stdout).byShow.map((s: { id: string }) => s.id);
    expect(await pick(['--since', '2026-11-21', '--until', '2026-11-21'])).toEqual(['h2']);
    expect(await pick(['--until', '2026-11-14'])).toEqual(['h1']);
    expect(await pick(['--show', 'h1,c1'])).toEqual(['h1', 'c1']);
    const coins = JSON.parse(
      (await cli(['insights', '--json', ...TZ, '--category', 'coins', '--channel', 'whatnot'])).stdout,
    );
    expect(coins.totals).toMatchObject({ orders: 2, grossCents: 2000 + 2200 });
    const bad = await runCli(['insights', '--since', 'last week'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since "last week" is not a date/);
    const feb = await runCli(['buyers', '--until', '2026-02-30'], { dataDir });
    expect(feb.code).toBe(2);
    expect(feb.stderr).toMatch(/--until "2026-02-30" is not a day of the calendar/);
    const tz = await runCli(['insights', '--tz', 'Mars/Olympus'], { dataDir });
    expect(tz.code).toBe(2);
    expect(tz.stderr).toMatch(/not a time zone/);
  });

  it('text: tables, bar charts, the best start once enough shows rest on it, no control characters', async () => {
    const t = (await cli(['insights', ...TZ, '--min-shows', '2'])).stdout;
    expect(t).toMatch(/Insights over 3 closed shows/);
    expect(t).toMatch(/Per channel\n.*Orders.*\nTikTok\s+2/);
    expect(t).toMatch(/Profit is not known: 1 unit\(s\) sold have no cost/);
    expect(t).toMatch(/^ {2}Sat .*\/h, 5 orders, 2 shows$/m);
    expect(t).toMatch(/^ {2}first 15 min █+/m);
    expect(t).toMatch(/Best: Sat 20:00, \$[\d,.]+ per hour over 2 shows/);
    expect(t).toMatch(/STALE Ugly lamp \(1 in stock\): try a lower start, \$28\.00/);
    expect(t).not.toContain('\u001b');
  });

  it('html: one page with inline SVG charts, nothing loaded from the network; md; csv through the CSV writer', async () => {
    const html = join(tmp.dir, 'insights.html');
    const r = await cli(['insights', '--format', 'html', '--out', html, ...TZ]);
    expect(r.stdout).toBe('');
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(page).not.toMatch(/https?:|<script|<link|src=/);
    expect(page).toMatch(/@media print/);
    const md = (await cli(['insights', '--format', 'md', ...TZ])).stdout;
    expect(md).toMatch(/^# Insights/);
    expect(md).toMatch(/\| Whatnot \| 5 \|/);
    const csv = (await cli(['insights', '--format', 'csv', ...TZ])).stdout.trim().split('\n');
    expect(csv[0]).toMatch(/^section,key,name,orders,units,gross,fees,cost,units_missing_cost,profit,/);
    expect(csv[1]).toMatch(/^total,all,All shows,7,7,225\.00,/);
  });
});

describe('lotcast buyers', () => {
  it('one roster across channels and shows; repeat buyers; csv neutralises formulas', async () => {
    const j = JSON.parse((await cli(['buyers', '--format', 'json'])).stdout);
    expect(j.schema).toBe('lotcast.buyers/1');
    const row = (h: string) => j.buyers.find((b: { handle: string }) => b.handle === h);
    expect(row('@jane')).toMatchObject({
      channel: 'whatnot',
      orders: 3,
      spendCents: 5000 + 2000 + 2200,
      showsAttended: 2,
      repeat: true,
    });
    expect(row('tt_kim')).toMatchObject({ channel: 'tiktok', orders: 2, repeat: true });
    expect(row('@bob')).toMatchObject({ orders: 0, giveawayWins: 1, showsAttended: 1, repeat: false });
    expect(row('@eve')).toBeUndefined(); // the undone sale
    const repeat = JSON.parse((await cli(['buyers', '--json', '--repeat'])).stdout).buyers;
    expect(repeat.map((b: { handle: string }) => b.handle)).toEqual(['@jane', 'tt_kim']);
    const csv = (await cli(['buyers', '--format', 'csv'])).stdout;
    expect(csv.split('\n')[0]).toBe(
      'channel,handle,orders,units,spend,first_purchase,last_purchase,giveaway_wins,shows_attended,repeat',
    );
    expect(csv).toContain("whatnot,'=2+3,1,1,8.00,");
    expect(csv).not.toContain('\u001b');
    const text = (await cli(['buyers'])).stdout;
    expect(text).toMatch(/5 buyers over 3 closed shows; 2 repeat/);
    expect(text).not.toContain('\u001b');
  });
});

describe('lotcast picklist: ship-by days and combined shipping (after the history above)', () => {
  it("adds each order's ship-by day and packs a buyer's orders from a show inside the window together", async () => {
    // Jane also bought yesterday: inside Whatnot's 3-day combined-shipping window.
    scriptShow(dbFile, {
      id: 'h3',
      startAt: new Date(Date.now() - 86_400_000).toISOString(),
      durationS: 1800,
      skus: ['COIN'],
      actions: [{ atS: 60, sale: { channel: 'whatnot', sku: 'COIN', price: 21, buyer: '@JANE' } }],
    });
    const j = JSON.parse((await cli(['picklist', 'c1', '--format', 'json', ...TZ])).stdout);
    const jane = j.buyers.find((b: { buyer: string }) => b.buyer === '@jane');
    expect(jane.combinedFrom).toEqual(['h3']);
    expect(jane.lines.map((l: { sku: string; fromShow: string | null }) => [l.sku, l.fromShow])).toEqual([
      ['COIN', null],
      ['COIN', 'h3'],
    ]);
    for (const l of jane.lines) expect(l.shipBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // h1 and h2 are more than 3 days back: not in this package.
    expect(j.buyers.flatMap((b: { combinedFrom: string[] }) => b.combinedFrom)).toEqual(['h3']);
    const text = (await cli(['picklist', 'c1', ...TZ])).stdout;
    expect(text).toMatch(/@jane on Whatnot: 2 units, \$43\.00; ship by \d{4}-\d{2}-\d{2}; with orders from h3/);
    expect(text).toMatch(/COIN\s+1 x Silver dollar \$21\.00 {2}\(from show h3, ship by \d{4}-\d{2}-\d{2}\)/);
    const csv = (await cli(['picklist', 'c1', '--format', 'csv', ...TZ])).stdout.split('\n');
    expect(csv[0]).toBe('channel,buyer,location,sku,title,quantity,price,ship_by,from_show');
    // A seller's own rules table: no combining across shows.
    const mine = join(tmp.dir, 'rules.json');
    const table = JSON.parse(readFileSync(join(repoRoot, 'templates/fees.json'), 'utf8'));
    for (const r of table.rules) r.combineShippingDays = 0;
    writeFileSync(mine, JSON.stringify(table));
    const own = JSON.parse((await cli(['picklist', 'c1', '--json', '--fees', mine, ...TZ])).stdout);
    expect(own.buyers.flatMap((b: { combinedFrom: string[] }) => b.combinedFrom)).toEqual([]);
  });
});

describe('lotcast show plan --stale-first --suggest-start (after the history above)', () => {
  it('brings stale stock to the front with its suggested start and says the best start so far', async () => {
    const r = await cli([
      'show',
      'plan',
      '--name',
      'Next',
      '--dry-run',
      '--format',
      'json',
      '--stale-first',
      '--suggest-start',
      ...TZ,
    ]);
    const plan = JSON.parse(r.stdout);
    const first = plan.segments.find((s: { kind: string }) => s.kind === 'lot');
    expect(first.sku).toBe('STALE');
    // TikTok buy it now $40 down to the suggested $28; the Whatnot $1 auction start stays.
    expect(first.prices.tiktok.priceCents).toBe(2800);
    expect(first.prices.whatnot.priceCents).toBe(100);
    expect(first.talkingPoints[0]).toMatch(/^Stale: unsold in 3 shows at \$40\.00/);
    expect(r.stderr).toMatch(/Stale stock first \(1\): STALE from \$28\.00\./);
    expect(r.stderr).toMatch(
      /No start time has 3 closed shows behind it yet; so far the best is \w{3} \d{2}:00 \(America\/New_York\)/,
    );
    const plain = JSON.parse(
      (await cli(['show', 'plan', '--name', 'Next', '--dry-run', '--format', 'json', '--strategy', 'hook'])).stdout,
    );
    expect(plain.segments.find((s: { sku?: string }) => s.sku === 'STALE').prices.tiktok.priceCents).toBe(4000);
    const text = (await cli(['show', 'plan', '--name', 'Next', '--dry-run', '--suggest-start', '--tz', 'UTC'])).stdout;
    expect(text).toMatch(/so far the best is \w{3} \d{2}:00 \(UTC\)/);
  });
});
