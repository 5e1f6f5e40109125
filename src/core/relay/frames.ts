/** One message of the stream as lotcast relays it: payload bytes untouched. */
export interface RelayFrame {
  /** 8 audio, 9 video, 18 data (metadata) */
  type: 8 | 9 | 18;
  /** ms, continuous across encoder reconnects */
  timestamp: number;
  payload: Uint8Array;
  /** codec sequence header (AVC/HEVC config, AAC AudioSpecificConfig) or metadata */
  header: boolean;
  keyframe: boolean;
  /**
   * From the ingest: free bytes before the payload and the payload, one view (see ROOM in
   * chunking.ts), where senders put the chunk header. Ignored once the payload is replaced.
   */
  room?: Uint8Array;
  /**
   * From the ingest: its message number. The ingest writes a slab again once every holder's
   * oldest frame is newer than the slab's messages (Destination.oldestHeld): a frame kept past
   * the call that got it must be counted there, or copied (the feed copies codec headers).
   */
  seq?: number;
}

export function classify(type: 8 | 9 | 18, payload: Uint8Array): { header: boolean; keyframe: boolean } {
  if (type === 18) return { header: true, keyframe: false };
  if (type === 8) return { header: payload.length > 1 && payload[0]! >> 4 === 10 && payload[1] === 0, keyframe: false };
  const frameType = payload[0]! >> 4;
  const enhanced = (payload[0]! & 0x80) !== 0;
  // Classic AVC: byte 1 is the AVC packet type (0 sequence header, 1 a picture, 2 end of
  // sequence); enhanced RTMP: the low nibble (1 and 3 carry pictures). An end of sequence is
  // flagged as a keyframe by encoders (ffmpeg's last tag) but is no picture to start from.
  const packetType = enhanced ? payload[0]! & 0x0f : payload[1];
  const picture = enhanced ? packetType === 1 || packetType === 3 : packetType === 1;
  return { header: packetType === 0, keyframe: (frameType & 0x07) === 1 && picture };
}

/**
 * A destination's bounded queue. It never holds more than `maxLagMs` of stream. When the
 * destination falls behind (more than half of that waiting) it degrades instead of freezing:
 * inter frames go, audio and keyframes stay (a slideshow with continuous sound), and at a
 * keyframe where it has caught up it returns to full video. A destination that falls behind
 * again within a GOP of returning waits 1, 2, 4 ... 16 keyframes before the next try. Beyond
 * `maxLagMs` the oldest frames go. Headers are not queued here: the destination re-sends the
 * cached ones on every (re)connect.
 */
export class FrameQueue {
  private frames: RelayFrame[] = [];
  private head = 0;
  waitingKeyframe = true;
  /** Sending audio and keyframes only, because the destination is behind. */
  degraded = false;
  /** Times it went from full video to degraded. */
  degradations = 0;
  droppedVideo = 0;
  droppedAudio = 0;
  bytes = 0;
  /** Keyframes of full video since it last came back from degraded; it never has yet: infinity. */
  private keyframesSinceFull = Number.POSITIVE_INFINITY;
  private retryGops = 0;
  private skippedGops = 0;

  constructor(readonly maxLagMs: number) {}

  get length(): number {
    return this.frames.length - this.head;
  }

  lagMs(latestTs: number): number {
    const first = this.frames[this.head];
    return first ? latestTs - first.timestamp : 0;
  }

  push(f: RelayFrame): void {
    const video = f.type === 9;
    if (this.waitingKeyframe) {
      if (video && f.keyframe) this.waitingKeyframe = false;
      else {
        this.countDrop(f);
        return;
      }
    }
    if (video && f.keyframe) this.atKeyframe(f.timestamp);
    else if (video && this.degraded) {
      this.countDrop(f);
      this.bound(f.timestamp);
      return;
    }
    this.frames.push(f);
    this.bytes += f.payload.length;
    this.bound(f.timestamp);
  }

  private bound(latestTs: number): void {
    if (!this.degraded && this.lagMs(latestTs) > this.maxLagMs / 2) this.degrade();
    if (this.lagMs(latestTs) > this.maxLagMs) this.trim(latestTs);
  }

