import type net from 'node:net';
import { type Amf0Value, decodeAmf0, encodeAmf0 } from './amf0.js';
import { type ChunkLimits, ChunkReader, type RtmpMessage } from './chunk-reader.js';
import { HANDSHAKE_SIZE, handshakeReply } from './rtmp-handshake.js';
import { rtmpMessage } from './rtmp-chunks.js';
import { RelayError } from '../../core/errors.js';
import { type PolledReads, pollReads } from './polled-reads.js';

/** How long a connection may take to get somewhere, and what it may hold before it is trusted. */
export interface SessionLimits {
  /** From accept to a finished handshake. */
  handshakeMs: number;
  /** From accept to an accepted publish (with the right key). */
  publishMs: number;
  /** A publisher that sends nothing for this long is gone (half-dead after a network blip). */
  publisherIdleMs: number;
  /** Before publishing with the right key: commands only, small. */
  unauthenticated: ChunkLimits;
  /** An accepted publisher: large keyframes, but still bounded. */
  publisher: ChunkLimits;
  /** Replies the client does not read: beyond this many queued bytes it is closed. */
  maxWriteQueue: number;
}

export interface PublishRequest {
  app: string;
  /** The stream name without its query (the stream key). */
  name: string;
  query: Record<string, string>;
}

export interface SessionHooks {
  /** Decides a publish: null accepts it, a string is why it is refused (logged, never the key). */
  publish(s: RtmpSession, req: PublishRequest): string | null;
  media(s: RtmpSession, m: RtmpMessage): void;
  closed(s: RtmpSession, why: string | null): void;
  /** The oldest frame anyone may still read, once publishing (IngestOptions.held). */
  held?: () => number;
}

const OUT_CHUNK_SIZE = 4096;
const OWN_WINDOW = 5_000_000;

/**
 * One encoder connection to the ingest: handshake, the few commands an encoder sends, then its
 * media. Anything that breaks RTMP or a limit ends this connection alone (closed() says why).
 */
export class RtmpSession {
  state: 'handshake' | 'handshake-c2' | 'connected' | 'publishing' | 'closed' = 'handshake';
  private hs = Buffer.alloc(1 + HANDSHAKE_SIZE);
  private hsGot = 0;
  private readonly reader: ChunkReader;
  private app: string | null = null;
  private streams = 0;
  private bytesIn = 0;
  private ackWindow = 0;
  private lastAck = 0;
  private timers: NodeJS.Timeout[] = [];
  private poll: NodeJS.Timeout | null = null;

  constructor(
    readonly socket: net.Socket,
    readonly ip: string,
    private readonly limits: SessionLimits,
    private readonly hooks: SessionHooks,
    /** Plain TCP sockets only: how the publisher's bytes are read once it is accepted. */
    private readonly polled: PolledReads | null = null,
  ) {
    this.reader = new ChunkReader((m) => this.onMessage(m), limits.unauthenticated);
    socket.setNoDelay(true);
    socket.on('error', (err) => this.close(err.message));
    socket.on('close', () => this.close(null));
    this.deadline(limits.handshakeMs, () => this.state === 'handshake' || this.state === 'handshake-c2', 'handshake');
    this.deadline(limits.publishMs, () => this.state !== 'publishing', 'publish');
  }

