import { describe, expect, it } from 'vitest';
import { FrameQueue, backoffMs, classify, type RelayFrame } from '../../../src/core/relay/frames.js';

/** A 30 fps video stream with a keyframe every `gop` frames, plus audio every ~23 ms. */
function stream(seconds: number, gop = 60): RelayFrame[] {
  const out: RelayFrame[] = [];
  for (let i = 0; i < seconds * 30; i++) {
    const ts = Math.round((i * 1000) / 30);
    out.push({
      type: 9,
      timestamp: ts,
      payload: new Uint8Array([i % gop === 0 ? 0x17 : 0x27, 1]),
      header: false,
      keyframe: i % gop === 0,
    });
    out.push({ type: 8, timestamp: ts + 5, payload: new Uint8Array([0xaf, 1]), header: false, keyframe: false });
  }
  return out;
}

describe('FrameQueue: a slow destination drops by time, whole GOPs, never grows', () => {
  it('keeps everything when the destination keeps up', () => {
    const q = new FrameQueue(1500);
    for (const f of stream(10)) {
      q.push(f);
      while (q.length) q.shift();
    }
    expect([q.droppedVideo, q.droppedAudio]).toEqual([0, 0]);
  });

  it.each([
    [500, 60],
    [1500, 60],
    [2000, 30],
  ])('never holds more than %i ms of stream (GOP %i) when nothing drains', (maxLag, gop) => {
    const q = new FrameQueue(maxLag);
    let maxQueued = 0;
    for (const f of stream(20, gop)) {
      q.push(f);
      maxQueued = Math.max(maxQueued, q.lagMs(f.timestamp));
    }
    expect(maxQueued).toBeLessThanOrEqual(maxLag);
    expect(q.droppedVideo).toBeGreaterThan(0);
    // What is left starts its video on a keyframe: the decoder never sees a frame whose reference was dropped.
    const firstVideo: RelayFrame[] = [];
    while (q.length) firstVideo.push(q.shift()!);
    const v = firstVideo.find((f) => f.type === 9);
    if (v) expect(v.keyframe).toBe(true);
  });

  it('after a drop it skips to the next keyframe, then resumes', () => {
    const q = new FrameQueue(1000);
    const frames = stream(6, 60);
    const sent: RelayFrame[] = [];
    frames.forEach((f, i) => {
      q.push(f);
      // A destination that drains only every third second.
      if (Math.floor(i / 60) % 3 === 2) while (q.length) sent.push(q.shift()!);
    });
    const firstVideo = sent.find((f) => f.type === 9)!;
    expect(firstVideo.keyframe).toBe(true);
    for (let i = 1; i < sent.length; i++)
      expect(sent[i]!.timestamp).toBeGreaterThanOrEqual(sent[i - 1]!.timestamp - 10);
  });

  it('waits for a keyframe after reset (reconnect)', () => {
    const q = new FrameQueue(1500);
    q.reset();
    const [key, ...rest] = stream(1, 60);
    for (const f of rest) q.push(f);
    expect(q.length).toBe(0);
    q.push({ ...key!, timestamp: 2000 });
    expect(q.peek()?.keyframe).toBe(true);
  });
});

/** Sizes like a real feed: keyframes 5 KB, inter frames 1 KB, audio 20 B (about 37 KB/s). */
function sized(seconds: number, gop = 60): RelayFrame[] {
  return stream(seconds, gop).map((f) => ({
    ...f,
    payload: new Uint8Array(f.type === 8 ? 20 : f.keyframe ? 5000 : 1000),
  }));
}

/**
 * A link that carries `bytesPerS(ts)`, fed the way a destination feeds its socket: the next frame
 * goes whenever what is in flight is under what the link carries in 750 ms (the other half of
 * the lag budget); a big keyframe is in flight for a while and nothing overtakes it.
 */
