import { createRequire } from 'node:module';
import type net from 'node:net';
import { EventEmitter } from 'node:events';
import { RelayError } from '../../core/errors.js';
import { classify, type RelayFrame } from '../../core/relay/frames.js';

const require = createRequire(import.meta.url);

interface NmsSession {
  id: string;
  ip: string;
  streamPath: string;
  streamApp: string;
  streamName: string;
  isPublisher: boolean;
  streamQuery?: Record<string, unknown>;
  socket: net.Socket;
  close(): void;
}
interface NmsPacket {
  codec_type: number;
  flags: number;
  dts: number;
  size: number;
  data: Buffer;
}
interface NmsBroadcast {
  publishGraceMs: number;
  broadcastMessage: (p: NmsPacket) => void;
  subscribers: Map<string, unknown>;
}
interface NmsRtmpServer {
  run(): void;
  stop(): void;
  tcpServer?: net.Server;
  tlsServer?: net.Server;
  handleListenError: (name: string, port: number) => (err: Error) => void;
}

interface NmsContext {
  config: Record<string, unknown>;
  broadcasts: Map<string, NmsBroadcast>;
  eventEmitter: EventEmitter;
}

export interface IngestOptions {
  host: string;
  port: number;
  app: string;
  key: string;
  /** Serve RTMPS instead of RTMP (stand-in platform ingests in tests). */
  tls?: { keyFile: string; certFile: string };
  /** Receives node-media-server's log lines (already without the key). */
  log?: (line: string) => void;
}

/**
 * The local ingest OBS publishes to: node-media-server's RTMP listener alone, driven as a
 * library. None of its HTTP server, JSON store (which would persist and restore relay tasks),
 * recorder or relay runs, and the per-packet work it does for its own players (FLV and RTMP
 * re-muxing, GOP cache) is bypassed: packets go straight to lotcast. Only rtmp://HOST:PORT/APP/KEY
 * may publish.
 */
export class Ingest extends EventEmitter {
  private server: NmsRtmpServer | null = null;
  private ctx: NmsContext;
  private publisher: NmsSession | null = null;
  readonly streamPath: string;

  constructor(readonly opts: IngestOptions) {
    super();
    this.streamPath = `/${opts.app}/${opts.key}`;
    this.ctx = require('node-media-server/src/core/context.js') as NmsContext;
    const logger = require('node-media-server/src/core/logger.js') as { log: (m: string, level?: string) => void };
    const key = opts.key;
    logger.log = (m: string, level = 'info') => opts.log?.(`[nms ${level}] ${String(m).split(key).join('****')}`);
  }

  async start(): Promise<void> {
    this.ctx.config = this.opts.tls
      ? {
          bind: this.opts.host,
          rtmps: { port: this.opts.port, key: this.opts.tls.keyFile, cert: this.opts.tls.certFile },
        }
      : { bind: this.opts.host, rtmp: { port: this.opts.port } };
    this.ctx.eventEmitter.on('prePublish', this.onPrePublish);
    this.ctx.eventEmitter.on('postPublish', this.onPostPublish);
    this.ctx.eventEmitter.on('prePlay', this.onPrePlay);
    const NodeRtmpServer = require('node-media-server/src/server/rtmp_server.js') as new () => NmsRtmpServer;
    const server = new NodeRtmpServer();
    // node-media-server exits the whole process when its listener fails (a port taken); lotcast
    // turns that into an error the caller can report instead.
    server.handleListenError = () => () => {};
    this.server = server;
    const tcp = (server.tcpServer ?? server.tlsServer)!;
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('listening', () => resolve());
        tcp.once('error', reject);
        server.run();
      });
    } catch (err) {
      this.stop();
      throw listenError(this.opts.host, this.opts.port, err as NodeJS.ErrnoException);
    }
  }

  stop(): void {
    this.ctx.eventEmitter.off('prePublish', this.onPrePublish);
    this.ctx.eventEmitter.off('postPublish', this.onPostPublish);
    this.ctx.eventEmitter.off('prePlay', this.onPrePlay);
    this.server?.stop();
    this.server = null;
  }

  private onPrePublish = (session: NmsSession) => {
    if (session.streamPath !== this.streamPath) {
      this.emit('rejected', {
        ip: session.ip,
        reason: session.streamApp === this.opts.app ? 'wrong stream key' : `unknown app "${session.streamApp}"`,
      });
      session.socket.destroy();
    }
  };

  /** The ingest is for the encoder only; lotcast pushes to players itself. */
  private onPrePlay = (session: NmsSession) => {
    session.socket.destroy();
  };

  private onPostPublish = (session: NmsSession) => {
    if (session.streamPath !== this.streamPath || session.socket.destroyed) return;
    const broadcast = this.ctx.broadcasts.get(this.streamPath);
    if (!broadcast) return;
    // End the publish as soon as the encoder goes; lotcast has its own grace for reconnects.
    broadcast.publishGraceMs = 0;
    broadcast.broadcastMessage = this.onPacket;
    this.publisher = session;
    session.socket.once('close', () => {
      if (this.publisher === session) {
        this.publisher = null;
        this.emit('unpublish');
      }
    });
    this.emit('publish', { ip: session.ip, query: session.streamQuery ?? {} });
  };

  private onPacket = (p: NmsPacket) => {
    const type = p.codec_type === 8 ? 8 : p.codec_type === 9 ? 9 : p.codec_type === 18 ? 18 : null;
    if (type === null || p.size === 0) return;
    // node-media-server reuses its receive buffer for the next message on the chunk stream
    // (and it may be longer than the message): one copy here, then every destination shares it.
    const payload = Buffer.allocUnsafe(p.size);
    p.data.copy(payload, 0, 0, p.size);
    const frame: RelayFrame = { type, timestamp: p.dts >>> 0, payload, ...classify(type, payload) };
    this.emit('frame', frame);
  };
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
