import { randomBytes } from 'node:crypto';
import type net from 'node:net';
import { decodeAmf0, encodeAmf0, type Amf0Value } from './amf0.js';
import { ChunkReader, type RtmpMessage } from './chunk-reader.js';
import { MSG, rtmpMessage } from './rtmp-chunks.js';
import { writeFrame } from './rtmp-frame-out.js';
import { connected, openSocket } from './rtmp-socket.js';
import type { RtmpTarget } from './rtmp-url.js';
import { RelayError } from '../../core/errors.js';
import type { RelayFrame } from '../../core/relay/frames.js';

const OUT_CHUNK_SIZE = 60_000;

/**
 * A minimal RTMP publishing client: handshake, connect, createStream, publish, then media
 * (written as rtmp-frame-out.ts says: one write per frame, its header shared by every
 * destination).
 */
export class RtmpPublisher {
  socket: net.Socket | null = null;
  private reader: ChunkReader;
  private txn = 1;
  private pending = new Map<number, (args: Amf0Value[]) => void>();
  private statusWaiter: ((code: string, desc: string) => void) | null = null;
  private streamId = 0;
  private bytesIn = 0;
  private windowAck = 2_500_000;
  private lastAck = 0;
  bytesOut = 0;
  /**
   * Bytes the server has certainly read (handshake included): from its Acknowledgements, or
   * from the answer to a probe, which it can only send after reading everything before it.
   */
  deliveredBytes = 0;
  private probeAt: number | null = null;
  private probeTxn = 0;
  private static readonly HANDSHAKE_BYTES = 1 + 1536 * 2;
  onClose: ((err: Error | null) => void) | null = null;
  onProgress: (() => void) | null = null;

  /** Bytes sent so far, counted like the server counts what it received. */
  get sentBytes(): number {
    return RtmpPublisher.HANDSHAKE_BYTES + this.bytesOut;
  }

  /**
   * Asks the server for an answer that must queue behind every byte sent so far. Servers that
   * acknowledge (nginx-rtmp, the big platforms) make this unnecessary; node-media-server does
   * not acknowledge, but answers createStream.
   */
  probe(): void {
    if (this.probeAt !== null || !this.socket || this.socket.destroyed) return;
    this.probeAt = this.sentBytes;
    this.probeTxn = ++this.txn;
    this.sendMessage(3, MSG.command, 0, 0, encodeAmf0(['createStream', this.probeTxn, null]));
  }

  get probing(): boolean {
    return this.probeAt !== null;
  }

  constructor(
    readonly target: RtmpTarget,
    private readonly opts: { timeoutMs?: number } = {},
  ) {
    this.reader = new ChunkReader((m) => this.onMessage(m));
  }

