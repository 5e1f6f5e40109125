import { RelayError } from '../../core/errors.js';
import { ROOM } from '../../core/relay/chunking.js';
/** A whole RTMP message reassembled from chunks. */
export interface RtmpMessage {
  type: number;
  streamId: number;
  timestamp: number;
  /** The message's own Buffer (never reused by the reader): safe to keep and share. */
  payload: Buffer;
  /** With slabs: `ROOM` free bytes before the payload, and the payload (core/relay/chunking.ts). */
  room?: Buffer;
  /** Messages are numbered as they start: what a reused slab may still hold (ChunkReader.reuse). */
  seq: number;
}

/** What one peer may make the reader hold: a client that asks for more is an error, not memory. */
export interface ChunkLimits {
  /** Largest message accepted (RTMP allows 16 MB). */
  maxMessageBytes: number;
  /** Chunk streams in use at once (an encoder uses a handful). */
  maxChunkStreams: number;
  /** Bytes of partly received messages held at once, over every chunk stream. */
  maxPendingBytes: number;
}

/** What the peer sent breaks RTMP or the limits: close that connection. */
export class RtmpProtocolError extends RelayError {}

const NO_LIMITS: ChunkLimits = { maxMessageBytes: 0xffffff, maxChunkStreams: 65600, maxPendingBytes: 2 ** 31 };
const HEADER_LEN = [11, 7, 3, 0] as const;
/** The longest chunk header: 3-byte basic header, 11-byte message header, extended timestamp. */
const MAX_HEADER = 18;

class ChunkStream {
  /** The last timestamp field (absolute for type 0, a delta otherwise): type 3 reuses it. */
  tsField = 0;
  extended = false;
  timestamp = 0;
  length = 0;
  type = 0;
  streamId = 0;
  /** The message being received, allocated once at its first chunk; null between messages. */
  payload: Buffer | null = null;
  room: Buffer | undefined = undefined;
  received = 0;
  seq = 0;
}

/** A slab, and the number of the last message carved from it. */
interface Slab {
  buf: Buffer;
  lastSeq: number;
}

/** Slabs kept for reuse at most (32 MB): beyond, a slab is the collector's again. */
const MAX_POOL = 64;

/**
 * Reassembles RTMP messages from a peer's chunk stream (all four header formats, extended
 * timestamps, Set Chunk Size, Abort). Chunk payloads are copied once, straight from the socket's
 * buffer into the message's own Buffer; a chunk header split across reads is the only thing kept
 * between reads (at most 17 bytes). Used by the ingest (with limits) and the publish client.
 */
export class ChunkReader {
  chunkSize = 128;
  private readonly streams = new Map<number, ChunkStream>();
  private pendingBytes = 0;
  /** The chunk stream whose chunk payload is being read, and how much of that chunk is left. */
  private cur: ChunkStream | null = null;
  private chunkLeft = 0;
  private partialHeader: Buffer | null = null;
  /**
   * When set (a trusted publisher), messages are carved out of slabs of this size instead of
   * each getting its own ArrayBuffer: far fewer allocations for the GC to track. A slab is
   * written twice only through `reuse`, once no one reads its messages; otherwise a message's
   * bytes stay its own for as long as anyone holds it. Each message gets `ROOM` bytes before it
   * for a sender's chunk header (one write per frame).
   */
  slabBytes = 0;
  private slab: Slab | null = null;
  private slabUsed = 0;
  private seq = 0;
  /**
   * With slabs: the number of the oldest message anyone may still read (RtmpMessage.seq). A
   * slab whose messages are all older is written again instead of a new one allocated: a new
   * 512 KB slab every 0.7 s of a 6 Mbit/s feed grows V8's old generation to a full collection
   * every 11 s. Without it, or with every pooled slab still in use, slabs are new (as always).
   */
  reuse: (() => number) | null = null;
  private pool: Slab[] = [];

  constructor(
    private readonly onMessage: (m: RtmpMessage) => void,
    public limits: ChunkLimits = NO_LIMITS,
  ) {}

  push(data: Buffer): void {
    let o = 0;
    const end = data.length;
    if (this.partialHeader) {
      const kept = this.partialHeader;
      const head = Buffer.concat([kept, data.subarray(0, MAX_HEADER)]);
      const used = this.readHeader(head, 0, head.length);
      if (used < 0) {
        this.partialHeader = head;
        return;
      }
      this.partialHeader = null;
      o = used - kept.length;
    }
    while (o < end) {
      const s = this.cur;
      if (s !== null) {
        const n = Math.min(this.chunkLeft, end - o);
        data.copy(s.payload!, s.received, o, o + n);
        s.received += n;
        this.chunkLeft -= n;
        o += n;
        if (this.chunkLeft === 0) this.endChunk(s);
        continue;
      }
      const used = this.readHeader(data, o, end);
      if (used < 0) {
        this.partialHeader = Buffer.from(data.subarray(o, end));
        return;
      }
      o += used;
    }
  }

  /** Bytes of partly received messages (what the peer currently makes this reader hold). */
  get buffered(): number {
    return this.pendingBytes + (this.partialHeader?.length ?? 0);
  }

