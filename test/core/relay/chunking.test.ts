import { describe, expect, it } from 'vitest';
import {
  ROOM,
  chunkedLength,
  claimRoom,
  headerLength,
  roomFits,
  writeChunked,
  writeContinuation,
  writeHeader,
} from '../../../src/core/relay/chunking.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('chunkedLength: a type 0 header, the payload, a continuation header per extra chunk', () => {
  it.each([
    // payload, chunk size, timestamp, bytes on the wire
    [0, 128, 0, 12],
    [1, 128, 0, 13],
    [128, 128, 0, 140], // exactly one chunk: no continuation
    [129, 128, 0, 142], // one byte into the second chunk
    [256, 128, 0, 269],
    [25_000, 60_000, 40, 25_012],
    [150_000, 60_000, 40, 150_014], // 3 chunks: 2 continuations
    [150_000, 60_000, 0xffffff, 150_000 + 16 + 2 * 5], // extended timestamp in every header
    [129, 128, 0xfffffe, 142], // just below the extended range
  ])('%i bytes in %i-byte chunks at %i ms: %i bytes', (len, chunk, ts, want) => {
    expect(chunkedLength(len, chunk, ts)).toBe(want);
    expect(headerLength(ts)).toBe(ts >= 0xffffff ? 16 : 12);
  });
});

describe('writeHeader / writeContinuation: the RTMP byte layout', () => {
  it.each([
    // csid, type, stream id, timestamp, length, expected header
    [4, 8, 1, 0, 5, '04' + '000000' + '000005' + '08' + '01000000'],
    [6, 9, 1, 0x123456, 0x010203, '06' + '123456' + '010203' + '09' + '01000000'],
    [5, 18, 0x01020304, 33, 70, '05' + '000021' + '000046' + '12' + '04030201'], // stream id little-endian
    [6, 9, 1, 0xffffff, 1, '06' + 'ffffff' + '000001' + '09' + '01000000' + '00ffffff'],
    [6, 9, 1, 0x12345678, 1, '06' + 'ffffff' + '000001' + '09' + '01000000' + '12345678'],
  ])('csid %i type %i stream %i at %i ms, %i bytes', (csid, type, streamId, timestamp, len, want) => {
    const out = new Uint8Array(16);
    const end = writeHeader(out, 0, { csid, type, streamId, timestamp }, len);
    expect(hex(out.subarray(0, end))).toBe(want);
  });

  it.each([
    [4, 0, 'c4'],
    [6, 40, 'c6'],
    [6, 0x12345678, 'c612345678'],
  ])('continuation of csid %i at %i ms: %s', (csid, ts, want) => {
    const out = new Uint8Array(5);
    expect(hex(out.subarray(0, writeContinuation(out, 0, csid, ts)))).toBe(want);
  });
});

describe('writeChunked: what a server reassembles is the payload', () => {
  it.each([
    [10, 128, 0],
    [128, 128, 0],
    [300, 128, 1000],
    [300, 128, 0x1000000],
    [150_000, 60_000, 5],
  ])('%i bytes in %i-byte chunks at %i ms', (len, chunkSize, timestamp) => {
    const payload = bytes(len);
    const out = new Uint8Array(chunkedLength(len, chunkSize, timestamp));
    expect(writeChunked(out, { csid: 6, type: 9, streamId: 1, timestamp, payload, chunkSize })).toBe(out.length);
    // Walk the chunks back: header, then continuation headers every chunkSize payload bytes.
    const hl = headerLength(timestamp);
    const cl = timestamp >= 0xffffff ? 5 : 1;
    const got: number[] = [];
    let o = hl;
    while (got.length < len) {
      if (got.length > 0) {
        expect(out[o]).toBe(0xc6);
        o += cl;
      }
      const n = Math.min(chunkSize, len - got.length);
      got.push(...out.subarray(o, o + n));
      o += n;
    }
    expect(o).toBe(out.length);
    expect(Uint8Array.from(got)).toEqual(payload);
  });
});

describe('the room before a payload: one shared header, never overwritten by another', () => {
  const message = (len: number) => {
    const all = new Uint8Array(ROOM + len + 8);
    const room = all.subarray(0, ROOM + len);
    room[0] = 0;
    return { all, room, payload: room.subarray(ROOM) };
  };
  const header = (streamId: number, ts: number, len: number) => {
    const h = new Uint8Array(16);
    return { h, n: writeHeader(h, 0, { csid: 6, type: 9, streamId, timestamp: ts }, len) };
  };

  it('fits only the exact view of the room and its own payload', () => {
    const { all, room, payload } = message(10);
    expect(roomFits(room, payload)).toBe(true);
    expect(roomFits(room, payload.subarray(1))).toBe(false); // an AMF3 payload past its format byte
    expect(roomFits(room, payload.subarray(0, 9))).toBe(false);
    expect(roomFits(room, all.subarray(ROOM + 1, ROOM + 11))).toBe(false); // the next bytes, not this payload
    expect(roomFits(room, new Uint8Array(10))).toBe(false); // a replaced payload (parameter sets added)
  });

  it.each([
    // first claim, second claim, second shares?
    [[1, 100], [1, 100], true],
    [[1, 100], [2, 100], false], // another stream id: its own header
    [[1, 100], [1, 133], false], // same payload re-timed (slate loop, file loop)
    [[1, 0x1000000], [1, 0x1000000], true], // extended timestamps share too
    [[1, 0x1000000], [1, 100], false], // a 16-byte header never matches a 12-byte one
  ] as const)('claimed as %j, then %j: shared %s', ([s1, t1], [s2, t2], shared) => {
    const { room, payload } = message(20);
    payload.set(bytes(20));
    const a = header(s1, t1, 20);
    const b = header(s2, t2, 20);
    expect(claimRoom(room, a.h, a.n)).toBe(true);
    const before = hex(room);
    expect(claimRoom(room, b.h, b.n)).toBe(shared);
    // The first header stays as written (a queued write may still point at it), the payload untouched.
    expect(hex(room)).toBe(before);
    expect(hex(room.subarray(ROOM - a.n, ROOM))).toBe(hex(a.h.subarray(0, a.n)));
    expect(payload).toEqual(bytes(20));
  });
});
