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
}

export function classify(type: 8 | 9 | 18, payload: Uint8Array): { header: boolean; keyframe: boolean } {
  if (type === 18) return { header: true, keyframe: false };
  if (type === 8) return { header: payload.length > 1 && payload[0]! >> 4 === 10 && payload[1] === 0, keyframe: false };
  const frameType = payload[0]! >> 4;
  const enhanced = (payload[0]! & 0x80) !== 0;
  // Classic AVC: byte 1 is the AVC packet type (0 = sequence header); enhanced RTMP: low nibble.
  const header = enhanced ? (payload[0]! & 0x0f) === 0 : payload[1] === 0;
  return { header, keyframe: (frameType & 0x07) === 1 && !header };
}

/**
 * A destination's bounded queue. It never holds more than `maxLagMs` of stream: when it would,
 * it drops what is queued and skips ahead to the next keyframe (whole GOPs go, the decoder
 * never sees a frame whose references were dropped). Headers are not queued here: the
 * destination re-sends the cached ones on every (re)connect.
 */
export class FrameQueue {
  private frames: RelayFrame[] = [];
  private head = 0;
  waitingKeyframe = true;
  droppedVideo = 0;
  droppedAudio = 0;
  bytes = 0;

  constructor(readonly maxLagMs: number) {}

  get length(): number {
    return this.frames.length - this.head;
  }

  lagMs(latestTs: number): number {
    const first = this.frames[this.head];
    return first ? latestTs - first.timestamp : 0;
  }

  push(f: RelayFrame): void {
    if (this.waitingKeyframe) {
      if (f.type === 9 && f.keyframe) this.waitingKeyframe = false;
      else {
        this.countDrop(f);
        return;
      }
    }
    this.frames.push(f);
    this.bytes += f.payload.length;
    if (this.lagMs(f.timestamp) > this.maxLagMs) {
      // Too far behind: everything queued goes; resume on this frame if it is a keyframe.
      const keep = f.type === 9 && f.keyframe ? f : null;
      for (let i = this.head; i < this.frames.length; i++) if (this.frames[i] !== keep) this.countDrop(this.frames[i]!);
      this.frames = keep ? [keep] : [];
      this.head = 0;
      this.bytes = keep ? keep.payload.length : 0;
      this.waitingKeyframe = !keep;
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