function overLink(q: FrameQueue, frames: RelayFrame[], bytesPerS: (ts: number) => number): RelayFrame[] {
  const sent: RelayFrame[] = [];
  let budget = 0;
  let last = 0;
  for (const f of frames) {
    budget = Math.min(budget + ((f.timestamp - last) * bytesPerS(f.timestamp)) / 1000, 20_000);
    last = f.timestamp;
    q.push(f);
    while (q.length && budget > -0.75 * bytesPerS(f.timestamp)) {
      const out = q.shift()!;
      budget -= out.payload.length;
      sent.push(out);
    }
  }
  return sent;
}

describe('FrameQueue: a destination that cannot keep up degrades instead of freezing', () => {
  it('at a tenth of the bitrate it keeps every audio frame and keyframe, lag and memory bounded', () => {
    const q = new FrameQueue(750);
    const frames = sized(60);
    let maxLag = 0;
    let maxBytes = 0;
    const sent = overLink(q, frames, () => 3800);
    for (const f of frames) maxLag = Math.max(maxLag, q.lagMs(f.timestamp));
    maxBytes = Math.max(maxBytes, q.bytes);
    expect(q.degraded).toBe(true);
    expect(q.droppedAudio).toBe(0);
    const keys = frames.filter((f) => f.keyframe).length;
    expect(sent.filter((f) => f.keyframe).length).toBeGreaterThanOrEqual(keys - 2);
    expect(sent.filter((f) => f.type === 8).length).toBeGreaterThanOrEqual(
      frames.filter((f) => f.type === 8).length - 60,
    );
    // Whatever is still queued at the end is less than the budget behind.
    expect(q.lagMs(frames.at(-1)!.timestamp)).toBeLessThanOrEqual(750);
    expect(maxBytes).toBeLessThan(40_000);
    // Video that was sent never references a dropped frame: after any gap it resumes on a keyframe.
    const video = sent.filter((f) => f.type === 9);
    for (let i = 1; i < video.length; i++) {
      const gap = video[i]!.timestamp - video[i - 1]!.timestamp;
      if (gap > 40) expect(video[i]!.keyframe).toBe(true);
    }
  });

  it('returns to full video at the first keyframe after the link recovers', () => {
    const q = new FrameQueue(750);
    const frames = sized(30);
    const sent = overLink(q, frames, (ts) => (ts < 10_000 ? 3800 : 1_000_000));
    expect(q.degraded).toBe(false);
    const after = sent.filter((f) => f.type === 9 && f.timestamp >= 12_000);
    expect(after.length).toBe(frames.filter((f) => f.type === 9 && f.timestamp >= 12_000).length);
  });

  it('a link that carries keyframes and audio but not full video tries full video less and less often', () => {
    const q = new FrameQueue(750);
    overLink(q, sized(120), () => 8000);
    // 60 GOPs; without backing off it would fall behind at nearly every one of them.
    expect(q.degradations).toBeLessThanOrEqual(8);
  });

  it('a reset (reconnect, new source) forgets the backoff: a brief stall after it recovers at the next keyframe', () => {
    const q = new FrameQueue(750);
    // A weak link long enough to push the backoff to its longest wait (16 GOPs).
    overLink(q, sized(120), () => 8000);
    q.reset();
    // The next feed (timestamps continuing) stalls for 1.5 s, then the link is fast again.
    const frames = sized(20).map((f) => ({ ...f, timestamp: f.timestamp + 200_000 }));
    const sent = overLink(q, frames, (ts) => (ts < 201_500 ? 3800 : 1_000_000));
    const late = (f: RelayFrame) => f.type === 9 && f.timestamp >= 205_000;
    expect(sent.filter(late).length).toBe(frames.filter(late).length);
  });

  it('a connection that comes up starts on the queued keyframe; a queue that fell behind while it waited keeps its sound and has no backoff', () => {
    const quick = new FrameQueue(750);
    for (const f of stream(1).slice(0, 20)) quick.push(f);
    quick.connected();
    expect(quick.peek()).toMatchObject({ type: 9, keyframe: true, timestamp: 0 });
    expect(quick.length).toBe(20);

    // 600 ms queued while connecting: degraded (the keyframe and audio), as in the first GOP.
    const slow = new FrameQueue(750);
    const frames = stream(6);
    for (const f of frames.filter((f) => f.timestamp <= 600)) slow.push(f);
    expect(slow.degraded).toBe(true);
    slow.connected();
    const sent: RelayFrame[] = [];
    for (const f of frames.filter((f) => f.timestamp > 600)) {
      slow.push(f);
      while (slow.length) sent.push(slow.shift()!);
    }
    expect(sent[0]).toMatchObject({ type: 9, keyframe: true, timestamp: 0 });
    expect(sent.filter((f) => f.type === 8).length).toBe(frames.filter((f) => f.type === 8).length);
    // Full video from the next keyframe on, not keyframes alone for another GOP of backoff.
    const fromNext = (f: RelayFrame) => f.type === 9 && f.timestamp >= 2000;
    expect(sent.filter(fromNext).length).toBe(frames.filter(fromNext).length);
    expect(slow.degraded).toBe(false);
  });
});

