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
    // What is left starts on a keyframe: the decoder never sees a frame whose reference was dropped.
    const first = q.peek();
    if (first) expect(first.type === 9 && first.keyframe).toBe(true);
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
    [8, [0xaf, 0x00], { header: true, keyframe: false }],
    [8, [0xaf, 0x01], { header: false, keyframe: false }],
    [18, [0x02], { header: true, keyframe: false }],
  ] as const)('type %i %j', (type, bytes, want) => {
    expect(classify(type, new Uint8Array(bytes))).toEqual(want);
  });
});
