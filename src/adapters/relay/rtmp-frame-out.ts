import {
  ROOM,
  claimRoom,
  continuationLength,
  headerLength,
  roomFits,
  writeContinuation,
  writeHeader,
} from '../../core/relay/chunking.js';
import type { RelayFrame } from '../../core/relay/frames.js';
import { MSG } from './rtmp-chunks.js';

/** A frame's header before it goes into the frame's room (one thread: never shared mid-use). */
const scratch = Buffer.allocUnsafe(16);
/** Type 3 continuation headers by chunk stream id (without an extended timestamp, one constant byte). */
const continuations = new Map<number, Buffer>();
/** The last header+payload view made: the next destinations sending that frame write the same one. */
let lastRoom: Buffer | null = null;
let lastView: Buffer | null = null;

/**
 * Writes one media/data frame as RTMP chunks through `write`; returns what the last write
 * returned (false: the socket's buffer is full). A frame from the ingest goes out as one write of
 * its own memory: the chunk header sits in the free bytes the ingest left before the payload,
 * written by the first connection and reused by every other with the same stream id (every
 * destination, on the usual servers). Anything else: header and payload as two writes, no copy.
 */
export function writeFrame(f: RelayFrame, streamId: number, chunkSize: number, write: (b: Buffer) => boolean): boolean {
  const p = f.payload as Buffer;
  const csid = f.type === MSG.audio ? 4 : f.type === MSG.video ? 6 : 5;
  const ts = f.timestamp;
  const hl = headerLength(ts);
  const first = Math.min(p.length, chunkSize);
  writeHeader(scratch, 0, { csid, type: f.type, streamId, timestamp: ts }, p.length);
  const room = f.room as Buffer | undefined;
  let ok: boolean;
  if (room !== undefined && roomFits(room, p) && claimRoom(room, scratch, hl)) {
    if (room !== lastRoom || lastView!.length !== hl + first) {
      lastRoom = room;
      lastView = room.subarray(ROOM - hl, ROOM + first);
    }
    ok = write(lastView!);
  } else {
    write(Buffer.from(scratch.subarray(0, hl)));
    ok = write(first === p.length ? p : p.subarray(0, first));
  }
  for (let o = first; o < p.length; o += chunkSize) {
    write(continuationHeader(csid, ts));
    ok = write(p.subarray(o, Math.min(p.length, o + chunkSize)));
  }
  return ok;
}

function continuationHeader(csid: number, timestamp: number): Buffer {
  const n = continuationLength(timestamp);
  const known = n === 1 ? continuations.get(csid) : undefined;
  if (known) return known;
  const b = Buffer.allocUnsafe(n);
  writeContinuation(b, 0, csid, timestamp);
  if (n === 1) continuations.set(csid, b);
  return b;
}
