/** A whole RTMP message reassembled from chunks. */
export interface RtmpMessage {
  type: number;
  streamId: number;
  timestamp: number;
  payload: Buffer;
}

interface ChunkStreamState {
  timestamp: number;
  delta: number;
  length: number;
  type: number;
  streamId: number;
  extended: boolean;
  parts: Buffer[];
  received: number;
}

/**
 * Reassembles RTMP messages from the peer's chunk stream (all four header formats, extended
 * timestamps, Set Chunk Size). Used by the publish client for the server's replies.
 */
export class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private chunkSize = 128;
  private readonly streams = new Map<number, ChunkStreamState>();

  constructor(private readonly onMessage: (m: RtmpMessage) => void) {}

  push(data: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    for (;;) {
      const used = this.readChunk();
      if (used === 0) break;
      this.buf = this.buf.subarray(used);
    }
  }

  private readChunk(): number {
    const b = this.buf;
    if (b.length < 1) return 0;
    const fmt = b[0]! >> 6;
    let csid = b[0]! & 0x3f;
    let o = 1;
    if (csid === 0) {
      if (b.length < 2) return 0;
      csid = 64 + b[1]!;
      o = 2;
    } else if (csid === 1) {
      if (b.length < 3) return 0;
      csid = 64 + b[1]! + b[2]! * 256;
      o = 3;
    }
    const headerLen = [11, 7, 3, 0][fmt]!;
    if (b.length < o + headerLen) return 0;
    const prev = this.streams.get(csid) ?? {
      timestamp: 0,
      delta: 0,
      length: 0,
      type: 0,
      streamId: 0,
      extended: false,
      parts: [],
      received: 0,
    };
    const s = { ...prev };
    let ts = 0;
    if (fmt <= 2) ts = b.readUIntBE(o, 3);
    if (fmt <= 1) {
      s.length = b.readUIntBE(o + 3, 3);
      s.type = b[o + 6]!;
    }
    if (fmt === 0) s.streamId = b.readUInt32LE(o + 7);
    o += headerLen;
    const extended = fmt <= 2 ? ts === 0xffffff : s.extended;
    if (extended) {
      if (b.length < o + 4) return 0;
      ts = b.readUInt32BE(o);
      o += 4;
    }
    const remaining = s.length - s.received;
    const n = Math.min(remaining, this.chunkSize);
    if (b.length < o + n) return 0;
    if (s.received === 0) {
      if (fmt === 0) s.timestamp = ts;
      else if (fmt === 1 || fmt === 2) {
        s.delta = ts;
        s.timestamp += ts;
      } else s.timestamp += s.delta;
      s.extended = extended;
      s.parts = [];
    }
    s.parts.push(Buffer.from(b.subarray(o, o + n)));
    s.received += n;
    if (s.received >= s.length) {
      const payload = Buffer.concat(s.parts);
      s.parts = [];
      s.received = 0;
      this.streams.set(csid, s);
      if (s.type === 1) this.chunkSize = payload.readUInt32BE(0) & 0x7fffffff;
      this.onMessage({ type: s.type, streamId: s.streamId, timestamp: s.timestamp, payload });
    } else this.streams.set(csid, s);
    return o + n;
  }
}
