/**
 * RTMP messages as the bytes on the wire: a type 0 chunk header, then the payload in
 * `chunkSize` pieces with type 3 continuation headers between them (each repeating the extended
 * timestamp when there is one). Nothing in these bytes is per connection beyond the chunk size
 * and the message stream id, so connections that agree on both can send the same bytes.
 */
export interface ChunkedMessage {
  /** Chunk stream id, 2-63 (the one-byte basic header). */
  csid: number;
  type: number;
  streamId: number;
  timestamp: number;
  payload: Uint8Array;
  chunkSize: number;
}

const EXTENDED = 0xffffff;

/** Bytes of the type 0 header (with the extended timestamp past 0xffffff ms, about 4.7 hours). */
export function headerLength(timestamp: number): number {
  return timestamp >= EXTENDED ? 16 : 12;
}

/** Bytes of each type 3 continuation header. */
export function continuationLength(timestamp: number): number {
  return timestamp >= EXTENDED ? 5 : 1;
}

/** Bytes the whole message takes on the wire. */
export function chunkedLength(payloadLength: number, chunkSize: number, timestamp: number): number {
  const continuations = payloadLength > 0 ? Math.ceil(payloadLength / chunkSize) - 1 : 0;
  return headerLength(timestamp) + payloadLength + continuations * continuationLength(timestamp);
}

/** Writes the type 0 header of a message of `length` bytes at out[o]; returns the offset after it. */
export function writeHeader(
  out: Uint8Array,
  o: number,
  m: { csid: number; type: number; streamId: number; timestamp: number },
  length: number,
): number {
  const ts = m.timestamp >>> 0;
  const field = Math.min(ts, EXTENDED);
  out[o] = m.csid & 0x3f;
  out[o + 1] = field >>> 16;
  out[o + 2] = (field >>> 8) & 0xff;
  out[o + 3] = field & 0xff;
  out[o + 4] = (length >>> 16) & 0xff;
  out[o + 5] = (length >>> 8) & 0xff;
  out[o + 6] = length & 0xff;
  out[o + 7] = m.type;
  // The message stream id is the one little-endian field in RTMP.
  out[o + 8] = m.streamId & 0xff;
  out[o + 9] = (m.streamId >>> 8) & 0xff;
  out[o + 10] = (m.streamId >>> 16) & 0xff;
  out[o + 11] = (m.streamId >>> 24) & 0xff;
  return ts >= EXTENDED ? writeU32(out, o + 12, ts) : o + 12;
}

/** Writes a type 3 continuation header at out[o]; returns the offset after it. */
export function writeContinuation(out: Uint8Array, o: number, csid: number, timestamp: number): number {
  out[o] = 0xc0 | (csid & 0x3f);
  const ts = timestamp >>> 0;
  return ts >= EXTENDED ? writeU32(out, o + 1, ts) : o + 1;
}

/** Writes the whole chunked message into `out` (at least `chunkedLength` bytes); returns its length. */
export function writeChunked(out: Uint8Array, m: ChunkedMessage): number {
  const { payload, chunkSize } = m;
  const len = payload.length;
  let o = writeHeader(out, 0, m, len);
  for (let p = 0; p < len; p += chunkSize) {
    if (p > 0) o = writeContinuation(out, o, m.csid, m.timestamp);
    const end = Math.min(len, p + chunkSize);
    out.set(p === 0 && end === len ? payload : payload.subarray(p, end), o);
    o += end - p;
  }
  return o;
}

function writeU32(out: Uint8Array, o: number, v: number): number {
  out[o] = v >>> 24;
  out[o + 1] = (v >>> 16) & 0xff;
  out[o + 2] = (v >>> 8) & 0xff;
  out[o + 3] = v & 0xff;
  return o + 4;
}

/**
 * Bytes an ingest leaves free before each message it receives (a trusted publisher's, carved
 * from its slabs), so a sender can put the chunk header right before the payload and write
 * header and payload as one buffer. room[0] says whether a header is there (1) or not (0); the
 * header ends where the payload starts. The ingest sets room[0] to 0 when it allocates.
 */
export const ROOM = 24;

/** `room` is the `ROOM` bytes before `payload` and the payload itself, as one view. */
export function roomFits(room: Uint8Array, payload: Uint8Array): boolean {
  return (
    room.buffer === payload.buffer &&
    room.byteOffset + ROOM === payload.byteOffset &&
    room.length === ROOM + payload.length
  );
}

/**
 * Puts the first `length` bytes of `header` into the room before the payload, unless another header is there already.
 * True when the room holds exactly `header` now: the first sender writes it, every later one
 * with the same header (same stream id and timestamp) reuses it. A different header is never
 * written over one: a write still queued would send the changed bytes. room[1] keeps the
 * header's length.
 */
export function claimRoom(room: Uint8Array, header: Uint8Array, length: number): boolean {
  const at = ROOM - length;
  if (room[0] === 0) {
    for (let i = 0; i < length; i++) room[at + i] = header[i]!;
    room[1] = length;
    room[0] = 1;
    return true;
  }
  if (room[0] !== 1 || room[1] !== length) return false;
  for (let i = 0; i < length; i++) if (room[at + i] !== header[i]) return false;
  return true;
}
