import { describe, expect, it } from 'vitest';
import { FeedMeter } from '../../../src/core/relay/feed-info.js';

/** The meter's keyframe interval after each keyframe at these stream times (ms). */
function intervals(keyframesMs: number[]): Array<number | null> {
  const m = new FeedMeter();
  return keyframesMs.map((ts) => {
    m.observe(9, ts, 1000, true);
    return m.keyframeIntervalMs;
  });
}

describe('FeedMeter keyframe interval', () => {
  it.each([
    ['a keyframe every 250 frames (OBS Simple mode)', [0, 8333, 16667, 25000], [null, 8333, 8334, 8334]],
    ['every 2 s', [0, 2000, 4000, 6000], [null, 2000, 2000, 2000]],
    // x264's extra keyframe at a scene change (an OBS scene switch): Simple mode is still 8.3 s.
    ['250 frames with a scene cut', [0, 8333, 9000, 17333], [null, 8333, 8333, 8333]],
    ['2 s with a scene cut', [0, 2000, 2500, 4500, 6500], [null, 2000, 2000, 2000, 2000]],
    // The longest of the last 4: after 4 short ones (a setting that changed) the long one is forgotten.
    ['then 4 intervals of 2 s', [0, 8333, 10333, 12333, 14333, 16333], [null, 8333, 8333, 8333, 8333, 2000]],
  ])('%s', (_name, keys, want) => {
    expect(intervals(keys)).toEqual(want);
  });

  it('a new publish forgets the old encoder', () => {
    const m = new FeedMeter();
    for (const ts of [0, 8333]) m.observe(9, ts, 1000, true);
    m.reset();
    expect(m.keyframeIntervalMs).toBeNull();
    for (const ts of [0, 2000]) m.observe(9, ts, 1000, true);
    expect(m.keyframeIntervalMs).toBe(2000);
  });
});