  /** Parses one chunk header at b[o..end); -1 when it is not all there yet (nothing changed then). */
  private readHeader(b: Buffer, start: number, end: number): number {
    let o = start;
    if (end - o < 1) return -1;
    const fmt = b[o]! >> 6;
    let csid = b[o]! & 0x3f;
    o++;
    if (csid === 0) {
      if (end - o < 1) return -1;
      csid = 64 + b[o]!;
      o++;
    } else if (csid === 1) {
      if (end - o < 2) return -1;
      csid = 64 + b[o]! + b[o + 1]! * 256;
      o += 2;
    }
    const hl = HEADER_LEN[fmt as 0 | 1 | 2 | 3];
    if (end - o < hl) return -1;
    const known = this.streams.get(csid);
    let tsField = known?.tsField ?? 0;
    let extended = known?.extended ?? false;
    let length = known?.length ?? 0;
    let type = known?.type ?? 0;
    let streamId = known?.streamId ?? 0;
    if (fmt <= 2) {
      tsField = (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
      extended = tsField === 0xffffff;
    }
    if (fmt <= 1) {
      length = (b[o + 3]! << 16) | (b[o + 4]! << 8) | b[o + 5]!;
      type = b[o + 6]!;
    }
    if (fmt === 0) streamId = b.readUInt32LE(o + 7);
    o += hl;
    if (extended) {
      if (end - o < 4) return -1;
      tsField = b.readUInt32BE(o);
      o += 4;
    }
    let s = known;
    if (!s) {
      if (this.streams.size >= this.limits.maxChunkStreams)
        throw new RtmpProtocolError(`more than ${this.limits.maxChunkStreams} chunk streams`);
      s = new ChunkStream();
      this.streams.set(csid, s);
    }
    if (s.payload !== null && fmt !== 3) this.drop(s); // a new message header mid-message: the old one is abandoned
    if (s.payload === null) {
      s.tsField = tsField;
      s.extended = extended;
      s.timestamp = fmt === 0 ? tsField : (s.timestamp + tsField) >>> 0;
      s.length = length;
      s.type = type;
      s.streamId = streamId;
      this.startMessage(s);
    }
    this.cur = s;
    this.chunkLeft = Math.min(this.chunkSize, s.length - s.received);
    if (this.chunkLeft === 0) this.endChunk(s);
    return o - start;
  }

  private startMessage(s: ChunkStream): void {
    const { maxMessageBytes, maxPendingBytes } = this.limits;
    if (s.length > maxMessageBytes)
      throw new RtmpProtocolError(`a message of ${s.length} bytes (at most ${maxMessageBytes} here)`);
    if (this.pendingBytes + s.length > maxPendingBytes)
      throw new RtmpProtocolError(`more than ${maxPendingBytes} bytes of unfinished messages`);
    s.seq = ++this.seq;
    if (this.slabBytes > 0) {
      const room = this.allocate(ROOM + s.length);
      room[0] = 0;
      s.room = room;
      s.payload = room.subarray(ROOM);
    } else s.payload = this.allocate(s.length);
    s.received = 0;
    this.pendingBytes += s.length;
  }

  private allocate(n: number): Buffer {
    if (this.slabBytes === 0 || n > this.slabBytes / 4) return Buffer.allocUnsafe(n);
    if (this.slab === null || this.slabUsed + n > this.slab.buf.length) {
      this.slab = this.nextSlab();
      this.slabUsed = 0;
    }
    this.slab.lastSeq = this.seq;
    const b = this.slab.buf.subarray(this.slabUsed, this.slabUsed + n);
    // 8-byte aligned, like the pool Node uses for small buffers.
    this.slabUsed = (this.slabUsed + n + 7) & ~7;
    return b;
  }

  private nextSlab(): Slab {
    if (this.reuse !== null) {
      // Messages still arriving in an older slab are read by no one yet, but written by us.
      let held = this.reuse();
      for (const st of this.streams.values()) if (st.payload !== null && st.seq < held) held = st.seq;
      for (const slab of this.pool) if (slab !== this.slab && slab.lastSeq < held) return slab;
      if (this.pool.length < MAX_POOL) {
        const slab = { buf: Buffer.allocUnsafeSlow(this.slabBytes), lastSeq: 0 };
        this.pool.push(slab);
        return slab;
      }
    }
    return { buf: Buffer.allocUnsafeSlow(this.slabBytes), lastSeq: 0 };
  }

  private drop(s: ChunkStream): void {
    if (s.payload === null) return;
    this.pendingBytes -= s.length;
    s.payload = null;
    s.room = undefined;
    s.received = 0;
    if (this.cur === s) this.cur = null;
  }

  private endChunk(s: ChunkStream): void {
    this.cur = null;
    if (s.received < s.length) return;
    const payload = s.payload!;
    const room = s.room;
    this.pendingBytes -= s.length;
    s.payload = null;
    s.room = undefined;
    s.received = 0;
    if (s.type === 1) {
      if (payload.length < 4) throw new RtmpProtocolError('a Set Chunk Size message without a size');
      const size = payload.readUInt32BE(0) & 0x7fffffff;
      if (size < 1) throw new RtmpProtocolError('a chunk size of 0');
      this.chunkSize = size;
    } else if (s.type === 2 && payload.length >= 4) {
      const aborted = this.streams.get(payload.readUInt32BE(0));
      if (aborted) this.drop(aborted);
    }
    this.onMessage({ type: s.type, streamId: s.streamId, timestamp: s.timestamp, payload, room, seq: s.seq });
  }
}
