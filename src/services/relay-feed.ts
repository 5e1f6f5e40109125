import type { IngestStatus } from '../core/relay-types.js';
import type { RelayFrame } from '../core/relay/frames.js';
import {
  FeedMeter,
  audioInfo,
  snapFps,
  videoInfo,
  withParameterSets,
  type FeedMetadata,
} from '../core/relay/feed-info.js';
import { decodeAmf0 } from '../adapters/relay/amf0.js';
import { Slate, type SlateOptions } from './relay-slate.js';

type Headers = { meta?: RelayFrame; audio?: RelayFrame; video?: RelayFrame };

/** Where the feed goes: every destination (and the recorder). */
export interface FeedTargets {
  header(kind: 'meta' | 'audio' | 'video', f: RelayFrame): void;
  media(f: RelayFrame): void;
  /** Feed <-> slate: new headers first, nothing of the old source after them. */
  switchSource(source: 'feed' | 'slate', h: Headers): void;
  /** The encoder is gone for good: pass the end of the stream on. */
  ended(): void;
  changed(): void;
}

export interface FeedOptions {
  /** How long an encoder may be gone before the stream end is passed on (no slate). */
  encoderGraceMs: number;
  slate: SlateOptions | null;
  now: () => number;
  log: (line: string) => void;
}

/**
 * The relay's one timeline: the encoder's frames re-timed so the stream continues across encoder
 * reconnects, what the feed is (size, rate, codecs, keyframe interval), and the slate that
 * keeps every destination live while the encoder is gone.
 */
export class RelayFeed {
  readonly status: IngestStatus = {
    state: 'waiting',
    bitrateKbps: 0,
    framesIn: 0,
    video: null,
    audio: null,
    keyframeIntervalMs: null,
    since: null,
    slateSince: null,
    gaps: 0,
    slateMs: 0,
    warnings: [],
  };
  private tsOffset = 0;
  lastTs = 0;
  /** Latest presentation time sent (B-frames show after their timestamp): the slate starts after it. */
  private lastPts = 0;
  private firstTsOfPublish: number | null = null;
  lastFrameAt = 0;
  bytesIn = 0;
  private graceTimer: NodeJS.Timeout | null = null;
  private headers: Headers = {};
  private meta: FeedMetadata = {};
  private meter = new FeedMeter();
  private readonly slate: Slate | null;
  /** While the slate plays after a new publish: feed audio older than this would go back in time. */
  private minAudioTs = -1;
  private gone = false;
  /** Put the feed's SPS/PPS into its next keyframe (after the slate or an encoder restart). */
  private inBandNext = false;
  /** After a takeover or a reconnect the stream resumes on the new publisher's first keyframe. */
  private awaitingKeyframe = false;
  /** The codec headers the destinations have: a new publisher's are passed on only if they differ. */
  private headersSent = new Map<string, Uint8Array>();

  constructor(
    private readonly o: FeedOptions,
    private readonly to: FeedTargets,
  ) {
    this.slate = o.slate
      ? new Slate(
          o.slate,
          {
            switchTo: (h) => this.to.switchSource('slate', h),
            media: (f) => {
              this.lastTs = f.timestamp;
              this.to.media(f);
            },
          },
          o.now,
          o.log,
        )
      : null;
  }

  private iso(): string {
    return new Date(this.o.now()).toISOString();
  }

  published(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.gone = false;
    // Timestamps continue across encoder reconnects: platforms reject a stream that jumps back.
    this.tsOffset = this.lastTs > 0 ? this.lastTs + 33 : 0;
    this.firstTsOfPublish = null;
    this.inBandNext = this.lastTs > 0;
    this.awaitingKeyframe = this.lastTs > 0 && this.status.video !== null;
    // A new publisher (OBS back within the grace, or taking over) is a new source, as the slate's
    // switch back is (same headers unless it sends others): what the destinations queued of the
    // old one, and the degrade backoff measured on it, would otherwise hold the new feed to
    // keyframes alone for up to 16 GOPs.
    if (this.lastTs > 0 && !this.slate?.active) this.to.switchSource('feed', {});
    this.meter.reset();
    // The seller may have changed OBS's settings (as the feed check told them): what was said about
    // the old encoder's feed must not be said about the new one before it is measured again.
    this.status.keyframeIntervalMs = null;
    this.status.warnings = [];
    this.status.state = 'live';
    this.status.since = this.iso();
  }

  unpublished(): void {
    this.status.state = 'waiting';
    this.gone = true;
    if (!this.slate?.active) this.status.gaps++;
    // With a slate (playing, or still being encoded) the platforms stay live for maxMinutes.
    const slating = this.slate !== null && (this.slate.active || this.startSlate() || this.slate.encodingNow);
    this.regrace(slating ? this.o.slate!.maxMinutes * 60_000 : this.o.encoderGraceMs);
  }

