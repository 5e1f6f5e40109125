import type { RelayFrame } from '../core/relay/frames.js';
import { backoffMs } from '../core/relay/frames.js';
import { transformArgs, type Transform } from '../core/relay/transform.js';
import { Transcoder } from '../adapters/relay/transcoder.js';
import type { Destination } from './relay-destination.js';

type Headers = { meta?: RelayFrame; audio?: RelayFrame; video?: RelayFrame };

/**
 * A destination's own ffmpeg: the feed (and the slate) goes in, the reshaped stream comes out to
 * that destination alone. ffmpeg failing ends only this leg's encoding; it restarts with backoff
 * at the next keyframe, and the other destinations never see any of it.
 */
export class TransformLeg {
  private coder: Transcoder | null = null;
  private headers: Headers = {};
  private attempt = 0;
  private restartAt = 0;

  constructor(
    readonly destination: Destination,
    private readonly t: Transform,
    private readonly o: {
      ffmpeg: string;
      now: () => number;
      feedKbps: () => number;
      feedFps: () => number;
      log: (line: string) => void;
    },
  ) {}

  /** The ffmpeg process id (bench:relay adds its CPU to the relay's). */
  get pid(): number | undefined {
    return this.coder?.pid;
  }

  header(kind: 'meta' | 'audio' | 'video', f: RelayFrame): void {
    if (kind === 'meta') return; // ffmpeg writes its own metadata
    this.headers[kind] = f;
    this.coder?.write(f);
  }

  switchSource(source: 'feed' | 'slate', h: Headers): void {
    this.destination.switchSource(source);
    for (const kind of ['audio', 'video'] as const) {
      const f = h[kind];
      if (!f) continue;
      this.headers[kind] = f;
      this.coder?.write(f);
    }
  }

  media(f: RelayFrame): void {
    if (!this.destination.enabled) return;
    if (!this.coder) {
      // (Re)start on a keyframe, once the codec headers are known and any backoff is over.
      if (!(f.type === 9 && f.keyframe) || !this.headers.video || this.o.now() < this.restartAt) return;
      this.start();
    }
    this.coder!.write(f);
  }

  private start(): void {
    const coder = new Transcoder(
      this.o.ffmpeg,
      transformArgs(this.t, this.o.feedKbps(), this.o.feedFps()),
      (out) => {
        if (this.coder !== coder) return;
        this.attempt = 0;
        if (out.header) {
          if (out.type !== 18) this.destination.setHeader(out.type === 8 ? 'audio' : 'video', out);
        } else this.destination.push(out);
      },
      (why) => {
        if (this.coder !== coder) return;
        this.coder = null;
        this.destination.lastError = `transform: ${why}`;
        this.o.log(`${this.destination.name}: transform stopped (${why}); the other destinations are not affected`);
        this.restartAt = this.o.now() + backoffMs(this.attempt++, 0.5, 1000, 30_000);
      },
    );
    this.coder = coder;
    for (const h of [this.headers.audio, this.headers.video]) if (h) coder.write(h);
  }

  stop(): void {
    const c = this.coder;
    this.coder = null;
    c?.stop();
  }
}
