import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { TikTokFake } from '../fakes/tiktok-fake.js';
import { WhatnotFake } from '../fakes/whatnot-fake.js';

const tmp = tempDir();
let tiktok: TikTokFake;
let whatnot: WhatnotFake;
let env: NodeJS.ProcessEnv;
const dataDir = join(tmp.dir, 'data');
const secrets = () => [tiktok.appSecret, tiktok.accessToken, tiktok.refreshToken, whatnot.token];

beforeAll(async () => {
  tiktok = await new TikTokFake().start();
  whatnot = await new WhatnotFake().start();
  env = {
    LOTCAST_TIKTOK_API_BASE: tiktok.url,
    LOTCAST_TIKTOK_AUTH_BASE: tiktok.url,
    LOTCAST_WHATNOT_API_BASE: whatnot.apiBase,
  };
  writeFileSync(join(tmp.dir, 'photo-d.jpg'), Buffer.alloc(1024, 3));
});
afterAll(async () => {
  await tiktok.close();
  await whatnot.close();
  tmp.cleanup();
});

function inventoryCsv(priceA = '$20.00', extra = ''): string {
  const img = (n: string) => `${tiktok.url}/img/${n}.jpg`;
  return [
    'SKU,Title,Description,Qty,Price,Condition,Category,Brand,Weight,Image URL 1',
    `A,Vintage Levi's 501 Jeans,"Made in USA, 32x30",1,${priceA},Good,Clothing,Levi's,1.5 lb,${img('a')}`,
    'B,Pyrex Butterprint Bowl,No photo yet,2,$30,Very Good,Home,Pyrex,2 lb,',
    `C,Pokemon Booster Pack,Sealed,3,$6,Brand New,Trading Cards,Pokemon,1 oz,${img('c')}`,
    `D,Coach Leather Wallet,Photo on this laptop,1,$45,Like New,Accessories,Coach,5 oz,${join(tmp.dir, 'photo-d.jpg')}`,
    extra,
  ]
    .filter(Boolean)
    .join('\n');
}

async function run(args: string[], input?: string): Promise<CliResult> {
  const r = await runCli(args, { dataDir, env, ...(input !== undefined ? { input } : {}), timeoutMs: 40_000 });
  for (const s of secrets()) expect(`${r.stdout}${r.stderr}`, `secret leaked by ${args.join(' ')}`).not.toContain(s);
  return r;
}