  /**
   * Ends the connection (idempotent); `why` null is the peer closing. `flush` lets a last
   * status reply leave first (a refused publish, the encoder's own end).
   */
  close(why: string | null, flush = false): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const t of this.timers) clearTimeout(t);
    if (this.poll) clearInterval(this.poll);
    this.socket.setTimeout(0);
    if (flush && !this.socket.destroyed) {
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    } else this.socket.destroy();
    this.hooks.closed(this, why);
  }

  private deadline(ms: number, still: () => boolean, what: string): void {
    const t = setTimeout(() => {
      if (still()) this.close(`no ${what} within ${ms / 1000} s`);
    }, ms);
    t.unref();
    this.timers.push(t);
  }

  /**
   * Bytes from the client. `d` may be a read buffer the caller reuses: everything kept past this
   * call is copied (the chunk reader copies payloads and split headers, the handshake its C1).
   */
  receive(d: Buffer): void {
    try {
      this.onData(d);
    } catch (err) {
      this.close((err as Error).message);
    }
  }

  private onData(d: Buffer): void {
    if (this.state === 'closed') return;
    this.bytesIn += d.length;
    let rest = d;
    if (this.state === 'handshake' || this.state === 'handshake-c2') {
      rest = this.handshake(d);
      if (rest.length === 0) return;
    }
    if (this.ackWindow > 0 && this.bytesIn - this.lastAck >= this.ackWindow) {
      this.lastAck = this.bytesIn;
      this.control(3, this.bytesIn >>> 0);
    }
    this.reader.push(rest);
  }

  /** Consumes handshake bytes; returns what follows C2 (the first chunks). */
  private handshake(d: Buffer): Buffer {
    let o = 0;
    if (this.state === 'handshake') {
      const n = Math.min(d.length, this.hs.length - this.hsGot);
      d.copy(this.hs, this.hsGot, 0, n);
      this.hsGot += n;
      o = n;
      if (this.hs[0] !== 3) throw new RelayError(`not RTMP (handshake version ${this.hs[0]})`);
      if (this.hsGot < this.hs.length) return d.subarray(d.length);
      this.write(handshakeReply(this.hs.subarray(1)));
      this.state = 'handshake-c2';
      this.hsGot = 0;
    }
    const n = Math.min(d.length - o, HANDSHAKE_SIZE - this.hsGot);
    this.hsGot += n;
    o += n;
    if (this.hsGot < HANDSHAKE_SIZE) return d.subarray(d.length);
    this.state = 'connected';
    this.hs = Buffer.alloc(0);
    return d.subarray(o);
  }

  private onMessage(m: RtmpMessage): void {
    if (this.state === 'closed') return;
    switch (m.type) {
      case 8:
      case 9:
      case 18:
        if (this.state === 'publishing') this.hooks.media(this, m);
        return;
      case 15: // AMF3 data: a format byte, then AMF0
        if (this.state === 'publishing') this.hooks.media(this, { ...m, type: 18, payload: m.payload.subarray(1) });
        return;
      case 5:
        if (m.payload.length < 4) throw new RelayError('a Window Acknowledgement Size without a size');
        // A tiny window would have us acknowledge every packet.
        this.ackWindow = Math.max(4096, m.payload.readUInt32BE(0));
        return;
      case 17: // AMF3 command: a format byte, then AMF0
        this.command(m, decodeAmf0(m.payload.subarray(1)));
        return;
      case 20:
        this.command(m, decodeAmf0(m.payload));
        return;
      default:
        return; // acknowledgements, pings' answers, aggregates: nothing an ingest needs
    }
  }

  private command(m: RtmpMessage, args: Amf0Value[]): void {
    const [name, txn] = args;
    const id = typeof txn === 'number' ? txn : 0;
    if (name === 'connect') {
      const cmd = args[2];
      const app = cmd && typeof cmd === 'object' && typeof cmd.app === 'string' ? cmd.app : '';
      this.app = app.split('?')[0]!.replace(/\/+$/, '');
      this.control(5, OWN_WINDOW);
      this.send(2, 6, 0, Buffer.from([0x00, 0x4c, 0x4b, 0x40, 2])); // peer bandwidth 5,000,000, dynamic
      this.control(1, OUT_CHUNK_SIZE);
      this.invoke(0, [
        '_result',
        id,
        { fmsVer: 'FMS/3,0,1,123', capabilities: 31 },
        {
          level: 'status',
          code: 'NetConnection.Connect.Success',
          description: 'Connection succeeded.',
          objectEncoding: 0,
        },
      ]);
    } else if (name === 'createStream') {
      // Publish clients also use it as a probe once live: answered, but nothing is kept.
      this.invoke(0, ['_result', id, null, Math.min(++this.streams, 1000)]);
    } else if (name === 'publish') {
      if (this.app === null) throw new RelayError('publish before connect');
      if (this.state === 'publishing') return;
      const full = typeof args[3] === 'string' ? args[3] : '';
      const q = full.indexOf('?');
      const query: Record<string, string> = Object.create(null);
      if (q >= 0) for (const [k, v] of new URLSearchParams(full.slice(q + 1))) query[k] = v;
      const refused = this.hooks.publish(this, { app: this.app, name: q >= 0 ? full.slice(0, q) : full, query });
      if (refused !== null) {
        this.status(m.streamId, 'error', 'NetStream.Publish.BadName', 'Publishing refused.');
        this.close(refused, true);
        return;
      }
      this.state = 'publishing';
      this.reader.limits = this.limits.publisher;
      this.reader.slabBytes = 512 * 1024;
      this.reader.reuse = this.hooks.held ?? null;
      this.socket.setTimeout(this.limits.publisherIdleMs, () => this.idle());
      this.status(m.streamId, 'status', 'NetStream.Publish.Start', 'Publishing.');
    } else if (name === 'play') {
      throw new RelayError('play is not offered (this ingest is for an encoder)');
    } else if (name === 'deleteStream' || name === 'FCUnpublish' || name === 'closeStream') {
      if (this.state === 'publishing') this.close('the encoder ended the stream', true);
    }
  }

  private idle(): void {
    this.close(`nothing received for ${this.limits.publisherIdleMs / 1000} s`);
  }

  /**
   * A publisher's reads in batches on a timer (PolledReads) or as bytes arrive; only a publisher on
   * plain TCP can batch. The idle limit moves with the reads (the socket's timer never sees polls).
   */
  batchReads(on: boolean): void {
    if (this.state !== 'publishing' || !this.polled || on === (this.poll !== null)) return;
    if (on) {
      this.poll = pollReads(this.socket, this.polled, this.limits.publisherIdleMs, {
        receive: (b) => this.receive(b),
        closed: () => this.state === 'closed',
        close: (why) => this.close(why),
        idle: () => this.idle(),
      });
      if (this.poll) this.socket.setTimeout(0);
      return;
    }
    clearInterval(this.poll!);
    this.poll = null;
    this.socket.setTimeout(this.limits.publisherIdleMs, () => this.idle());
    this.socket.resume();
  }

  private status(streamId: number, level: string, code: string, description: string): void {
    this.invoke(streamId, ['onStatus', 0, null, { level, code, description }]);
  }

  private invoke(streamId: number, values: Amf0Value[]): void {
    this.send(3, 20, streamId, encodeAmf0(values));
  }

  private control(type: number, value: number): void {
    const b = Buffer.allocUnsafe(4);
    b.writeUInt32BE(value >>> 0);
    this.send(2, type, 0, b);
  }

  /** Our replies are small: one write of a type 0 chunk, type 3 continuations past the chunk size. */
  private send(csid: number, type: number, streamId: number, payload: Buffer): void {
    this.write(rtmpMessage(csid, type, streamId, 0, payload, OUT_CHUNK_SIZE));
  }

  private write(b: Buffer): void {
    if (this.socket.destroyed) return;
    this.socket.write(b);
    if (this.socket.writableLength > this.limits.maxWriteQueue)
      throw new RelayError('the client does not read what the ingest sends');
  }
}
