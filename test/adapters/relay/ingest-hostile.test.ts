import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../../src/adapters/relay/publish-file.js';
import { tempDir } from '../../helpers/cli.js';
import { FEED, Sink, feedDigest, freePort } from '../../helpers/relay/helpers.js';
import { c0c1, chunkMessage, memoryMb, rawSession } from '../../helpers/relay/raw-rtmp.js';
import { startLiveRelay, startRelayProcess } from '../../helpers/relay/relay-process.js';

const tmp = tempDir();
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  tmp.cleanup();
});

/** 16 MB declared, a little sent: what drove the old ingest to 2.4 GB with three connections. */
function oversized(csid: number): Buffer {
  const h = chunkMessage(csid, 20, 0, 0, Buffer.alloc(0));
  h.writeUIntBE(0xffffff, 4, 3);
  return Buffer.concat([h, Buffer.alloc(100, 1)]);
}

describe('the built relay under hostile ingest connections', () => {
  it('a malformed command, oversized messages, too many chunk streams and 300 stalled handshakes each close their own connection; the relay, its memory and both destinations carry on', async () => {
    const a = await new Sink(await freePort(), 'desta').start();
    const b = await new Sink(await freePort(), 'destb').start();
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    const relay = await startRelayProcess(tmp.dir, 'hostilekey', [
      `rtmp://127.0.0.1:${a.port}/live/desta`,
      `rtmp://127.0.0.1:${b.port}/live/destb`,
    ]);
    cleanups.push(() => relay.stop());
    const loops = 3;
    const publishing = publishFlvFile(`rtmp://127.0.0.1:${relay.port}/live/hostilekey`, FEED, {
      realtime: true,
      loops,
    });
    await a.waitFor(/"publish"/);
    await b.waitFor(/"publish"/);

    // 1. 24 bytes: a type 0 chunk header for a 12-byte command whose body is not AMF0 ("connect",
    //    then a number cut short). This exited the old relay from inside its AMF decoder.
    const body = Buffer.concat([Buffer.from([0x02, 0x00, 0x07]), Buffer.from('connect'), Buffer.from([0x00, 0x3f])]);
    const malformed = chunkMessage(3, 20, 0, 0, body);
    expect(malformed.length).toBe(24);
    expect((await rawSession(relay.port, malformed)).closedByServer).toBe(true);
    // Something that is not RTMP at all.
    const http = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await rawSession(relay.port, http, { handshake: false })).closedByServer).toBe(true);

    // 2. Three connections declaring 16 MB messages, and one opening 60 chunk streams.
    const big = await Promise.all([3, 4, 5].map((csid) => rawSession(relay.port, oversized(csid))));
    expect(big.map((r) => r.closedByServer)).toEqual([true, true, true]);
    const streams = Buffer.concat(
      Array.from({ length: 60 }, (_, i) => chunkMessage(3 + i, 20, 0, 0, Buffer.alloc(200, 0x05)).subarray(0, 140)),
    );
    expect((await rawSession(relay.port, streams)).closedByServer).toBe(true);

    // 3. 300 connections that stop half-way through the handshake: all closed by the server
    //    (the oldest as new ones arrive, the rest when the handshake time runs out).
    const stalled = await Promise.all(
      Array.from(
        { length: 300 },
        () =>
          new Promise<number>((resolve) => {
            const t0 = Date.now();
            const s = net.connect(relay.port, '127.0.0.1', () => s.write(c0c1().subarray(0, 700)));
            const timer = setTimeout(() => {
              s.destroy();
              resolve(Number.POSITIVE_INFINITY);
            }, 9000);
            s.on('error', () => undefined);
            s.on('close', () => {
              clearTimeout(timer);
              resolve(Date.now() - t0);
            });
          }),
      ),
    );
    expect(Math.max(...stalled)).toBeLessThan(9000);

    await publishing;
    await new Promise((r) => setTimeout(r, 500));
    expect(relay.alive()).toBe(true);
    const expected = feedDigest();
    for (const s of [a, b]) {
      const r = await s.report();
      expect([r.publishes, r.videoFrames, r.audioFrames]).toEqual([
        1,
        expected.videoFrames * loops,
        expected.audioFrames * loops,
      ]);
    }
    const mem = memoryMb(relay.child.pid!);
    console.log(`ingest under attack: relay peak RSS ${mem.peak.toFixed(0)} MB, now ${mem.rss.toFixed(0)} MB`);
    expect(mem.peak).toBeLessThan(150);
    // Each refusal is logged with its reason, never with a key.
    expect(relay.out()).toMatch(/closed the connection from 127\.0\.0\.1: AMF0 value runs past the end/);
    expect(relay.out()).toMatch(/a message of 16777215 bytes \(at most 65536 here\)/);
    expect(relay.out()).toMatch(/more than 8 chunk streams/);
    expect(relay.out()).toMatch(/no handshake within 5 s/);
    expect(relay.out()).toMatch(/not RTMP \(handshake version 71\)/);
    for (const secret of ['hostilekey', 'desta', 'destb']) expect(relay.out()).not.toContain(secret);
    expect(await relay.stop()).toBe(0);
  }, 60_000);

  it('lotcast live --relay (the dashboard) survives the same malformed command and keeps relaying', async () => {
    const sink = await new Sink(await freePort(), 'livedest').start();
    cleanups.push(() => sink.stop());
    const { live, port, key } = await startLiveRelay(tmp.dir, 'hs', { port: sink.port, key: 'livedest' });
    cleanups.push(() => live.kill());
    const body = Buffer.concat([Buffer.from([0x02, 0x00, 0x07]), Buffer.from('connect'), Buffer.from([0x00, 0x3f])]);
    expect((await rawSession(port, chunkMessage(3, 20, 0, 0, body))).closedByServer).toBe(true);
    await publishFlvFile(`rtmp://127.0.0.1:${port}/live/${key}`, FEED, { realtime: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(live.alive()).toBe(true);
    // Every frame of the feed (the slate may follow it once the feed ends).
    expect((await sink.report()).videoFrames).toBeGreaterThanOrEqual(feedDigest().videoFrames);
    live.child.stdin.end();
    expect(await live.exited()).toBe(0);
  }, 60_000);
});