  /** Connects and publishes; resolves when the server says NetStream.Publish.Start. */
  async start(): Promise<void> {
    const t = this.target;
    const timeout = this.opts.timeoutMs ?? 10_000;
    const socket = openSocket(t, (d) => this.onBytes(d));
    this.socket = socket;
    await connected(socket, t, timeout);
    await this.handshake(timeout);
    this.onBytes = (d) => {
      this.bytesIn += d.length;
      if (this.bytesIn - this.lastAck >= this.windowAck) {
        this.lastAck = this.bytesIn;
        const b = Buffer.alloc(4);
        b.writeUInt32BE(this.bytesIn >>> 0);
        this.sendMessage(2, MSG.ack, 0, 0, b);
      }
      try {
        this.reader.push(d);
      } catch (err) {
        socket.destroy(err as Error);
      }
    };
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const err = new RelayError('connection closed by the server');
      for (const p of this.pending.values()) p([null, null, { code: 'closed' }]);
      this.statusWaiter?.('closed', err.message);
      this.onClose?.(null);
    });
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32BE(OUT_CHUNK_SIZE);
    this.sendMessage(2, MSG.setChunkSize, 0, 0, chunk);
    this.chunkSize = OUT_CHUNK_SIZE;
    const connect = await this.call(
      'connect',
      [{ app: t.app, type: 'nonprivate', flashVer: 'FMLE/3.0 (compatible; lotcast)', tcUrl: t.tcUrl }],
      timeout,
    );
    const info = connect[3] as { code?: string; description?: string } | undefined;
    if (connect[0] !== '_result')
      throw new RelayError(`server refused connect: ${info?.code ?? 'error'} ${info?.description ?? ''}`.trim());
    this.command('releaseStream', [null, t.streamName]);
    this.command('FCPublish', [null, t.streamName]);
    const created = await this.call('createStream', [null], timeout);
    if (created[0] !== '_result' || typeof created[3] !== 'number') throw new RelayError('server refused createStream');
    this.streamId = created[3];
    const status = await new Promise<{ code: string; desc: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RelayError('no answer to publish')), timeout);
      this.statusWaiter = (code, desc) => {
        clearTimeout(timer);
        resolve({ code, desc });
      };
      this.commandOn(this.streamId, 'publish', [null, t.streamName, 'live']);
    });
    this.statusWaiter = null;
    if (status.code !== 'NetStream.Publish.Start')
      throw new RelayError(`publish refused: ${status.code}${status.desc ? ` (${status.desc})` : ''}`);
    // Ask the server to acknowledge every 64 KB it reads: delivery, not just socket writes.
    const win = Buffer.alloc(4);
    win.writeUInt32BE(64 * 1024);
    this.sendMessage(2, MSG.windowAck, 0, 0, win);
    this.deliveredBytes = RtmpPublisher.HANDSHAKE_BYTES;
  }

  private chunkSize = 128;

  /** Writes one media/data frame; returns false when the socket's buffer is full. */
  sendFrame(f: RelayFrame): boolean {
    return writeFrame(f, this.streamId, this.chunkSize, this.write);
  }

  /** Ends the stream the way encoders do, so the platform ends the broadcast, then closes. */
  end(): void {
    if (!this.socket || this.socket.destroyed) return;
    try {
      this.command('FCUnpublish', [null, this.target.streamName]);
      this.command('deleteStream', [null, this.streamId]);
    } finally {
      this.socket.end();
      const s = this.socket;
      setTimeout(() => s.destroy(), 1000).unref();
    }
  }

  destroy(): void {
    this.socket?.destroy();
  }

  private corked = false;

  /**
   * Groups what is written until the end of this turn into one write to the kernel: frames
   * that arrive together (one read from the encoder often holds audio and video) and acks.
   */
  batch(fn: () => void): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      RtmpPublisher.corked.push(this);
      if (RtmpPublisher.corked.length === 1) process.nextTick(RtmpPublisher.uncorkAll);
    }
    fn();
  }

  /** Publishers corked this turn: one nextTick uncorks them all. */
  private static corked: RtmpPublisher[] = [];
  private static uncorkAll(): void {
    // An uncork may write, and a write may start another batch: take this turn's list first.
    for (const p of RtmpPublisher.corked.splice(0)) {
      p.corked = false;
      p.socket?.uncork();
    }
  }

  get writableLength(): number {
    return this.socket?.writableLength ?? 0;
  }

  private async handshake(timeoutMs: number): Promise<void> {
    const socket = this.socket!;
    const c1 = Buffer.alloc(1536);
    c1.writeUInt32BE(0, 0);
    randomBytes(1528).copy(c1, 8);
    socket.write(Buffer.concat([Buffer.from([0x03]), c1]));
    const s = await new Promise<Buffer>((resolve, reject) => {
      let got = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new RelayError('RTMP handshake timed out')), timeoutMs);
      this.onBytes = (d: Buffer) => {
        got = Buffer.concat([got, d]);
        if (got.length >= 1 + 1536 * 2) {
          clearTimeout(timer);
          this.onBytes = () => undefined;
          resolve(got);
        }
      };
      socket.once('close', () => reject(new RelayError('connection closed during the RTMP handshake')));
    });
    if (s[0] !== 0x03) throw new RelayError(`not an RTMP server (handshake version ${s[0]})`);
    socket.write(s.subarray(1, 1537)); // C2 echoes S1
    const rest = s.subarray(1 + 1536 * 2);
    if (rest.length) queueMicrotask(() => this.reader.push(Buffer.from(rest)));
  }

  private call(name: string, args: Amf0Value[], timeoutMs: number): Promise<Amf0Value[]> {
    const id = ++this.txn;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new RelayError(`no answer to ${name}`)), timeoutMs);
      this.pending.set(id, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
      this.sendMessage(3, MSG.command, 0, 0, encodeAmf0([name, id, ...args]));
    });
  }

  private command(name: string, args: Amf0Value[]): void {
    this.sendMessage(3, MSG.command, 0, 0, encodeAmf0([name, ++this.txn, ...args]));
  }

  private commandOn(streamId: number, name: string, args: Amf0Value[]): void {
    this.sendMessage(8, MSG.command, streamId, 0, encodeAmf0([name, 0, ...args]));
  }

  private onMessage(m: RtmpMessage): void {
    if (m.type === MSG.windowAck) this.windowAck = m.payload.readUInt32BE(0);
    else if (m.type === MSG.ack && m.payload.length >= 4) {
      // The sequence number wraps at 4 GB; unwrap against what we sent.
      const seq = m.payload.readUInt32BE(0);
      const sent = this.sentBytes;
      const unwrapped = sent - ((((sent - seq) % 2 ** 32) + 2 ** 32) % 2 ** 32);
      if (unwrapped > this.deliveredBytes) {
        this.deliveredBytes = unwrapped;
        this.onProgress?.();
      }
    } else if (m.type === MSG.userControl && m.payload.readUInt16BE(0) === 6) {
      const pong = Buffer.alloc(6);
      pong.writeUInt16BE(7, 0);
      m.payload.copy(pong, 2, 2, 6);
      this.sendMessage(2, MSG.userControl, 0, 0, pong);
    } else if (m.type === MSG.command) {
      const args = decodeAmf0(m.payload);
      const [name, id] = args;
      if (
        (name === '_result' || name === '_error') &&
        typeof id === 'number' &&
        id === this.probeTxn &&
        this.probeAt !== null
      ) {
        this.deliveredBytes = Math.max(this.deliveredBytes, this.probeAt);
        this.probeAt = null;
        this.onProgress?.();
      } else if ((name === '_result' || name === '_error') && typeof id === 'number') {
        this.pending.get(id)?.(args);
        this.pending.delete(id);
      } else if (name === 'onStatus') {
        const info = args[3] as { code?: string; description?: string } | undefined;
        this.statusWaiter?.(info?.code ?? '', info?.description ?? '');
      }
    }
  }

  /** What the server sent: the handshake's answer first, then chunks. */
  private onBytes: (d: Buffer) => void = () => undefined;

  private sendMessage(csid: number, type: number, streamId: number, timestamp: number, payload: Buffer): boolean {
    return this.writeBytes(rtmpMessage(csid, type, streamId, timestamp, payload, this.chunkSize));
  }

  private readonly write = (b: Buffer): boolean => this.writeBytes(b);

  private writeBytes(b: Buffer): boolean {
    const socket = this.socket;
    if (!socket || socket.destroyed) return false;
    this.bytesOut += b.length;
    return socket.write(b);
  }
}
