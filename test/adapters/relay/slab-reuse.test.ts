import { describe, expect, it } from 'vitest';
import { ChunkReader, type RtmpMessage } from '../../../src/adapters/relay/chunk-reader.js';
import { SocketHold } from '../../../src/services/relay-held.js';
import { chunkMessage } from '../../helpers/relay/raw-rtmp.js';

/** A 40 KB video message whose bytes all say `n` (so a message overwritten by a later one shows). */
const message = (n: number) => chunkMessage(6, 9, 1, n * 33, Buffer.alloc(40 * 1024, n % 251), 4096);

function reader(held: () => number) {
  const got: RtmpMessage[] = [];
  const r = new ChunkReader((m) => got.push(m));
  r.chunkSize = 4096;
  r.slabBytes = 512 * 1024;
  r.reuse = held;
  return { r, got };
}
const intact = (m: RtmpMessage) => m.payload.every((b) => b === m.payload[0]);

describe('the ingest writes its slabs again once no one reads their messages', () => {
  it('never overwrites a message someone still holds, and reuses slabs once they are released', () => {
    let oldest = Number.POSITIVE_INFINITY;
    const { r, got } = reader(() => oldest);
    // Someone holds message 3 for the whole time: its slab must never be written again.
    for (let n = 1; n <= 200; n++) {
      r.push(message(n));
      if (n === 3) oldest = got[2]!.seq;
    }
    expect(got).toHaveLength(200);
    expect(got[2]!.payload[0]).toBe(3);
    expect(got.slice(2).every(intact)).toBe(true);
    // Released: later messages go into the slabs already made.
    oldest = Number.POSITIVE_INFINITY;
    const before = new Set(got.map((m) => m.payload.buffer));
    for (let n = 201; n <= 400; n++) r.push(message(n));
    const reused = got.slice(200).filter((m) => before.has(m.payload.buffer)).length;
    expect(reused).toBeGreaterThan(150);
  });

  it('a holder that keeps every message it got sees every one intact (nothing is reused under it)', () => {
    const { r, got } = reader(() => (got.length ? got[0]!.seq : Number.POSITIVE_INFINITY));
    for (let n = 1; n <= 300; n++) r.push(message(n));
    expect(got.map((m) => m.payload[0])).toEqual(Array.from({ length: 300 }, (_, i) => (i + 1) % 251));
    expect(got.every(intact)).toBe(true);
  });
});

describe('what a destination socket holds', () => {
  it('holds from the first frame written since its buffer was empty; an ending socket holds until flushed', () => {
    const hold = new SocketHold();
    const socket = { writableLength: 0, destroyed: false };
    hold.writing(socket, 10);
    socket.writableLength = 5000; // corked, or not yet taken by the kernel
    hold.writing(socket, 11);
    expect(hold.oldest(socket, 12)).toBe(10);
    socket.writableLength = 0; // flushed
    expect(hold.oldest(socket, 12)).toBe(12);
    hold.writing(socket, 12);
    socket.writableLength = 100;
    hold.released(socket, true); // ends gracefully: still flushing
    const next = { writableLength: 0, destroyed: false };
    expect(hold.oldest(next)).toBe(12);
    socket.destroyed = true;
    expect(hold.oldest(next)).toBe(Number.POSITIVE_INFINITY);
  });
});
