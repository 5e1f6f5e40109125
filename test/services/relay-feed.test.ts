import { describe, expect, it } from 'vitest';
import type { RelayFrame } from '../../src/core/relay/frames.js';
import { RelayFeed } from '../../src/services/relay-feed.js';

const frame = (type: 8 | 9, timestamp: number, o: { header?: boolean; keyframe?: boolean } = {}): RelayFrame => ({
  type,
  timestamp,
  payload: new Uint8Array(type === 9 ? [o.keyframe || o.header ? 0x17 : 0x27, o.header ? 0 : 1, 0, 0, 0] : [0xaf, 1]),
  header: o.header ?? false,
  keyframe: o.keyframe ?? false,
});

/** One encoder's first second: codec headers, a keyframe, then inter frames and audio. */
function encoderSecond(feed: RelayFeed): void {
  feed.frame(frame(9, 0, { header: true }));
  feed.frame(frame(9, 0, { keyframe: true }));
  for (let ts = 33; ts < 1000; ts += 33) {
    feed.frame(frame(8, ts));
    feed.frame(frame(9, ts));
  }
}

function feedWithLog() {
  const log: string[] = [];
  const feed = new RelayFeed(
    { encoderGraceMs: 10_000, slate: null, now: Date.now, log: () => undefined },
    {
      header: () => log.push('header'),
      media: (f) => log.push(`${f.type === 9 ? (f.keyframe ? 'key' : 'video') : 'audio'}@${f.timestamp}`),
      switchSource: (source, h) => log.push(`switch to ${source}${Object.keys(h).length ? ' with headers' : ''}`),
      ended: () => log.push('ended'),
      changed: () => undefined,
    },
  );
  return { feed, log };
}

describe('RelayFeed: a new publisher is a new source for the destinations', () => {
  it('the first publish starts the queues as they are; OBS back within the grace and a takeover restart them before the new keyframe', () => {
    const { feed, log } = feedWithLog();
    feed.published();
    encoderSecond(feed);
    expect(log).not.toContain('switch to feed');

    // OBS gone and back (no slate): the destinations drop what they queued of the old encoder
    // (and its degrade backoff), then get the new encoder from its first keyframe on.
    feed.unpublished();
    log.length = 0;
    feed.published();
    expect(log).toEqual(['switch to feed']);
    feed.frame(frame(8, 0));
    feed.frame(frame(9, 0, { keyframe: true }));
    expect(log.slice(1)).toEqual(['key@1023']);

    // A takeover (no unpublish in between) is a new publisher too.
    log.length = 0;
    feed.published();
    feed.frame(frame(9, 40, { keyframe: true }));
    expect(log).toEqual(['switch to feed', 'key@1056']);
    feed.stop();
  });
});

/** An AVC NAL-unit packet: dts in the FLV timestamp, composition offset (pts - dts) in its header. */
function video(dts: number, cts: number, keyframe = false): RelayFrame {
  const payload = Uint8Array.from([
    keyframe ? 0x17 : 0x27,
    1,
    (cts >> 16) & 0xff,
    (cts >> 8) & 0xff,
    cts & 0xff,
    0,
    0,
    0,
    1,
    0x65,
  ]);
  return { type: 9, timestamp: dts, payload, header: false, keyframe };
}

function feedWithOutput() {
  const out: RelayFrame[] = [];
  const feed = new RelayFeed(
    { encoderGraceMs: 10_000, slate: null, now: () => Date.now(), log: () => undefined },
    {
      header: () => undefined,
      media: (f) => out.push(f),
      switchSource: () => undefined,
      ended: () => undefined,
      changed: () => undefined,
    },
  );
  return { feed, out };
}

// An AVC sequence header (config record with no parameter sets: enough to say the feed has video).
const AVC_HEADER: RelayFrame = {
  type: 9,
  timestamp: 0,
  payload: Uint8Array.from([0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, 0xff, 0xe0, 0]),
  header: true,
  keyframe: true,
};

const pts = (f: RelayFrame) => f.timestamp + ((f.payload[2]! << 16) | (f.payload[3]! << 8) | f.payload[4]!);

describe('RelayFeed: one timeline across encoder reconnects', () => {
  it("a new publish starts after the old encoder's last frame shown (B-frames show after their timestamp), not after its last timestamp", () => {
    const { feed, out } = feedWithOutput();
    feed.published();
    feed.frame(AVC_HEADER);
    // OBS's x264 (2 B-frames): decode order I P B B, shown I B B P.
    for (const f of [video(0, 66, true), video(33, 100), video(66, 0), video(100, 0), video(133, 100)]) feed.frame(f);
    const lastShown = Math.max(...out.map(pts));
    expect(lastShown).toBe(233);
    feed.unpublished();
    // OBS again (the seller changed a setting): its timestamps start at 0, its first keyframe shows 66 ms in.
    feed.published();
    feed.frame(AVC_HEADER);
    feed.frame(video(0, 66, true));
    const first = out.at(-1)!;
    expect(first.keyframe).toBe(true);
    expect(pts(first)).toBeGreaterThan(lastShown);
    expect(first.timestamp).toBeGreaterThan(133);
    feed.stop();
  });

  it("forgets the old encoder's keyframe interval and warnings on a new publish", () => {
    const { feed } = feedWithOutput();
    feed.published();
    for (const ts of [0, 8333]) feed.frame(video(ts, 0, true));
    expect(feed.status.keyframeIntervalMs).toBe(8333);
    feed.status.warnings = [{ code: 'keyframes', message: 'keyframes every 8.3 s', fix: 'Keyframe Interval 2 s' }];
    feed.unpublished();
    feed.published();
    expect(feed.status.keyframeIntervalMs).toBeNull();
    expect(feed.status.warnings).toEqual([]);
    for (const ts of [0, 2000]) feed.frame(video(ts, 0, true));
    expect(feed.status.keyframeIntervalMs).toBe(2000);
    feed.stop();
  });
});
