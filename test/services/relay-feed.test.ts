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
