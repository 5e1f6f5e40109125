import type { DestinationState } from '../relay-types.js';

/**
 * What a destination knows about delivery, from byte counts and a clock passed in: which
 * frames the platform has certainly read, how fast it reads, and so how much may be in
 * flight. Pure, so the queue, lag and backoff decisions are tested with a fake clock.
 */
export class DeliveryTracker {
  /**
   * Bytes sent after each frame and its timestamp, oldest first from `head` (two flat arrays,
   * not a pair per frame: this runs for every frame of every destination).
   */
  private sentAfter: number[] = [];
  private stamps: number[] = [];
  private head = 0;
  /** Delivery rate the platform has shown (bytes/s), smoothed; 0 until measured. */
  rateBps = 0;
  private lastDeliveredBytes = 0;
  private lastDeliveredAt = 0;
  private lastProbeAt = 0;

  constructor(private readonly maxLagMs: number) {}

  /** A new connection: nothing in flight, the rate unknown again. */
  reset(): void {
    this.sentAfter = [];
    this.stamps = [];
    this.head = 0;
    this.rateBps = 0;
    this.lastDeliveredAt = 0;
    this.lastProbeAt = 0;
  }

  /** A media frame left with `sentBytes` sent in all. */
  wrote(sentBytes: number, timestamp: number): void {
    this.sentAfter.push(sentBytes);
    this.stamps.push(timestamp);
  }

  /** The platform has read `deliveredBytes` of the `sentBytes` written (at `now`). */
  delivered(deliveredBytes: number, sentBytes: number, now: number): void {
    if (this.lastDeliveredAt > 0 && now > this.lastDeliveredAt) {
      const inst = ((deliveredBytes - this.lastDeliveredBytes) * 1000) / (now - this.lastDeliveredAt);
      // Only a saturated pipe shows the link's capacity; otherwise it shows our own sending.
      const saturated = sentBytes - this.lastDeliveredBytes >= this.byteBudget() * 0.5;
      this.rateBps = saturated
        ? this.rateBps === 0
          ? inst
          : this.rateBps * 0.6 + inst * 0.4
        : Math.max(this.rateBps, inst);
    }
    this.lastDeliveredAt = now;
    this.lastDeliveredBytes = deliveredBytes;
    let h = this.head;
    while (h < this.sentAfter.length && this.sentAfter[h]! <= deliveredBytes) h++;
    if (h === this.sentAfter.length) {
      this.sentAfter.length = 0;
      this.stamps.length = 0;
      h = 0;
    } else if (h > 1024) {
      this.sentAfter.splice(0, h);
      this.stamps.splice(0, h);
      h = 0;
    }
    this.head = h;
  }

  /**
   * Ask the server for a sign of delivery (a probe) at `now`? Only with bytes in flight and after
   * 200 ms without an acknowledgement, a probe's answer or a probe: a server that acknowledges
   * what it reads (nginx-rtmp, the platforms) then needs none, and each costs a write and a read
   * on both sides. Says yes at most once per 200 ms; but until the rate is known, again as soon
   * as the last one is answered: the first flights are small (8 KB), 200 ms apart they carry less
   * than a feed, and a new connection would fall behind (to keyframes alone) at the first stall.
   */
  probeDue(now: number, inFlightBytes: number): boolean {
    if (inFlightBytes <= 0) return false;
    const measuring = this.rateBps === 0 && this.lastDeliveredAt >= this.lastProbeAt;
    if (!measuring && now - Math.max(this.lastDeliveredAt, this.lastProbeAt) < 200) return false;
    this.lastProbeAt = now;
    return true;
  }

  /** Timestamp of the oldest frame sent but not yet read, if any. */
  oldestInFlight(): number | undefined {
    return this.head < this.stamps.length ? this.stamps[this.head] : undefined;
  }

  /** Before the platform has shown its rate: a small first flight; after: its rate x half the budget. */
  byteBudget(): number {
    return this.rateBps > 0 ? Math.max(4 * 1024, this.rateBps * (this.maxLagMs / 2000)) : 8 * 1024;
  }

  /** This link would need more than half the lag budget for `bytes` (a keyframe worth skipping when behind). */
  tooSlowFor(bytes: number): boolean {
    return this.rateBps > 0 && (bytes * 1000) / this.rateBps > this.maxLagMs / 2;
  }

