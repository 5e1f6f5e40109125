import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../../src/adapters/relay/publish-file.js';
import { seededRandom } from '../../../src/core/plan/random.js';
import { tempDir } from '../../helpers/cli.js';
import { FEED, Sink, feedDigest, freePort } from '../../helpers/relay/helpers.js';
import { c0c1, chunkMessage, memoryMb, publishSession } from '../../helpers/relay/raw-rtmp.js';
import { startRelayProcess } from '../../helpers/relay/relay-process.js';

// A few seconds in the suite; LOTCAST_FUZZ_MS=60000 for a long run. LOTCAST_FUZZ_SEED repeats one.
const FUZZ_MS = Number(process.env.LOTCAST_FUZZ_MS ?? 4000);
const SEED = Number(process.env.LOTCAST_FUZZ_SEED ?? Date.now() % 2 ** 31);
const MEMORY_BOUND_MB = 160;

const tmp = tempDir();
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  tmp.cleanup();
});

function fuzzer(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  // Real sessions to mutate: the right key (it gets to publish, with the publisher's limits) and a wrong one.
  const good = publishSession('live', 'fuzzkey', FEED).subarray(0, 96 * 1024);
  const wrong = publishSession('live', 'nope', FEED).subarray(0, 32 * 1024);
  const mutate = (base: Buffer): Buffer => {
    let b: Buffer = Buffer.from(base.subarray(0, 1 + int(base.length)));
    for (let i = 0, n = 1 + int(8); i < n; i++) {
      const at = int(b.length);
      switch (int(6)) {
        case 0: // flip bytes
          for (let j = 0; j < 1 + int(16); j++) b[(at + j) % b.length] = int(256);
          break;
        case 1: // insert random bytes
          b = Buffer.concat([b.subarray(0, at), bytes(1 + int(64)), b.subarray(at)]);
          break;
        case 2: // delete a span
          b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(256))]);
          break;
        case 3: // repeat a span
          b = Buffer.concat([b.subarray(0, at + 1), b.subarray(at, at + 1 + int(512)), b.subarray(at + 1)]);
          break;
        case 4: // a chunk header with hostile fields
          b = Buffer.concat([b.subarray(0, at), chunkHeader(), b.subarray(at)]);
          break;
        default: // a Set Chunk Size of anything
          b = Buffer.concat([b.subarray(0, at), chunkMessage(2, 1, 0, 0, bytes(4)), b.subarray(at)]);
      }
      if (b.length === 0) b = bytes(1);
    }
    return b;
  };
  const chunkHeader = () => {
    const fmt = int(4);
    const h = Buffer.concat([Buffer.from([(fmt << 6) | int(64)]), bytes([11, 7, 3, 0][fmt]! + int(6))]);
    return h;
  };
  /** One connection's bytes, and whether it should do the handshake first. */
  return (): { handshake: boolean; data: Buffer } => {
    switch (int(5)) {
      case 0:
        return {
          handshake: false,
          data: Buffer.concat([Buffer.from([rand() < 0.7 ? 3 : int(256)]), bytes(int(4000))]),
        };
      case 1:
        return { handshake: false, data: mutate(Buffer.concat([c0c1(), Buffer.alloc(1536), good])) };
      case 2:
        return { handshake: true, data: mutate(wrong) };
      case 3:
        return { handshake: true, data: Buffer.concat(Array.from({ length: 1 + int(40) }, chunkHeader)) };
      default:
        return { handshake: true, data: mutate(good) };
    }
  };
}

/** One connection: optional handshake, the bytes in a few writes, then gone after a short while. */
function attack(port: number, handshake: boolean, data: Buffer, rand: () => number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let got = 0;
    let sent = !handshake;
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve();
    };
    const timer = setTimeout(done, 50 + Math.floor(rand() * 250));
    const send = () => {
      for (let o = 0; o < data.length; ) {
        const n = 1 + Math.floor(rand() * 8192);
        s.write(data.subarray(o, o + n));
        o += n;
      }
    };
    s.on('error', done);
    s.on('close', done);
    s.on('connect', () => (handshake ? s.write(c0c1()) : send()));
    s.on('data', (d: Buffer) => {
      got += d.length;
      if (!sent && got >= 3073) {
        sent = true;
        s.write(Buffer.alloc(1536));
        send();
      }
    });
  });
}

describe('ingest fuzzing (the built relay as a process)', () => {
  it(
    `random and mutated RTMP chunk streams for ${FUZZ_MS / 1000} s: the relay stays up, memory stays bounded, a good encoder still gets through`,
    async () => {
      const sink = await new Sink(await freePort(), 'fuzzdest').start();
      cleanups.push(() => sink.stop());
      const relay = await startRelayProcess(tmp.dir, 'fuzzkey', [`rtmp://127.0.0.1:${sink.port}/live/fuzzdest`]);
      cleanups.push(() => relay.stop());
      // The planner's seeded generator: a failing run can be repeated from its seed.
      const rand = seededRandom(SEED);
      const next = fuzzer(rand);
      let iterations = 0;
      let peakRss = 0;
      const until = Date.now() + FUZZ_MS;
      const worker = async () => {
        while (Date.now() < until && relay.alive()) {
          const { handshake, data } = next();
          await attack(relay.port, handshake, data, rand);
          iterations++;
          peakRss = Math.max(peakRss, memoryMb(relay.child.pid!).rss);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      const why = `seed ${SEED}, ${iterations} connections:\n${relay.out().slice(-2000)}`;
      // LOTCAST_FUZZ_LOG=FILE keeps the relay's log (why each connection was closed) for a look.
      if (process.env.LOTCAST_FUZZ_LOG) writeFileSync(process.env.LOTCAST_FUZZ_LOG, relay.out());
      expect(relay.alive(), why).toBe(true);
      expect(iterations, why).toBeGreaterThan(FUZZ_MS / 100);
      // The encoder with the key still gets through, and its stream reaches the destination.
      const before = await sink.report();
      await publishFlvFile(`rtmp://127.0.0.1:${relay.port}/live/fuzzkey`, FEED, { realtime: true });
      await new Promise((r) => setTimeout(r, 300));
      const after = await sink.report();
      expect(after.videoFrames - before.videoFrames, why).toBeGreaterThan(feedDigest().videoFrames / 2);
      const mem = memoryMb(relay.child.pid!);
      expect(Math.max(peakRss, mem.peak), why).toBeLessThan(MEMORY_BOUND_MB);
      console.log(
        `ingest fuzz: seed ${SEED}, ${iterations} connections in ${FUZZ_MS / 1000} s, relay peak RSS ${mem.peak.toFixed(0)} MB`,
      );
      expect(await relay.stop()).toBe(0);
    },
    30_000 + FUZZ_MS,
  );
});
