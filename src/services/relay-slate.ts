import type { RelayFrame } from '../core/relay/frames.js';
import type { AudioInfo, VideoInfo } from '../core/relay/feed-info.js';
import { encodeSlate, slateKey, type SlateClip, type SlateSpec } from '../adapters/relay/slate-encoder.js';

export interface SlateOptions {
  /** The seller's still (relay.slate.image); a card naming the show otherwise. */
  image?: string;
  /** Shown under "Be right back" on the bundled card. */
  title?: string;
  /** After this long without a feed the destinations end as without a slate. */
  maxMinutes: number;
  ffmpeg?: string;
}

/** What the slate switches between: the relay hands each frame to every destination. */
export interface SlateOutput {
  /** New codec headers go first: every destination drops what it queued of the other source. */
  switchTo(headers: { audio: RelayFrame; video: RelayFrame }): void;
  media(f: RelayFrame): void;
}

/**
 * The "be right back" slate: encoded while the feed is live (so the switch is immediate), played
 * in real time when the feed goes, its timestamps continuing the stream's own.
 */
export class Slate {
  private clip: SlateClip | null = null;
  private encoding: Promise<SlateClip | null> | null = null;
  private wantKey = '';
  private timer: NodeJS.Timeout | null = null;
  private playing = false;
  private videoN = 0;
  private audioN = 0;
  private startTs = 0;
  private startedAt = 0;
  lastTs = 0;
  lastError: string | null = null;

  constructor(
    private readonly o: SlateOptions,
    private readonly out: SlateOutput,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  get active(): boolean {
    return this.playing;
  }

  get encodingNow(): boolean {
    return this.encoding !== null;
  }

  get ready(): boolean {
    return this.clip !== null && this.clip.key === this.wantKey;
  }

  /** The spec the feed asks for, or why there cannot be one. */
  static specFor(
    video: VideoInfo | null,
    audio: AudioInfo | null,
    fps: number | null,
    o: SlateOptions,
  ): SlateSpec | string {
    if (video?.codec !== 'h264') return `the slate is made for H.264 feeds (this one is ${video?.codec ?? 'unknown'})`;
    if (!video.width || !video.height) return 'the feed did not say its picture size';
    if (!fps) return 'the feed frame rate is not known yet';
    return {
      width: video.width,
      height: video.height,
      fps,
      ...(video.profile ? { profile: video.profile } : {}),
      sampleRate: audio?.sampleRate ?? 48000,
      channels: audio?.channels ?? 2,
      ...(o.image ? { image: o.image } : {}),
      ...(o.title ? { title: o.title } : {}),
    };
  }

  /** Encode for this feed shape unless that is done or under way. */
  prepare(spec: SlateSpec): Promise<SlateClip | null> {
    const key = slateKey(spec);
    if (key === this.wantKey && (this.clip?.key === key || this.encoding))
      return this.encoding ?? Promise.resolve(this.clip);
    this.wantKey = key;
    const job = encodeSlate(spec, this.o.ffmpeg ? { ffmpeg: this.o.ffmpeg } : {})
      .then((clip) => {
        if (this.wantKey === clip.key) this.clip = clip;
        this.lastError = null;
        this.log(`slate ready (${spec.width}x${spec.height} ${spec.fps} fps, encoded in ${clip.encodeMs} ms)`);
        return clip;
      })
      .catch((err: Error) => {
        this.lastError = err.message;
        this.log(`slate: ${err.message}`);
        return null;
      })
      .finally(() => {
        if (this.encoding === job) this.encoding = null;
      });
    this.encoding = job;
    return job;
  }

  /** Starts the slate right after `afterTs` (the last timestamp the destinations got). */
  start(afterTs: number): void {
    const clip = this.clip;
    if (!clip || this.playing) return;
    this.playing = true;
    this.videoN = 0;
    this.audioN = 0;
    this.startTs = afterTs + Math.round(1000 / clip.fps);
    this.lastTs = afterTs;
    this.startedAt = this.now();
    this.out.switchTo({ audio: clip.audioHeader, video: clip.videoHeader });
    this.pump();
  }

  /** Stops playing; returns the last timestamp sent so the feed can continue after it. */
  stop(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.playing = false;
    return this.lastTs;
  }

  private videoTs(n: number): number {
    return this.startTs + Math.round((n * 1000) / this.clip!.fps);
  }

  private audioTs(n: number): number {
    return this.startTs + Math.round((n * 1024 * 1000) / this.clip!.sampleRate);
  }

  /** Sends every frame that is due, then sleeps until the next one. */
  private pump = (): void => {
    this.timer = null;
    const clip = this.clip;
    if (!this.playing || !clip) return;
    const due = this.startTs + (this.now() - this.startedAt);
    for (;;) {
      const v = this.videoTs(this.videoN);
      const a = this.audioTs(this.audioN);
      const ts = Math.min(v, a);
      if (ts > due) break;
      // Video first at equal times: the loop's keyframe leads its audio.
      const frame =
        v <= a ? clip.video[this.videoN++ % clip.video.length]! : clip.audio[this.audioN++ % clip.audio.length]!;
      this.lastTs = ts;
      this.out.media({ ...frame, timestamp: ts });
    }
    const next = Math.min(this.videoTs(this.videoN), this.audioTs(this.audioN));
    this.timer = setTimeout(this.pump, Math.max(1, next - due));
  };
}
