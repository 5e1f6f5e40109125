import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/adapters/store/database.js';
import { ItemRepo } from '../../src/adapters/store/item-repo.js';
import { ShowRepo } from '../../src/adapters/store/show-repo.js';
import { makeItem } from '../../src/core/inventory/item.js';
import type { OverlayState } from '../../src/core/overlay/overlay-state.js';
import { LiveShow } from '../../src/services/live-show.js';
import { lanAddresses, startShowOverlay, type RunningShowOverlay } from '../../src/services/show-overlay.js';
import { tempDir } from '../helpers/cli.js';
import { liveTestShow } from '../helpers/live-store.js';
import { testPlan } from '../helpers/plans.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function liveShow(): Promise<{ store: Store; show: LiveShow; dir: string; dbFile: string }> {
  const live = liveTestShow('ov');
  cleanups.push(live.cleanup);
  return live;
}

async function serve(show: LiveShow, store: Store, dir: string): Promise<RunningShowOverlay> {
  const o = await startShowOverlay({ store, show, dataDir: dir, port: 0, lan: false });
  cleanups.push(() => o.stop());
  return o;
}

const tokenOf = (o: RunningShowOverlay) => new URL(o.urls.producer).searchParams.get('token')!;

async function act(o: RunningShowOverlay, body: unknown, token: string | null = tokenOf(o)) {
  const res = await fetch(`http://127.0.0.1:${o.port}/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string; done?: string } };
}

describe('overlay server', () => {
  it('serves the documented state: schema, lot, prices per channel, totals; no secret in it', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    const res = await fetch(`http://127.0.0.1:${o.port}/api/state`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const s = (await res.json()) as OverlayState;
    expect(s.schema).toBe('lotcast.overlay-state');
    expect(s.version).toBe(1);
    expect(s.show).toMatchObject({ id: 'ov', name: 'Test Show', status: 'live' });
    expect(s.current).toMatchObject({ label: 'L01', sku: 'A', stock: 1, startStock: 1, call: 'LAST ONE' });
    expect(s.current!.prices.whatnot!.text).toBe('auction from $1.00');
    expect(s.current!.prices.tiktok!.text).toBe('buy it now $20.00');
    expect(s.current!.timer.running).toBe(true);
    expect(s.next.map((n) => n.label)).toEqual(['L02', 'L03', 'G1']);
    expect(JSON.stringify(s)).not.toContain(tokenOf(o));
  });

  it('refuses writes without the token or with a wrong one, and changes nothing', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    const sale = { type: 'sale', channel: 'whatnot', requestId: 'req-00000001' };
    expect((await act(o, sale, null)).status).toBe(401);
    expect((await act(o, sale, 'wrong-token-wrong-token')).status).toBe(401);
    expect((await act(o, sale, '')).status).toBe(401);
    expect(show.current.sales).toHaveLength(0);
    expect((await act(o, sale)).status).toBe(200);
    expect(show.current.sales).toHaveLength(1);
  });

  it('a sale pressed twice (same request) is recorded once; many presses at once are each recorded once', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    await act(o, { type: 'next', from: 1 }); // L02, item B (3 units)
    const twice = { type: 'sale', channel: 'tiktok', sku: 'B', buyer: '@jane', price: '25', requestId: 'press-1-aaaa' };
    const [a, b] = await Promise.all([act(o, twice), act(o, twice)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(show.current.sales).toHaveLength(1);
    const presses = Array.from({ length: 6 }, (_, i) => ({
      type: 'sale',
      channel: i % 2 ? 'whatnot' : 'tiktok',
      sku: 'B',
      requestId: `press-many-${i}`,
    }));
    const results = await Promise.all(presses.map((p) => act(o, p)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(show.current.sales).toHaveLength(7);
    // 3 units: the 4th sale onwards are oversells, flagged as on the dashboard.
    expect(show.current.sales.filter((x) => x.oversell)).toHaveLength(4);
    const s = (await (await fetch(`http://127.0.0.1:${o.port}/api/state`)).json()) as OverlayState;
    expect(s.oversells).toHaveLength(4);
    expect(s.current!.soldOut).toBe(true);
    expect(s.sales[6]).toMatchObject({ channel: 'tiktok', buyer: '@jane', price: '$25.00', source: 'producer' });
  });

  it('next from a segment the show already left does nothing (a double tap moves once)', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    await Promise.all([act(o, { type: 'next', from: 1 }), act(o, { type: 'next', from: 1 })]);
    expect(show.current.cursor).toBe(2);
    await act(o, { type: 'sale', channel: 'whatnot', requestId: 'undo-me-0001' });
    const target = show.current.undoable.at(-1);
    await Promise.all([act(o, { type: 'undo', target }), act(o, { type: 'undo', target })]);
    expect(show.current.sales).toHaveLength(0);
    expect(show.current.cursor).toBe(2); // the move before the sale was not undone too
  });

  it('bad bodies are 400, big ones 413, bursts 429; nothing reaches the ledger', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    const raw = (body: string) =>
      fetch(`http://127.0.0.1:${o.port}/api/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(o)}` },
        body,
      });
    expect((await raw('{not json')).status).toBe(400);
    expect((await raw('[]')).status).toBe(400);
    expect((await raw(JSON.stringify({ type: 'sale', channel: 'ebay', requestId: 'xxxxxxxx' }))).status).toBe(400);
    expect(
      (await raw(JSON.stringify({ type: 'sale', channel: 'whatnot', requestId: 'xxxxxxxx', price: '-3' }))).status,
    ).toBe(400);
    expect((await raw(JSON.stringify({ type: 'sale', channel: 'whatnot', requestId: 'x'.repeat(5000) }))).status).toBe(
      413,
    );
    expect(show.current.sales).toHaveLength(0);
    const burst = await Promise.all(Array.from({ length: 40 }, () => raw(JSON.stringify({ type: 'timer' }))));
    expect(burst.some((r) => r.status === 429)).toBe(true);
  });

  it('a buyer handle with terminal escapes is stored without them', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    await act(o, { type: 'sale', channel: 'whatnot', buyer: '\u001b[2J@evil\u0007', requestId: 'esc-000001' });
    expect(show.current.sales[0]!.buyer).toBe('[2J@evil');
  });

  it('refuses a Host it does not serve (DNS rebinding)', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: o.port,
        path: '/api/state',
        headers: { host: 'evil.example:80' },
      });
      req.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('a sale committed by another connection (another process) reaches the event stream', async () => {
    const { store, show, dir, dbFile } = await liveShow();
    const o = await serve(show, store, dir);
    const other = openStore(dbFile);
    cleanups.push(() => other.close());
    const ctrl = new AbortController();
    cleanups.push(() => ctrl.abort());
    const res = await fetch(`http://127.0.0.1:${o.port}/api/events`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const states = async (n: number) => {
      while ((text.match(/event: state/g) ?? []).length < n) text += (await reader.read()).value ?? '';
    };
    await states(1);
    LiveShow.open(other, 'ov', { source: 'cli' }).sale({ channel: 'tiktok', buyer: 'tt_1' });
    await states(2);
    const last = text.trim().split('\n\n').at(-1)!;
    const data = JSON.parse(
      last
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    ) as OverlayState;
    expect(data.sales[0]).toMatchObject({ channel: 'tiktok', buyer: 'tt_1', source: 'cli' });
    expect(data.current!.soldOut).toBe(true);
  });

  // This computer's own LAN address: the kernel keeps the traffic local, nothing leaves the machine.
  it.skipIf(lanAddresses().length === 0)(
    '--producer-lan: the LAN address needs the token even to read; loopback reads stay free',
    async () => {
      const { store, show, dir } = await liveShow();
      const o = await startShowOverlay({ store, show, dataDir: dir, port: 0, lan: true });
      cleanups.push(() => o.stop());
      const lan = lanAddresses()[0]!;
      expect(o.urls.lanProducer[0]).toBe(`http://${lan}:${o.port}/producer?token=${tokenOf(o)}`);
      expect((await fetch(`http://${lan}:${o.port}/api/state`)).status).toBe(401);
      expect((await fetch(`http://${lan}:${o.port}/api/state?token=wrong`)).status).toBe(401);
      expect((await fetch(`http://${lan}:${o.port}/api/state?token=${tokenOf(o)}`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${o.port}/api/state`)).status).toBe(200);
      const post = (token: string) =>
        fetch(`http://${lan}:${o.port}/api/actions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ type: 'sale', channel: 'whatnot', requestId: 'lan-sale-01' }),
        });
      expect((await post('nope')).status).toBe(401);
      expect(show.current.sales).toHaveLength(0);
      expect((await post(tokenOf(o))).status).toBe(200);
      expect(show.current.sales).toHaveLength(1);
    },
  );

  it('without --producer-lan nothing listens on the LAN address', async () => {
    const { store, show, dir } = await liveShow();
    const o = await serve(show, store, dir);
    for (const lan of lanAddresses()) await expect(fetch(`http://${lan}:${o.port}/api/state`)).rejects.toThrow();
    expect(o.urls.lanProducer).toEqual([]);
  });

  it('the configured port taken: serves on a free one and says so (or fails when asked not to move)', async () => {
    const { store, show, dir } = await liveShow();
    const first = await serve(show, store, dir);
    const second = await startShowOverlay({ store, show, dataDir: dir, port: first.port, lan: false });
    cleanups.push(() => second.stop());
    expect(second.movedFrom).toBe(first.port);
    expect(second.port).not.toBe(first.port);
    await expect(
      startShowOverlay({ store, show, dataDir: dir, port: first.port, lan: false, fallbackPort: false }),
    ).rejects.toThrow(/in use/);
  });

  it('the producer page works on a show its server saw before the show started (as `lotcast live` starts it)', async () => {
    const tmp = tempDir('lotcast-overlay-');
    const store = openStore(join(tmp.dir, 'lotcast.db'));
    cleanups.push(() => {
      store.close();
      tmp.cleanup();
    });
    new ItemRepo(store).put([makeItem({ sku: 'A', title: 'Item A', quantity: 2, priceCents: 2000 })]);
    new ShowRepo(store).insert(testPlan('early', [{ sku: 'A', quantity: 2 }]), new Date().toISOString());
    const show = LiveShow.open(store, 'early');
    const o = await serve(show, store, tmp.dir);
    expect((await act(o, { type: 'sale', channel: 'whatnot', sku: 'A', requestId: 'too-early-1' })).status).toBe(409);
    show.start();
    show.next();
    expect((await act(o, { type: 'sale', channel: 'whatnot', requestId: 'in-time-01' })).status).toBe(200);
    expect(show.current.sales).toHaveLength(1);
  });
});
