import type { RelayFrame } from '../../core/relay/frames.js';
import { readFlv } from './flv.js';
import { RtmpPublisher } from './rtmp-publisher.js';
import { parseRtmpUrl } from './rtmp-url.js';

export interface PublishFileOptions {
  /** Pace frames by their timestamps (like an encoder) instead of as fast as possible. */
  realtime?: boolean;
  /** Play the file this many times, timestamps continuing (the demo loops its feed). */
  loops?: number;
  signal?: AbortSignal;
  /** Awaited once the publish is accepted, before the first frame (a test lets the destinations connect). */
  beforeMedia?: () => Promise<void>;
}

/**
 * Publishes an FLV file to an RTMP URL with lotcast's own client: the demo's bundled test feed
 * and the tests' encoder when ffmpeg is not installed.
 */
export async function publishFlvFile(
  url: string,
  file: string,
  opts: PublishFileOptions = {},
): Promise<{ frames: number }> {
  const frames = readFlv(file);
  const pub = new RtmpPublisher(parseRtmpUrl(url));
  await pub.start();
  await opts.beforeMedia?.();
  const duration = frames.reduce((m, f) => Math.max(m, f.timestamp), 0) + 33;
  const t0 = Date.now();
  let sent = 0;
  const send = (f: RelayFrame, ts: number) => {
    pub.sendFrame(ts === f.timestamp ? f : { ...f, timestamp: ts });
    sent++;
  };
  try {
    for (let loop = 0; loop < (opts.loops ?? 1); loop++) {
      for (const f of frames) {
        if (opts.signal?.aborted) return { frames: sent };
        // Headers once at the start; later loops only repeat media.
        if (loop > 0 && f.header) continue;
        const ts = loop * duration + f.timestamp;
        if (opts.realtime) {
          const wait = t0 + ts - Date.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        } else if (pub.writableLength > 1 << 20) {
          await new Promise((r) => pub.socket!.once('drain', r));
        }
        send(f, ts);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    pub.end();
  }
  return { frames: sent };
}