describe('channels through the built CLI, against fake TikTok Shop and Whatnot servers', () => {
  it('channel add checks credentials with the platform before saving them (0600)', async () => {
    const bad = await run(['channel', 'add', 'whatnot', '--token-stdin'], 'wn_access_tk_test_not_the_right_one');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/refused the API token/);
    const wn = await run(['channel', 'add', 'whatnot', '--token-stdin'], whatnot.token);
    expect(wn.code, wn.stderr).toBe(0);
    const tt = await run(
      ['channel', 'add', 'tiktok', '--app-key', tiktok.appKey, '--app-secret-stdin', '--auth-code', tiktok.authCode],
      tiktok.appSecret,
    );
    expect(tt.code, tt.stderr).toBe(0);
    expect(tt.stdout).toMatch(/shop: Fake Thrift Co/);
    const file = join(dataDir, 'config', 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      whatnot: { token: string };
      tiktok: { accessToken: string; shopCipher: string };
    };
    expect(saved.whatnot.token).toBe(whatnot.token);
    expect(saved.tiktok.accessToken).toBe(tiktok.accessToken);
    expect(saved.tiktok.shopCipher).toBe(tiktok.cipher);
    const list = await run(['channel', 'list', '--json']);
    const infos = (JSON.parse(list.stdout) as { channels: Array<{ channel: string; configured: boolean }> }).channels;
    expect(infos.map((i) => [i.channel, i.configured])).toEqual([
      ['whatnot', true],
      ['tiktok', true],
    ]);
  });

  it('channel shows lists the Whatnot shows', async () => {
    const r = await run(['channel', 'shows']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/show_1\s+Sunday Thrift Drop\s+scheduled\s+2026-11-29T19:00:00Z/);
  });

  it('list --dry-run prints the payloads and sends nothing', async () => {
    writeFileSync(join(tmp.dir, 'inv.csv'), inventoryCsv());
    expect((await run(['inventory', 'import', join(tmp.dir, 'inv.csv')])).code).toBe(0);
    const before = tiktok.requests.length + whatnot.requests.length;
    const r = await run(['list', '--dry-run', '--json']);
    const s = JSON.parse(r.stdout) as {
      counts: Record<string, number>;
      results: Array<{
        channel: string;
        sku: string;
        outcome: string;
        payload?: { title?: string; skus?: Array<{ price: { amount: string } }> };
      }>;
    };
    expect(s.counts['would-create']).toBe(5);
    const a = s.results.find((x) => x.channel === 'tiktok' && x.sku === 'A')!;
    expect(a.payload?.title).toBe("Vintage Levi's 501 Jeans");
    expect(a.payload?.skus?.[0]?.price.amount).toBe('20.00');
    expect(tiktok.products.size + whatnot.products.size).toBe(0);
    // Only reads: TikTok was asked for category suggestions, nothing was created.
    expect(
      tiktok.requests.slice(before).every((q) => q.path.endsWith('/categories/recommend') || q.path.endsWith('/shops')),
    ).toBe(true);
    expect(whatnot.requests.length + tiktok.requests.length - before).toBeGreaterThan(0);
  });

  it('lists on both channels, says what blocks the rest, and gives the retry command', async () => {
    const r = await run(['list', '--channel', 'all', '--yes']);
    expect(r.code).toBe(1);
    expect([...tiktok.products.values()].map((p) => p.sku).sort()).toEqual(['A', 'C', 'D']);
    expect([...whatnot.products.values()].map((p) => p.sku).sort()).toEqual(['A', 'C']);
    expect(tiktok.uploads).toHaveLength(3);
    expect(tiktok.stock.get('C')).toBe(3);
    // Whatnot: created, priced, stocked and put on sale (held for the live show).
    const wc = [...whatnot.products.values()].find((p) => p.sku === 'C')!;
    expect(wc).toMatchObject({
      body: { title: 'Pokemon Booster Pack', category: 'Trading Cards', dimension_profile: '0-1 oz', external_id: 'C' },
      pricing: { buy_it_now: { price: { amount: '6.00' } } },
      merchandising: { transaction_type: 'buy_it_now', reserve_for_live: true },
    });
    expect(whatnot.stock.get('C')).toBe(3);
    expect(r.stdout).toMatch(/B cannot list yet: has no photo \(add an Image URL 1/);
    expect(r.stdout).toMatch(/D cannot list yet: photo .* is a file on this computer/);
    expect(r.stdout).toContain('lotcast list --channel whatnot --sku B,D --yes');
    expect(r.stdout).toContain('lotcast list --channel tiktok --sku B --yes');
    expect(r.stdout).toMatch(/category 601226 \(Fashion > T-shirts\) suggested by TikTok/);
  });

  it('a re-run skips what is listed; a changed price is an update, not a new listing', async () => {
    const posts = () =>
      tiktok.requests.filter((q) => q.method === 'POST' && q.path === '/product/202309/products').length +
      whatnot.requests.filter((q) => q.method === 'POST' && q.path === '/products').length;
    const n = posts();
    const again = await run(['list', '--channel', 'all', '--yes', '--json']);
    const s = JSON.parse(again.stdout) as { counts: Record<string, number> };
    expect(s.counts.unchanged).toBe(5);
    expect(posts()).toBe(n);
    writeFileSync(join(tmp.dir, 'inv.csv'), inventoryCsv('$24.50'));
    expect((await run(['inventory', 'import', join(tmp.dir, 'inv.csv')])).code).toBe(0);
    const upd = await run(['list', '--sku', 'A', '--yes', '--json']);
    const u = JSON.parse(upd.stdout) as { counts: Record<string, number> };
    expect(u.counts.updated).toBe(2);
    expect(posts()).toBe(n);
    const tt = [...tiktok.products.values()].find((p) => p.sku === 'A')!;
    expect((tt.body.skus as Array<{ price: { amount: string } }>)[0]!.price.amount).toBe('24.50');
    const wn = [...whatnot.products.values()].find((p) => p.sku === 'A')!;
    expect(wn.pricing?.buy_it_now?.price?.amount).toBe('24.50');
    expect(whatnot.products.size).toBe(2); // updated in place
    // Photos already uploaded are not uploaded again.
    expect(tiktok.uploads).toHaveLength(3);
  });

  it('a platform failure on one item is reported, and the next run picks up only that item', async () => {
    writeFileSync(
      join(tmp.dir, 'inv.csv'),
      inventoryCsv('$24.50', `E,Nintendo Game Boy,Works,1,$60,Good,Electronics,Nintendo,12 oz,${tiktok.url}/img/e.jpg`),
    );
    expect((await run(['inventory', 'import', join(tmp.dir, 'inv.csv')])).code).toBe(0);
    tiktok.rejectSkus.add('E');
    const r = await run(['list', '--channel', 'tiktok', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/E failed: TikTok error 12019013/);
    expect(r.stdout).toContain('lotcast list --channel tiktok --sku B,E --yes');
    tiktok.rejectSkus.delete('E');
    const size = tiktok.products.size;
    const again = await run(['list', '--channel', 'tiktok', '--yes', '--json']);
    const s = JSON.parse(again.stdout) as { counts: Record<string, number> };
    expect(s.counts.created).toBe(1);
    expect(s.counts.unchanged).toBe(3);
    expect(tiktok.products.size).toBe(size + 1);
  });

  it('a Whatnot listing that fails half-way is finished by the next run, not created twice', async () => {
    writeFileSync(
      join(tmp.dir, 'inv.csv'),
      inventoryCsv('$24.50', `F,Polaroid SX-70,Tested,1,$80,Good,Cameras,Polaroid,1.5 lb,${tiktok.url}/img/f.jpg`),
    );
    expect((await run(['inventory', 'import', join(tmp.dir, 'inv.csv')])).code).toBe(0);
    whatnot.rejectPricing.add('F');
    const r = await run(['list', '--channel', 'whatnot', '--sku', 'F', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/F failed: Whatnot error \(HTTP 422\)/);
    const created = [...whatnot.products.entries()].filter(([, p]) => p.body.external_id === 'F');
    expect(created).toHaveLength(1);
    expect(created[0]![1].merchandising).toBeUndefined(); // not on sale without a price
    whatnot.rejectPricing.delete('F');
    const again = await run(['list', '--channel', 'whatnot', '--sku', 'F', '--yes', '--json']);
    expect(JSON.parse(again.stdout).counts).toMatchObject({ updated: 1, created: 0 });
    const after = [...whatnot.products.values()].filter((p) => p.body.external_id === 'F');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      sku: 'F',
      pricing: { buy_it_now: { price: { amount: '80.00' } } },
      merchandising: { transaction_type: 'buy_it_now' },
    });
  });

  it('without credentials a real run stops before sending anything and says how to connect', async () => {
    const other = join(tmp.dir, 'other');
    const r = await runCli(['list', '--channel', 'whatnot', '--yes'], { dataDir: other, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Whatnot is not set up/);
    expect(r.stderr).toMatch(/channel add whatnot/);
    // An app key and secret without an authorised token is not a connected shop either.
    const half = await runCli(['list', '--channel', 'tiktok', '--yes'], {
      dataDir: other,
      env: { ...env, LOTCAST_TIKTOK_APP_KEY: tiktok.appKey, LOTCAST_TIKTOK_APP_SECRET: tiktok.appSecret },
    });
    expect(half.code).toBe(3);
    expect(half.stderr).toMatch(/TikTok Shop has an app key but no access token/);
    expect(half.stderr).toMatch(/--auth-code/);
  });

  it('export whatnot-csv writes the exact bulk header and mapped values, or nothing when a row is bad', async () => {
    const out = join(tmp.dir, 'whatnot.csv');
    const r = await run(['export', 'whatnot-csv', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Category,Sub Category,Title,Description,Quantity,Type,Price,Shipping Profile,Offerable,Hazmat,Condition,Cost Per Item,SKU,Image URL 1,Image URL 2,Image URL 3,Image URL 4,Image URL 5,Image URL 6,Image URL 7,Image URL 8',
    );
    const c = lines.find((l) => l.includes(',C,'))!;
    expect(c).toBe(
      `Trading Cards,,Pokemon Booster Pack,Sealed,3,Auction,6.00,0-1 oz,FALSE,Not Hazmat,Brand New,,C,${tiktok.url}/img/c.jpg,,,,,,,`,
    );
    expect(lines.find((l) => l.includes(',B,'))).toMatch(/,2,Auction,30.00,1-2 lbs,FALSE,Not Hazmat,Very Good,/);
    expect(r.stdout).toMatch(/D: 1 local photo\(s\) left out/);

    writeFileSync(
      join(tmp.dir, 'bad.csv'),
      'SKU,Title,Qty,Price,Condition,Category,Weight\nZ,Mystery Box,1,$10,Smells funny,Home,3 oz\n',
    );
    expect((await run(['inventory', 'import', join(tmp.dir, 'bad.csv')])).code).toBe(0);
    const badOut = join(tmp.dir, 'bad-out.csv');
    const bad = await run(['export', 'whatnot-csv', '--out', badOut, '--type', 'buy-it-now']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/Z: Condition "Smells funny" is not a Whatnot condition/);
    expect(() => statSync(badOut)).toThrow();
    const skip = await run([
      'export',
      'whatnot-csv',
      '--out',
      badOut,
      '--skip-invalid',
      '--type',
      'buy-it-now',
      '--offerable',
    ]);
    expect(skip.code).toBe(0);
    const text = readFileSync(badOut, 'utf8');
    expect(text).not.toContain(',Z,');
    expect(text).toMatch(/,1,Buy it Now,24.50,1-2 lbs,TRUE,Not Hazmat,Good,,A,/);
  });
});
