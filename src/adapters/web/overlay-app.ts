import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { OVERLAY_PAGES } from '../../core/overlay/obs-scenes.js';
import { parseProducerAction, type OverlayFeedPort } from '../../core/overlay/producer-action.js';
import { isLoopbackAddress, tokenMatches, WriteLimiter } from './guards.js';

export interface OverlayAppOptions {
  feed: OverlayFeedPort;
  /** The folder of page sources (templates/web). */
  webDir: string;
  /** The show's producer token: every write needs it, and every API read from the LAN. */
  token: string;
  /** host:port values a browser may name in Host (loopback names and the LAN addresses served). */
  allowedHosts: () => Set<string>;
  /** A seller's own CSS, layered over every overlay (served at /custom.css). */
  customCssFile?: string | null;
  limiter?: WriteLimiter;
  heartbeatMs?: number;
}

type Env = { Bindings: { incoming: IncomingMessage } };

const PAGE_NAMES = new Set<string>(OVERLAY_PAGES);

/**
 * The HTTP side of the live show (an adapter): pages from disk, the state as JSON and as
 * server-sent events, and producer actions handed to the feed. No ledger logic here.
 */
export function overlayApp(opts: OverlayAppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const limiter = opts.limiter ?? new WriteLimiter();
  const onLan = (c: Context<Env>) => !isLoopbackAddress(c.env.incoming.socket.localAddress);
  const presented = (c: Context<Env>) =>
    c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? c.req.query('token') ?? '';
  const nope = (c: Context<Env>, status: 400 | 401 | 403 | 404 | 409 | 413 | 429, error: string) =>
    c.json({ ok: false, error }, status, { 'cache-control': 'no-store' });

  app.use('*', async (c, next) => {
    // A page on some other site must not reach this server by renaming itself (DNS rebinding).
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!opts.allowedHosts().has(host)) return nope(c, 403, 'unknown Host: open the URL lotcast printed');
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
  });

  // Reads: free on loopback (OBS on this computer); from the LAN only with the token.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' && onLan(c) && !tokenMatches(presented(c), opts.token))
      return nope(c, 401, 'this address needs the show token: use the producer URL lotcast printed');
    await next();
  });

  app.get('/api/state', (c) =>
    c.body(opts.feed.stateJson(), 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }),
  );

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      // Only the newest state matters: a reader that falls behind (a hidden OBS source) gets the
      // latest one when it catches up, never a growing queue.
      let pending: string | null = opts.feed.stateJson();
      let wake = () => {};
      const off = opts.feed.subscribe((json) => {
        pending = json;
        wake();
      });
      const beat = setInterval(() => {
        pending ??= '';
        wake();
      }, opts.heartbeatMs ?? 15_000);
      stream.onAbort(() => wake());
      try {
        await stream.write('retry: 1000\n\n');
        while (!stream.aborted && !stream.closed) {
          if (pending === null) await new Promise<void>((r) => (wake = r));
          const json: string | null = pending;
          pending = null;
          if (json === null || stream.aborted) continue;
          if (json === '') await stream.write(': keep-alive\n\n');
          else await stream.writeSSE({ event: 'state', data: json });
        }
      } finally {
        clearInterval(beat);
        off();
      }
    }),
  );

  app.post(
    '/api/actions',
    bodyLimit({ maxSize: 4096, onError: (c) => nope(c, 413, 'request too large') }),
    async (c) => {
      // Unauthenticated writes are refused on every address, loopback included: a sale is money.
      const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
      if (!tokenMatches(given, opts.token))
        return nope(c, 401, 'missing or wrong show token: open the producer URL lotcast printed');
      const wait = limiter.take(c.env.incoming.socket.remoteAddress ?? '?');
      if (wait > 0) {
        c.header('retry-after', String(Math.ceil(wait / 1000)));
        return nope(c, 429, 'too many actions at once: wait a moment');
      }
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return nope(c, 400, 'the body must be JSON');
      }
      const parsed = parseProducerAction(body);
      if (!parsed.ok) return nope(c, 400, parsed.message);
      const outcome = opts.feed.act(parsed.action);
      return c.json(outcome.body, outcome.status, { 'cache-control': 'no-store' });
    },
  );

  const page = (file: string) => async (c: Context<Env>) =>
    c.html(await readFile(join(opts.webDir, file), 'utf8'), 200, { 'cache-control': 'no-store' });
  app.get('/', page('index.html'));
  app.get('/producer', page('producer.html'));
  app.get('/overlay/:name', async (c, next) =>
    PAGE_NAMES.has(c.req.param('name')) ? page('overlay.html')(c) : next(),
  );
  app.get('/custom.css', async (c) => {
    let css = '';
    if (opts.customCssFile) css = await readFile(opts.customCssFile, 'utf8').catch(() => '');
    return c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-store' });
  });
  app.use('/assets/*', serveStatic({ root: opts.webDir, rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));
  app.notFound((c) => nope(c, 404, 'not found'));
  app.onError((_err, c) => c.json({ ok: false, error: 'internal error' }, 500));
  return app;
}
