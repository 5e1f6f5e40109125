import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readFlv } from '../../../src/adapters/relay/flv.js';
import { Ingest } from '../../../src/adapters/relay/ingest.js';
import type { RelayFrame } from '../../../src/core/relay/frames.js';
import { FEED, freePort } from '../../helpers/relay/helpers.js';
import { c0c1, chunkMessage, publishCommands } from '../../helpers/relay/raw-rtmp.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An ingest, and a raw encoder connection that has published on it. */
async function published(readEveryMs: number, publisherIdleMs = 30_000) {
  const port = await freePort();
  const ingest = new Ingest({
    host: '127.0.0.1',
    port,
    app: 'live',
    key: 'k',
    readEveryMs,
    limits: { publisherIdleMs },
  });
  await ingest.start();
  cleanups.push(() => ingest.stop());
  const frames: Array<{ at: number; f: RelayFrame }> = [];
  ingest.on('frame', (f: RelayFrame) => frames.push({ at: performance.now(), f }));
  let unpublished = false;
  ingest.on('unpublish', () => {
    unpublished = true;
  });
  const client = net.connect(port, '127.0.0.1');
  cleanups.push(() => client.destroy());
  client.on('error', () => undefined);
  await new Promise((r) => client.once('connect', r));
  client.write(c0c1());
  let got = 0;
  await new Promise<void>((resolve) =>
    client.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= 3073) resolve();
    }),
  );
  const publishing = new Promise((r) => ingest.once('publish', r));
  client.write(Buffer.concat([Buffer.alloc(1536, 9), ...publishCommands('live', 'k')])); // C2, then the commands
  await publishing;
  return { ingest, client, frames, unpublished: () => unpublished };
}

const feed = readFlv(FEED);
const wire = (f: RelayFrame) =>
  chunkMessage(f.type === 9 ? 6 : 4, f.type, 1, f.timestamp, Buffer.from(f.payload), 4096);

/** Writes `n` frames of the feed, one every `gapMs`, as an encoder does. */
async function send(client: net.Socket, n: number, gapMs: number): Promise<void> {
  for (const f of feed.slice(0, n)) {
    client.write(wire(f));
    await sleep(gapMs);
  }
}

/** How many separate moments the frames arrived at (frames of one batch arrive within 2 ms). */
function arrivals(frames: Array<{ at: number }>): number {
  let n = 0;
  for (let i = 0; i < frames.length; i++) if (i === 0 || frames[i]!.at - frames[i - 1]!.at > 2) n++;
  return n;
}

describe('the ingest reads a live feed in batches (less CPU per frame relayed)', () => {
  it('batched, every frame arrives unchanged and in order, a batch per read interval; back to reads as bytes arrive on request', async () => {
    const { ingest, client, frames } = await published(250);
    ingest.batchReads(true);
    await send(client, 40, 15); // 40 frames over about 600 ms
    await sleep(400);
    expect(frames.map((x) => Buffer.from(x.f.payload).toString('base64'))).toEqual(
      feed.slice(0, 40).map((f) => Buffer.from(f.payload).toString('base64')),
    );
    // 600 ms of writes read every 250 ms: a handful of batches, not 40 wake-ups.
    expect(arrivals(frames)).toBeLessThanOrEqual(5);

    ingest.batchReads(false);
    frames.length = 0;
    await send(client, 20, 15);
    await sleep(100);
    expect(frames).toHaveLength(20);
    expect(arrivals(frames)).toBeGreaterThanOrEqual(15);
  });

  it('an encoder that sends its last frames and closes: every frame first, then the unpublish', async () => {
    const { ingest, client, frames, unpublished } = await published(300);
    ingest.batchReads(true);
    client.end(Buffer.concat(feed.slice(0, 30).map(wire)));
    const until = Date.now() + 3000;
    while (!unpublished() && Date.now() < until) await sleep(20);
    expect(unpublished()).toBe(true);
    expect(frames).toHaveLength(30);
  });

  it('a batched publisher that goes silent is closed after the idle limit, as one read as bytes arrive is', async () => {
    const { ingest, unpublished } = await published(100, 800);
    ingest.batchReads(true);
    await sleep(400);
    expect(unpublished()).toBe(false);
    const until = Date.now() + 3000;
    while (!unpublished() && Date.now() < until) await sleep(20);
    expect(unpublished()).toBe(true);
  });
});