  /** At a keyframe: back to full video when caught up (and not backing off), else stay degraded. */
  private atKeyframe(ts: number): void {
    if (!this.degraded) {
      this.keyframesSinceFull++;
      return;
    }
    if (this.lagMs(ts) <= this.maxLagMs / 4 && this.skippedGops >= this.retryGops) {
      this.degraded = false;
      this.keyframesSinceFull = 0;
      this.skippedGops = 0;
    } else this.skippedGops++;
  }

  /** Keep audio and keyframes; every queued inter frame goes (its GOP would not decode past a gap). */
  private degrade(): void {
    this.degraded = true;
    this.degradations++;
    // Behind again within the first GOP after coming back to full video: wait longer before the
    // next try. Behind for the first time (a stall early on a new connection) is no reason to.
    this.retryGops = this.keyframesSinceFull <= 1 ? Math.min(16, Math.max(1, this.retryGops * 2)) : 0;
    const kept: RelayFrame[] = [];
    for (let i = this.head; i < this.frames.length; i++) {
      const q = this.frames[i]!;
      if (q.type === 9 && !q.keyframe) {
        this.countDrop(q);
        this.bytes -= q.payload.length;
      } else kept.push(q);
    }
    this.frames = kept;
    this.head = 0;
  }

  /**
   * Still too far behind with audio and keyframes alone: the queued keyframes go first (sound
   * matters more than a still picture), then the oldest audio, down to half the budget.
   */
  private trim(latestTs: number): void {
    const kept: RelayFrame[] = [];
    for (let i = this.head; i < this.frames.length; i++) {
      const q = this.frames[i]!;
      if (q.type === 9) {
        this.countDrop(q);
        this.bytes -= q.payload.length;
      } else kept.push(q);
    }
    this.frames = kept;
    this.head = 0;
    if (this.lagMs(latestTs) <= this.maxLagMs) return;
    while (this.length > 1 && this.lagMs(latestTs) > this.maxLagMs / 2) {
      const f = this.frames[this.head++]!;
      this.bytes -= f.payload.length;
      this.countDrop(f);
    }
  }

  peek(): RelayFrame | undefined {
    return this.frames[this.head];
  }

  shift(): RelayFrame | undefined {
    const f = this.frames[this.head];
    if (!f) return undefined;
    this.head++;
    this.bytes -= f.payload.length;
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return f;
  }

  /** Forget everything (reconnect, encoder gone): the next frame sent must be a keyframe. */
  reset(): void {
    for (let i = this.head; i < this.frames.length; i++) this.countDrop(this.frames[i]!);
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
    this.waitingKeyframe = true;
    this.degraded = false;
    // The backoff measured a link under the old connection or source; a fresh start probes anew
    // (else a feed after a flaky one could stay on keyframes alone for 16 GOPs).
    this.retryGops = 0;
    this.skippedGops = 0;
    this.keyframesSinceFull = Number.POSITIVE_INFINITY;
  }

  /**
   * A connection is up: it starts on the queued keyframe, or on the next one. A queue already
   * behind fell behind while it waited, not on this link: it keeps its keyframe and sound, with
   * no backoff, and returns to full video at the next keyframe where it has caught up.
   */
  connected(): void {
    const head = this.peek();
    if (head?.type !== 9 || !head.keyframe) this.reset();
    this.retryGops = 0;
    this.skippedGops = 0;
  }

  /** A frame the destination took and decided not to send, counted as dropped. */
  discard(f: RelayFrame): void {
    this.countDrop(f);
  }

  private countDrop(f: RelayFrame): void {
    if (f.type === 9) this.droppedVideo++;
    else if (f.type === 8) this.droppedAudio++;
  }
}

/** Exponential backoff with jitter and a cap: 1 s, 2 s, 4 s ... 30 s, each x0.5-1.5. */
export function backoffMs(attempt: number, rnd: number, baseMs = 1000, capMs = 30_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(Math.min(capMs, exp * (0.5 + rnd)));
}
