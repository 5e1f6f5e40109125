import { createHash, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { RelayError } from '../../core/errors.js';
import { classify, type RelayFrame } from '../../core/relay/frames.js';
import { READ_EVERY_MS } from '../../core/relay/presets.js';
import type { RtmpMessage } from './chunk-reader.js';
import type { PolledReads } from './polled-reads.js';
import { type PublishRequest, RtmpSession, type SessionLimits } from './rtmp-session.js';

export interface IngestLimits extends SessionLimits {
  /** Connections that have not yet published with the right key, at once; more are closed at accept. */
  maxUnauthenticated: number;
}

/** What a connection may cost before and after it proves it has the key (README "Ingest limits"). */
export const INGEST_LIMITS: IngestLimits = {
  handshakeMs: 5_000,
  publishMs: 10_000,
  publisherIdleMs: 30_000,
  unauthenticated: { maxMessageBytes: 64 * 1024, maxChunkStreams: 8, maxPendingBytes: 128 * 1024 },
  publisher: { maxMessageBytes: 8 * 1024 * 1024, maxChunkStreams: 32, maxPendingBytes: 24 * 1024 * 1024 },
  maxWriteQueue: 256 * 1024,
  maxUnauthenticated: 32,
};

export interface IngestOptions {
  host: string;
  port: number;
  app: string;
  key: string;
  /** Serve RTMPS instead of RTMP: PEM files (a relay on a server, stand-in platform ingests). */
  tls?: { keyFile: string; certFile: string };
  /** Receives one line per refused or failed connection (never with the key). */
  log?: (line: string) => void;
  limits?: Partial<IngestLimits>;
  /**
   * Once a publisher is accepted on plain RTMP, read its feed every this many ms instead of as
   * each packet arrives (default 200; 0 reads as bytes arrive). See PolledReads.
   */
  readEveryMs?: number;
  /**
   * The oldest frame (RelayFrame.seq) any consumer may still read: with it, the publisher's slabs
   * are written again once their frames are all older (ChunkReader.reuse). Only a consumer that
   * counts every frame it keeps may give it.
   */
  held?: () => number;
}

/** A publish that was accepted: `takeover` when it replaced a publisher still connected. */
export interface PublishEvent {
  ip: string;
  query: Record<string, string>;
  takeover: boolean;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The local ingest OBS publishes to: lotcast's own RTMP(S) server. Only rtmp://HOST:PORT/APP/KEY
 * may publish; the newest publisher with the key takes over from one still connected (an
 * encoder reconnecting after a network blip). Every connection's errors and limits are its own:
 * no bytes from a client can end the process. Emits 'publish' (PublishEvent), 'frame'
 * (RelayFrame, payload owned by the frame) and 'unpublish'; refusals and failures are logged.
 */
export class Ingest extends EventEmitter {
  private server: net.Server | null = null;
  private publisher: RtmpSession | null = null;
  private readonly sessions = new Set<RtmpSession>();
  private readonly keyDigest: Buffer;
  /**
   * Every read of every plain connection goes into this one buffer, as bytes arrive and when
   * polled (200 ms of a 10 Mbit/s feed in one read): each read is parsed before the next.
   */
  private readonly polled: PolledReads;
  readonly limits: IngestLimits;

  constructor(readonly opts: IngestOptions) {
    super();
    this.keyDigest = digest(opts.key);
    this.limits = { ...INGEST_LIMITS, ...opts.limits };
    this.polled = { everyMs: opts.readEveryMs ?? READ_EVERY_MS, buffer: Buffer.allocUnsafe(256 * 1024) };
  }

  /** Connections open now, and those not yet publishing with the key (for tests and status). */
  get connections(): { total: number; unauthenticated: number } {
    let unauthenticated = 0;
    for (const s of this.sessions) if (s.state !== 'publishing') unauthenticated++;
    return { total: this.sessions.size, unauthenticated };
  }

  async start(): Promise<void> {
    const onSocket = (socket: net.Socket) => this.accept(socket, (s) => socket.on('data', (d: Buffer) => s.receive(d)));
    let server: net.Server;
    if (this.opts.tls) {
      const { keyFile, certFile } = this.opts.tls;
      let key: Buffer;
      let cert: Buffer;
      try {
        key = readFileSync(keyFile);
        cert = readFileSync(certFile);
      } catch (err) {
        throw new RelayError(`Cannot read the TLS key or certificate: ${(err as Error).message}`, {
          hint: 'Give PEM files with --tls-cert FILE --tls-key FILE (readable by this user).',
        });
      }
      try {
        server = tls.createServer({ key, cert, handshakeTimeout: this.limits.handshakeMs }, onSocket);
      } catch (err) {
        throw new RelayError(`The TLS key or certificate is not usable: ${(err as Error).message}`, {
          hint: 'Give the PEM certificate with --tls-cert and its private key with --tls-key.',
        });
      }
      // A client that fails the TLS handshake is its own problem, not the relay's.
      server.on('tlsClientError', (err, socket) => {
        this.opts.log?.(`ingest: TLS handshake failed from ${socket.remoteAddress ?? '?'}: ${err.message}`);
        socket.destroy();
      });
    } else server = net.createServer({ pauseOnConnect: true }, (socket) => this.acceptPlain(socket));
    // A backstop on sockets (TLS handshakes in progress included); the per-connection limits do the rest.
    server.maxConnections = this.limits.maxUnauthenticated * 4 + 2;
    server.on('error', (err) => this.opts.log?.(`ingest: ${err.message}`));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.opts.port, this.opts.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      throw listenError(this.opts.host, this.opts.port, err as NodeJS.ErrnoException);
    }
    this.server = server;
  }

  /**
   * Read the publisher's feed in batches (`readEveryMs`) or as it arrives. The relay batches only
   * while every destination knows its platform's rate and keeps up: a new connection measures it
   * in round trips that a 200 ms batch would hold up (it would start on a still picture), and one
   * that is behind would see its lag jump by a batch.
   */
  batchReads(on: boolean): void {
    this.publisher?.batchReads(on);
  }

  stop(): void {
    this.server?.close();
    this.server = null;
    for (const s of [...this.sessions]) s.close('the relay stopped');
  }

  /**
   * Plain RTMP: the connection is re-wrapped so the kernel reads into one buffer the ingest
   * reuses for every read of every connection, instead of Node allocating a fresh one per read.
   * That allocation was about half of what receiving a 6 Mbit/s feed cost (bench:relay). The
   * session copies whatever it keeps, and the callback runs to completion before the next read.
   */
  private acceptPlain(accepted: net.Socket): void {
    const raw = accepted as unknown as { _handle: unknown };
    const handle = raw._handle;
    raw._handle = null;
    accepted.destroy();
    let session: RtmpSession | null = null;
    const socket = new net.Socket({
      handle,
      onread: {
        buffer: this.polled.buffer,
        callback: (n: number, buf: Buffer) => session?.receive(buf.subarray(0, n)),
      },
    } as unknown as net.SocketConstructorOpts);
    this.accept(
      socket,
      (s) => {
        session = s;
      },
      this.polled,
    );
    socket.resume();
  }

  private accept(socket: net.Socket, wire: (s: RtmpSession) => void, polled: PolledReads | null = null): void {
    const ip = socket.remoteAddress ?? '?';
    socket.on('error', () => undefined);
    // At the cap the oldest waiting connection goes, not the new one: a flood cannot lock the
    // encoder out, it can only make itself wait less.
    if (this.connections.unauthenticated >= this.limits.maxUnauthenticated) {
      for (const s of this.sessions)
        if (s.state !== 'publishing') {
          s.close(`${this.limits.maxUnauthenticated} connections were waiting to publish; this was the oldest`);
          break;
        }
    }
    const session = new RtmpSession(
      socket,
      ip,
      this.limits,
      {
        publish: (s, req) => this.onPublish(s, req),
        media: (_s, m) => this.onMedia(m),
        closed: (s, why) => this.onClosed(s, why),
        ...(this.opts.held ? { held: this.opts.held } : {}),
      },
      polled,
    );
    this.sessions.add(session);
    wire(session);
  }

  private onPublish(s: RtmpSession, req: PublishRequest): string | null {
    const reason =
      req.app !== this.opts.app
        ? 'unknown app'
        : timingSafeEqual(digest(req.name), this.keyDigest)
          ? null
          : 'wrong stream key';
    if (reason !== null) return reason;
    const previous = this.publisher;
    this.publisher = s;
    // The newest publisher with the key wins: the old connection is usually the same encoder,
    // half-dead after a network blip. Its close is not an unpublish: the stream carries on.
    if (previous) previous.close('a new publisher with the key took over');
    const event: PublishEvent = { ip: s.ip, query: { ...req.query }, takeover: previous !== null };
    this.emit('publish', event);
    return null;
  }

  private onMedia(m: RtmpMessage): void {
    if (m.payload.length === 0) return;
    const type = m.type as 8 | 9 | 18;
    const { header, keyframe } = classify(type, m.payload);
    const frame: RelayFrame = {
      type,
      timestamp: m.timestamp,
      payload: m.payload,
      header,
      keyframe,
      room: m.room,
      seq: m.seq,
    };
    this.emit('frame', frame);
  }

  private onClosed(s: RtmpSession, why: string | null): void {
    this.sessions.delete(s);
    if (this.publisher === s) {
      this.publisher = null;
      this.emit('unpublish');
    }
    if (why) this.opts.log?.(`ingest: closed the connection from ${s.ip}: ${why}`);
  }
}

function listenError(host: string, port: number, err: NodeJS.ErrnoException): RelayError {
  return err.code === 'EADDRINUSE'
    ? new RelayError(`Port ${port} on ${host} is already in use.`, {
        hint: 'Another lotcast relay or an RTMP server is running there: stop it, or pick another port with --listen rtmp://127.0.0.1:PORT/live.',
      })
    : new RelayError(`Cannot listen on ${host}:${port}: ${err.message}`, {
        hint: 'Check the --listen address.',
        cause: err,
      });
}
