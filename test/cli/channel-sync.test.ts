import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot, runCli, tempDir } from '../helpers/cli.js';
import { TikTokFake } from '../fakes/tiktok-fake.js';
import { WhatnotFake } from '../fakes/whatnot-fake.js';

const tmp = tempDir();
const dataDir = join(tmp.dir, 'data');
let tiktok: TikTokFake;
let whatnot: WhatnotFake;
let env: NodeJS.ProcessEnv;

async function until(what: string | (() => string), ok: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  tiktok = await new TikTokFake().start();
  whatnot = await new WhatnotFake().start();
  // Credentials from the environment, as a script or CI would give them.
  env = {
    LOTCAST_TIKTOK_API_BASE: tiktok.url,
    LOTCAST_TIKTOK_AUTH_BASE: tiktok.url,
    LOTCAST_WHATNOT_API_BASE: whatnot.apiBase,
    LOTCAST_TIKTOK_APP_KEY: tiktok.appKey,
    LOTCAST_TIKTOK_APP_SECRET: tiktok.appSecret,
    LOTCAST_TIKTOK_ACCESS_TOKEN: tiktok.accessToken,
    LOTCAST_WHATNOT_TOKEN: whatnot.token,
  };
  const img = `${tiktok.url}/img/x.jpg`;
  writeFileSync(
    join(tmp.dir, 'inv.csv'),
    [
      'SKU,Title,Qty,Price,Condition,Category,Weight,Image URL 1',
      `A,Vintage Starter Jacket,1,$40,Good,Clothing,2 lb,${img}`,
      `B,Hot Wheels Redline,2,$15,Good,Toys,2 oz,${img}`,
    ].join('\n'),
  );
  writeFileSync(
    join(tmp.dir, 'p.yaml'),
    'name: test\nflashSales:\n  count: 0\ngiveaways:\n  everyMinutes: 0\n  buyerAppreciationMinutesBeforeEnd: 0\n',
  );
  const opts = { dataDir, env, timeoutMs: 30_000 };
  expect((await runCli(['inventory', 'import', join(tmp.dir, 'inv.csv')], opts)).code).toBe(0);
  const listed = await runCli(['list', '--yes'], opts);
  expect(listed.code, listed.stdout + listed.stderr).toBe(0);
  const plan = await runCli(
    [
      'show',
      'plan',
      '--name',
      'Sync',
      '--id',
      'sync',
      '--strategy',
      'as-listed',
      '--duration',
      '1h',
      '--profile',
      join(tmp.dir, 'p.yaml'),
      '--channels',
      'whatnot,tiktok',
    ],
    opts,
  );
  expect(plan.code, plan.stderr).toBe(0);
});
afterAll(async () => {
  await tiktok.close();
  await whatnot.close();
  tmp.cleanup();
});

describe('live show with connected channels (built CLI, fake platforms)', () => {
  it('pulls orders into the ledger, zeroes a sold-out item on the other channel, restores it on cancel, survives a platform outage', async () => {
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [binPath, 'live', 'sync', '--plain', '--order-poll', '1'],
      { cwd: repoRoot, env: { ...process.env, ...env, NO_COLOR: '1', LOTCAST_DATA_DIR: dataDir } },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const see = (re: RegExp, ms?: number) =>
      until(
        () => `${re} in output:\n${out}`,
        () => re.test(out),
        ms,
      );
    try {
      await see(/Channels: pulling orders from whatnot and tiktok/);
      await see(/show started/);
      expect(tiktok.stock.get('A')).toBe(1);

      // The last jacket sells on Whatnot: it is sold out, so TikTok's listing goes to 0.
      const order = whatnot.addOrder('A', '52.00', { buyer: 'kim' });
      await see(/SALE Whatnot A \$52\.00 @kim; SOLD OUT/);
      await until('TikTok stock of A zeroed', () => tiktok.stock.get('A') === 0);

      // Whatnot cancels it: the sale is reversed and TikTok's stock comes back.
      whatnot.cancelOrder(order.id);
      await see(/sale cancelled \(cancelled on whatnot\)/);
      await until('TikTok stock of A restored', () => tiktok.stock.get('A') === 1);

      // A TikTok order for one of two cars: not sold out, Whatnot untouched; seen once only.
      tiktok.addOrder('B', '15.00', { user: '777' });
      await see(/SALE TikTok B \$15\.00 tiktok:777; LAST ONE/).catch((e: Error) => {
        throw new Error(
          `${e.message}\n${JSON.stringify(tiktok.requests.slice(-6))} ${JSON.stringify(tiktok.orders)} now=${Date.now()}`,
        );
      });
      const polls = tiktok.requests.filter((r) => r.path.endsWith('/orders/search')).length;
      await until(
        'two more TikTok polls',
        () => tiktok.requests.filter((r) => r.path.endsWith('/orders/search')).length >= polls + 2,
      );
      expect(out.match(/SALE TikTok B/g)).toHaveLength(1);
      expect(whatnot.stock.get('B')).toBe(2);

      // TikTok goes down: the show carries on (a typed sale still lands), and it recovers.
      tiktok.down = true;
      await see(/channel tiktok down: tiktok is unavailable \(HTTP 503/, 15_000);
      child.stdin.write('n\n');
      child.stdin.write('w dana 10\n');
      await see(/SALE Whatnot .* dana/);
      tiktok.down = false;
      await see(/channel tiktok ok/, 20_000);

      for (const s of [tiktok.appSecret, tiktok.accessToken, whatnot.token]) expect(out).not.toContain(s);
      child.stdin.write('q\n');
      await see(/type y to confirm/);
      child.stdin.write('y\n');
      const code = await new Promise<number | null>((r) =>
        child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c)),
      );
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
