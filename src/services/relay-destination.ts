import type { DestinationState, DestinationStatus } from '../core/relay-types.js';
import {
  DeliveryTracker,
  DestinationMeter,
  lagBudgets,
  lagMs,
  retryRefusal,
  watchdog,
} from '../core/relay/delivery.js';
import { FrameQueue, backoffMs, type RelayFrame } from '../core/relay/frames.js';
import { maskStreamUrl } from '../core/redact.js';
import { RtmpPublisher } from '../adapters/relay/rtmp-publisher.js';
import { parseRtmpUrl, type RtmpTarget } from '../adapters/relay/rtmp-url.js';
import type { DestinationOptions } from './relay-destination-options.js';
import { SocketHold } from './relay-held.js';

/**
 * One platform ingest: its own connection, queue, reconnect loop and watchdog, so a slow or
 * dead destination never touches the others.
 */
export class Destination {
  readonly target: RtmpTarget;
  readonly name: string;
  private publisher: RtmpPublisher | null = null;
  private queue: FrameQueue;
  private headers: { meta?: RelayFrame; audio?: RelayFrame; video?: RelayFrame } = {};
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private liveSince = 0;
  private lastProgressAt = 0;
  private lastTs = 0;
  private ingestLive = false;
  state: DestinationState;
  enabled: boolean;
  /** What it is sending: the encoder's feed or the "be right back" slate. */
  source: 'feed' | 'slate' = 'feed';
  framesSent = 0;
  reconnects = 0;
  bytesSent = 0;
  lastError: string | null = null;
  private connections = 0;
  private readonly delivery: DeliveryTracker;
  private readonly meter = new DestinationMeter();
  private readonly hold = new SocketHold();

  constructor(private readonly o: DestinationOptions<Destination>) {
    this.target = parseRtmpUrl(o.url);
    this.name = o.name;
    this.enabled = o.enabled;
    this.state = o.enabled ? 'waiting' : 'off';
    const lag = lagBudgets(o.maxLagMs, o.batchMs ?? 0);
    this.queue = new FrameQueue(lag.queueMs);
    this.delivery = new DeliveryTracker(lag.deliveryMs);
  }

  /** Connecting, measuring its platform's rate (in round trips), or behind: no batched reads then. */
  get unsettled(): boolean {
    const live = this.state === 'live';
    return this.state === 'connecting' || (live && (this.delivery.rateBps === 0 || this.queue.degraded));
  }

  /** The oldest of the ingest's frames (RelayFrame.seq) this destination may still read. */
  oldestHeld(): number {
    return this.hold.oldest(this.publisher?.socket ?? null, this.queue.peek()?.seq);
  }

  status(): DestinationStatus {
    return {
      index: this.o.index,
      name: this.o.name,
      url: maskStreamUrl(this.o.url),
      enabled: this.enabled,
      state: this.state,
      bitrateKbps: this.meter.bitrateKbps,
      framesSent: this.framesSent,
      framesDropped: this.queue.droppedVideo,
      bytesSent: this.bytesSent,
      reconnects: this.reconnects,
      uptimeS: this.state === 'live' ? Math.round((this.o.now() - this.liveSince) / 1000) : 0,
      lagMs: this.lagMs(),
      lastError: this.lastError,
      source: this.source,
      degraded: this.queue.degraded,
      deliveredKbps: Math.round(this.meter.deliveredKbps),
    };
  }

  /** How far behind the ingest this destination is (see `lagMs` in core/relay/delivery.ts). */
  lagMs(): number {
    return lagMs({
      state: this.state,
      latestTs: this.lastTs,
      inFlight: (this.publisher?.sentBytes ?? 0) > (this.publisher?.deliveredBytes ?? 0),
      oldestInFlight: this.delivery.oldestInFlight(),
      oldestQueued: this.queue.peek()?.timestamp,
    });
  }

  /** Cached headers are what every (re)connect sends first. */
  setHeader(kind: 'meta' | 'audio' | 'video', f: RelayFrame): void {
    this.headers[kind] = f;
    if (this.publisher && this.state === 'live') this.write(f);
  }

  /**
   * The source changed (feed to slate or back): its codec headers go first, and nothing queued
   * from the other source is sent after them (it would not decode with the new headers). Without
   * headers (a transform leg re-encodes both sources alike) only the status changes.
   */
  switchSource(source: 'feed' | 'slate', h?: { meta?: RelayFrame; audio?: RelayFrame; video?: RelayFrame }): void {
    this.source = source;
    if (h) {
      this.headers = { ...this.headers, ...h };
      this.queue.reset();
      if (this.publisher && (this.state === 'live' || this.state === 'stalled'))
        for (const f of [h.meta, h.audio, h.video]) if (f) this.write(f);
    }
    this.o.onChange(this);
  }

  ingestStarted(): void {
    this.ingestLive = true;
    if (this.enabled && !this.publisher && !this.retryTimer) this.connect();
  }

  /** The encoder is gone for good: pass the end of the stream on. */
  ingestEnded(): void {
    this.ingestLive = false;
    this.source = 'feed';
    this.headers = {};
    this.queue.reset();
    this.closeConnection(true);
    if (this.enabled) this.setState('waiting');
  }

  push(f: RelayFrame): void {
    this.lastTs = f.timestamp;
    if (!this.enabled) return;
    this.queue.push(f);
    if (this.state === 'live') this.pump();
  }

  setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    if (!on) {
      this.closeConnection(true);
      this.queue.reset();
      this.setState('off');
    } else {
      this.attempt = 0;
      this.setState('waiting');
      if (this.ingestLive) this.connect();
    }
  }

  /** Reconnect now, skipping what is left of the backoff; says what it did. */
  retryNow(): string {
    const refusal = retryRefusal(this.name, this.enabled, this.ingestLive, this.state);
    if (refusal) return refusal;
    this.closeConnection(false);
    this.attempt = 0;
    this.queue.reset();
    this.connect();
    return `${this.name}: reconnecting now.`;
  }

  /** Called every second: bitrate, delivery rate, watchdog. */
  tick(): void {
    const now = this.o.now();
    this.meter.tick({
      now,
      live: this.state === 'live',
      bytesSent: this.bytesSent,
      deliveredBytes: this.publisher?.deliveredBytes ?? 0,
      dropped: this.queue.droppedVideo + this.queue.droppedAudio,
    });
    const pendingWork = this.queue.length > 0 || (this.publisher?.writableLength ?? 0) > 0;
    const idleMs = now - this.lastProgressAt;
    const verdict = watchdog({ state: this.state, pendingWork, idleMs, stallMs: this.o.stallMs });
    if (verdict === 'fail') this.fail(new Error(`no data accepted for ${Math.round(idleMs / 1000)} s`));
    else if (verdict) this.setState(verdict);
    this.o.onChange(this);
  }

  stop(): void {
    this.enabled = false;
    this.closeConnection(true);
    this.setState('ended');
  }

  private connect(): void {
    if (!this.enabled || !this.ingestLive) return;
    this.setState('connecting');
    const pub = new RtmpPublisher(this.target);
    this.publisher = pub;
    pub.onClose = () => {
      if (this.publisher === pub) this.fail(new Error('the server closed the connection'));
    };
    pub
      .start()
      .then(() => {
        if (this.publisher !== pub) return pub.destroy();
        this.connections++;
        if (this.connections > 1) this.reconnects++;
        this.attempt = 0;
        this.lastError = null;
        this.liveSince = this.lastProgressAt = this.o.now();
        pub.socket!.on('drain', () => this.pump());
        this.delivery.reset();
        this.meter.connected(pub.deliveredBytes);
        pub.onProgress = () => this.onDelivered();
        // Every (re)connect: metadata and codec headers first, then frames from a keyframe on.
        for (const h of [this.headers.meta, this.headers.audio, this.headers.video]) if (h) this.write(h);
        this.queue.connected();
        this.setState('live');
        this.pump();
      })
      .catch((err: Error) => {
        if (this.publisher === pub) this.fail(err);
      });
  }

  private pump(): void {
    const pub = this.publisher;
    if (!pub || this.state === 'connecting' || this.state === 'reconnecting') return;
    // Write only while what is in flight (sent, not yet read by the platform) stays inside the budget
    // (buffers must not hide a slow platform's lag); frames that arrive together leave in one call.
    pub.batch(this.drain);
    if (!pub.probing && this.delivery.probeDue(this.o.now(), pub.sentBytes - pub.deliveredBytes)) pub.probe();
  }

  /** Writes queued frames while the budget allows (inside a batch: one system call per turn). */
  private readonly drain = (): void => {
    const pub = this.publisher!;
    while (
      this.queue.length > 0 &&
      pub.writableLength < this.o.socketHighWater &&
      this.delivery.mayWrite(pub.sentBytes - pub.deliveredBytes, this.lastTs)
    ) {
      const f = this.queue.shift()!;
      // Behind, the sound must not wait behind a picture the platform cannot take in time.
      if (this.queue.degraded && f.keyframe && this.delivery.tooSlowFor(f.payload.length)) this.queue.discard(f);
      else this.write(f);
    }
  };

  private onDelivered(): void {
    const pub = this.publisher;
    const now = this.o.now();
    this.delivery.delivered(pub?.deliveredBytes ?? 0, pub?.sentBytes ?? 0, now);
    this.lastProgressAt = now;
    this.pump();
  }

  private write(f: RelayFrame): void {
    const pub = this.publisher!;
    const before = pub.bytesOut;
    if (pub.socket) this.hold.writing(pub.socket, f.seq);
    pub.sendFrame(f);
    this.bytesSent += pub.bytesOut - before;
    this.lastProgressAt = this.o.now();
    if (f.type === 9 && !f.header) this.framesSent++;
    if (!f.header) this.delivery.wrote(pub.sentBytes, f.timestamp);
    if (this.state === 'stalled') this.setState('live');
  }

  private fail(err: Error): void {
    this.lastError = err.message;
    this.closeConnection(false);
    this.queue.reset();
    if (!this.enabled || !this.ingestLive) return;
    const delay = backoffMs(this.attempt++, this.o.random(), this.o.reconnectBaseMs, this.o.reconnectCapMs);
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }

  private closeConnection(graceful: boolean): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const pub = this.publisher;
    this.publisher = null;
    if (!pub) return;
    pub.onClose = null;
    this.hold.released(pub.socket, graceful && this.state === 'live');
    if (graceful && this.state === 'live') pub.end();
    else pub.destroy();
  }

  private setState(s: DestinationState): void {
    if (s === this.state) return;
    this.state = s;
    this.o.onChange(this);
  }
}