describe('FrameQueue: the degrade backoff', () => {
  it('a first fall behind (a stall in the first GOP) has no backoff: full video again at the next keyframe where it has caught up', () => {
    const q = new FrameQueue(750);
    const frames = stream(6);
    const sent: RelayFrame[] = [];
    for (const f of frames) {
      q.push(f);
      // Nothing leaves for 500 ms of the first GOP, then everything does.
      if (f.timestamp < 300 || f.timestamp > 800) while (q.length) sent.push(q.shift()!);
    }
    expect(q.degradations).toBe(1);
    const fromNext = (f: RelayFrame) => f.type === 9 && f.timestamp >= 2000;
    expect(sent.filter(fromNext).length).toBe(frames.filter(fromNext).length);
  });
});

describe('reconnect backoff', () => {
  it.each([
    [0, 0.5, 1000],
    [1, 0.5, 2000],
    [2, 0.5, 4000],
    [5, 0.5, 30000],
    [9, 0.5, 30000],
    [0, 0, 500],
    [0, 1, 1500],
    [6, 1, 30000],
  ])('attempt %i with jitter %d -> %i ms', (attempt, rnd, ms) => {
    expect(backoffMs(attempt, rnd)).toBe(ms);
  });
});

describe('classify', () => {
  it.each([
    [9, [0x17, 0x00], { header: true, keyframe: false }],
    [9, [0x17, 0x01], { header: false, keyframe: true }],
    [9, [0x27, 0x01], { header: false, keyframe: false }],
    // AVC end of sequence: ffmpeg flags it as a keyframe; no picture (it made a 1.3 s "interval").
    [9, [0x17, 0x02, 0, 0, 0], { header: false, keyframe: false }],
    // Enhanced RTMP (0x80 | frame type << 4 | packet type): start, coded frames, end, frames X.
    [9, [0x90, 0x68, 0x76, 0x63, 0x31], { header: true, keyframe: false }],
    [9, [0x91, 0x68, 0x76, 0x63, 0x31], { header: false, keyframe: true }],
    [9, [0x92, 0x68, 0x76, 0x63, 0x31], { header: false, keyframe: false }],
    [9, [0x93, 0x68, 0x76, 0x63, 0x31], { header: false, keyframe: true }],
    [9, [0xa1, 0x68, 0x76, 0x63, 0x31], { header: false, keyframe: false }],
    [8, [0xaf, 0x00], { header: true, keyframe: false }],
    [8, [0xaf, 0x01], { header: false, keyframe: false }],
    [18, [0x02], { header: true, keyframe: false }],
  ] as const)('type %i %j', (type, bytes, want) => {
    expect(classify(type, new Uint8Array(bytes))).toEqual(want);
  });
});