  private regrace(ms: number): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => this.endFeed(), ms);
    this.graceTimer.unref?.();
  }

  private startSlate(): boolean {
    if (!this.slate?.ready || !this.gone || this.slate.active) return false;
    this.slate.start(Math.max(this.lastTs, this.lastPts));
    // The destinations now have the slate's headers: the feed's must all go again after it.
    this.headersSent = new Map();
    this.status.slateSince = this.iso();
    this.to.changed();
    return true;
  }

  private stopSlate(): number {
    const end = this.slate!.stop();
    if (this.status.slateSince) this.status.slateMs += this.o.now() - Date.parse(this.status.slateSince);
    this.status.slateSince = null;
    return end;
  }

  private endFeed(): void {
    this.graceTimer = null;
    if (this.slate?.active) this.stopSlate();
    this.status.state = 'ended';
    this.headersSent = new Map();
    this.to.ended();
  }

  stop(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    if (this.slate?.active) this.stopSlate();
  }

  frame(raw: RelayFrame): void {
    if (raw.header) {
      this.header(raw);
      return;
    }
    if (this.slate?.active) {
      // Back to the feed on its first keyframe, on the same connections.
      if (!(raw.type === 9 && raw.keyframe)) return;
      const end = this.stopSlate();
      this.tsOffset = end + 33;
      this.firstTsOfPublish = raw.timestamp;
      this.minAudioTs = end;
      this.awaitingKeyframe = false;
      for (const [k, h] of Object.entries(this.headers)) this.headersSent.set(k, h.payload);
      this.to.switchSource('feed', this.headers);
      this.to.changed();
    }
    if (this.firstTsOfPublish === null) this.firstTsOfPublish = raw.timestamp;
    const f: RelayFrame = { ...raw, timestamp: Math.max(0, this.tsOffset + raw.timestamp - this.firstTsOfPublish) };
    if (this.awaitingKeyframe) {
      if (f.type !== 9 || !f.keyframe) return;
      this.awaitingKeyframe = false;
      // With B-frames (OBS's x264) the old encoder's last frames show after their timestamps: the
      // new keyframe must show after them, or the picture goes back in time at the splice.
      const late = this.lastPts + 33 - (f.timestamp + compositionOffset(f.payload));
      if (late > 0) {
        this.tsOffset += late;
        f.timestamp += late;
      }
    }
    if (this.inBandNext && f.type === 9 && f.keyframe) {
      this.inBandNext = false;
      if (this.headers.video) f.payload = withParameterSets(f.payload, this.headers.video.payload);
    }
    if (f.type === 8 && f.timestamp <= this.minAudioTs) return;
    this.lastTs = Math.max(this.lastTs, f.timestamp);
    this.lastFrameAt = this.o.now();
    this.bytesIn += f.payload.length;
    this.meter.observe(raw.type, raw.timestamp, raw.payload.length, raw.keyframe);
    if (f.type === 9) {
      this.lastPts = Math.max(this.lastPts, f.timestamp + compositionOffset(f.payload));
      this.status.framesIn++;
      if (f.keyframe) this.learn();
    }
    this.to.media(f);
  }

  private header(raw: RelayFrame): void {
    const kind = raw.type === 18 ? 'meta' : raw.type === 8 ? 'audio' : 'video';
    // Kept for every (re)connect: a copy, never a view of the ingest's slabs (RelayFrame.seq).
    const f: RelayFrame = {
      type: raw.type,
      timestamp: Math.max(0, this.lastTs),
      payload: Buffer.from(raw.payload),
      header: true,
      keyframe: raw.keyframe,
    };
    this.headers[kind] = f;
    this.bytesIn += f.payload.length;
    if (kind === 'video') this.status.video = { ...videoInfo(f.payload), ...this.declaredFps() };
    else if (kind === 'audio') this.status.audio = audioInfo(f.payload);
    else this.meta = readMetadata(f.payload);
    // While the slate plays, the feed's headers wait for its first keyframe.
    if (this.slate?.active) return;
    if (equal(this.headersSent.get(kind), f.payload)) return;
    this.headersSent.set(kind, f.payload);
    this.to.header(kind, f);
  }

  private declaredFps(): { fps?: number } {
    return this.meta.framerate ? { fps: snapFps(this.meta.framerate) } : {};
  }

  /** At each keyframe: what the feed is, and the slate made to match it while the feed is live. */
  private learn(): void {
    const measured = this.meter.fps();
    const fps = measured ? snapFps(measured) : (this.status.video?.fps ?? null);
    if (this.status.video && fps) this.status.video.fps = fps;
    if (this.status.video && !this.status.video.width && this.meta.width && this.meta.height)
      Object.assign(this.status.video, { width: this.meta.width, height: this.meta.height });
    this.status.keyframeIntervalMs = this.meter.keyframeIntervalMs;
    if (!this.slate || this.gone) return;
    const spec = Slate.specFor(this.status.video, this.status.audio, fps, this.o.slate!);
    if (typeof spec === 'string') return;
    void this.slate.prepare(spec).then(() => {
      // Made after the feed went: on air now, or (no slate after all) the usual grace.
      if (this.gone && !this.startSlate() && !this.slate!.active && this.graceTimer)
        this.regrace(this.o.encoderGraceMs);
    });
  }

  /** Feed bitrate (kbit/s) over the last seconds of stream time. */
  kbps(): number | null {
    return this.meter.kbps();
  }

  get slateError(): string | null {
    return this.slate?.lastError ?? null;
  }
}

function equal(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0;
}

/** An AVC/HEVC NAL-unit packet's composition time offset (ms, signed 24 bit); 0 otherwise. */
function compositionOffset(p: Uint8Array): number {
  if ((p[0]! & 0x80) !== 0 || p[1] !== 1 || p.length < 5) return 0;
  const v = (p[2]! << 16) | (p[3]! << 8) | p[4]!;
  return v & 0x800000 ? v - 0x1000000 : v;
}

function readMetadata(payload: Uint8Array): FeedMetadata {
  try {
    const values = decodeAmf0(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
    const obj = values.find((v) => typeof v === 'object' && v !== null) as Record<string, unknown> | undefined;
    const num = (k: string) =>
      typeof obj?.[k] === 'number' && Number.isFinite(obj[k]) ? (obj[k] as number) : undefined;
    const out: FeedMetadata = {};
    for (const k of ['width', 'height', 'framerate', 'videodatarate', 'audiosamplerate', 'audiochannels'] as const) {
      const v = num(k);
      if (v !== undefined && v > 0) out[k] = v;
    }
    return out;
  } catch {
    return {};
  }
}