  /**
   * In flight may be at most what this platform reads in half the lag budget (by its measured
   * rate), and nothing in flight may be older than half the budget. Always one frame when idle.
   */
  mayWrite(inFlightBytes: number, latestTs: number): boolean {
    if (inFlightBytes <= 0) return true;
    if (inFlightBytes >= this.byteBudget()) return false;
    const oldest = this.oldestInFlight();
    return oldest === undefined || latestTs - oldest < this.maxLagMs / 2;
  }
}

/**
 * A destination's lag budget in halves: what may wait in its queue, and (as the tracker's whole
 * budget) what may be in flight. The queue also holds one of the ingest's read batches
 * (`batchMs`): a batch lands at once, and holding it is not being behind.
 */
export function lagBudgets(maxLagMs: number, batchMs: number): { queueMs: number; deliveryMs: number } {
  return { queueMs: Math.max(100, maxLagMs / 2) + batchMs, deliveryMs: maxLagMs };
}

/**
 * How far behind the ingest a destination is: the age of the oldest frame not yet read by the
 * platform (in flight, or waiting in the queue). Caught up, or skipping ahead to a keyframe
 * with nothing pending, is 0; so is a destination that is not connected.
 */
export function lagMs(o: {
  state: DestinationState;
  latestTs: number;
  inFlight: boolean;
  oldestInFlight: number | undefined;
  oldestQueued: number | undefined;
}): number {
  if (o.state !== 'live' && o.state !== 'stalled') return 0;
  const oldest = o.inFlight && o.oldestInFlight !== undefined ? o.oldestInFlight : o.oldestQueued;
  return oldest === undefined ? 0 : Math.max(0, o.latestTs - oldest);
}

/**
 * The watchdog's verdict, once a second: with work pending and nothing accepted for `stallMs`
 * a destination is stalled, for twice that it is failed (and reconnects); with nothing pending
 * a stalled one is live again.
 */
export function watchdog(o: {
  state: DestinationState;
  pendingWork: boolean;
  idleMs: number;
  stallMs: number;
}): 'fail' | 'stalled' | 'live' | null {
  if (o.state !== 'live' && o.state !== 'stalled') return null;
  if (o.pendingWork && o.idleMs > o.stallMs * 2) return 'fail';
  if (o.pendingWork && o.idleMs > o.stallMs) return 'stalled';
  if (o.state === 'stalled' && !o.pendingWork) return 'live';
  return null;
}

/**
 * A destination's per-second figures for the stream panel: the bitrate sent, what the platform
 * acknowledged reading (kbit/s, smoothed over a few seconds), and whether frames were dropped
 * in the last five seconds.
 */
export class DestinationMeter {
  bitrateKbps = 0;
  deliveredKbps = 0;
  private lastAt = 0;
  private lastBytesSent = 0;
  private lastDelivered = 0;
  private dropTicks: boolean[] = [];
  private lastDropped = 0;

  /** A new connection: its publisher counts delivered bytes from `deliveredBytes`. */
  connected(deliveredBytes: number): void {
    this.lastDelivered = deliveredBytes;
    this.deliveredKbps = 0;
  }

  tick(o: { now: number; live: boolean; bytesSent: number; deliveredBytes: number; dropped: number }): void {
    if (o.live && this.lastAt && o.deliveredBytes >= this.lastDelivered) {
      const kbps = ((o.deliveredBytes - this.lastDelivered) * 8) / Math.max(1, o.now - this.lastAt);
      this.deliveredKbps = this.deliveredKbps === 0 ? kbps : this.deliveredKbps * 0.7 + kbps * 0.3;
    } else if (!o.live) this.deliveredKbps = 0;
    this.lastDelivered = o.deliveredBytes;
    this.dropTicks.push(o.live && o.dropped > this.lastDropped);
    if (this.dropTicks.length > 5) this.dropTicks.shift();
    this.lastDropped = o.dropped;
    if (this.lastAt)
      this.bitrateKbps = Math.round(((o.bytesSent - this.lastBytesSent) * 8) / Math.max(1, o.now - this.lastAt));
    this.lastAt = o.now;
    this.lastBytesSent = o.bytesSent;
  }

  /** Frames were dropped in one of the last five ticks. */
  get droppedLately(): boolean {
    return this.dropTicks.includes(true);
  }
}

/** Why "retry now" does nothing for a destination (off, no feed, live or connecting), or null. */
export function retryRefusal(
  name: string,
  enabled: boolean,
  ingestLive: boolean,
  state: DestinationState,
): string | null {
  if (!enabled) return `${name} is off: switch it on to send to it.`;
  if (!ingestLive) return `${name} connects when OBS is streaming.`;
  if (state === 'live') return `${name} is live already.`;
  if (state === 'connecting') return `${name} is connecting.`;
  return null;
}
