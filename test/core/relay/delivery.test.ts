import { describe, expect, it } from 'vitest';
import { DeliveryTracker, DestinationMeter, lagMs, watchdog } from '../../../src/core/relay/delivery.js';
import { FrameQueue } from '../../../src/core/relay/frames.js';

describe('DeliveryTracker: how much may be in flight to a platform', () => {
  it('allows a small first flight (8 KB) until the platform has shown its rate', () => {
    const t = new DeliveryTracker(1500);
    expect(t.byteBudget()).toBe(8 * 1024);
    expect(t.mayWrite(0, 0)).toBe(true);
    expect(t.mayWrite(8 * 1024 - 1, 0)).toBe(true);
    expect(t.mayWrite(8 * 1024, 0)).toBe(false);
  });

  it('measures the rate only from a saturated pipe, then allows rate x half the lag budget', () => {
    const t = new DeliveryTracker(2000);
    // First acknowledgement only starts the clock.
    t.delivered(10_000, 20_000, 1000);
    expect(t.rateBps).toBe(0);
    // 50 KB read in 500 ms with 10 KB outstanding before: saturated (>= half the 8 KB budget).
    t.delivered(60_000, 80_000, 1500);
    expect(t.rateBps).toBe(100_000);
    expect(t.byteBudget()).toBe(100_000);
    // Next, an unsaturated reading (little was outstanding) never lowers the rate.
    t.delivered(61_000, 61_000 + 100, 2500);
    expect(t.rateBps).toBe(100_000);
  });

  it('smooths a saturated rate: 60% old, 40% new', () => {
    const t = new DeliveryTracker(2000);
    t.delivered(0, 50_000, 1000);
    t.delivered(100_000, 200_000, 2000); // 100 KB/s
    t.delivered(150_000, 400_000, 3000); // 50 KB/s, saturated
    expect(t.rateBps).toBe(100_000 * 0.6 + 50_000 * 0.4);
  });

  it('never lets the budget fall below 4 KB once measured', () => {
    const t = new DeliveryTracker(1500);
    t.delivered(0, 10_000, 1000);
    t.delivered(100, 10_000, 2000); // 100 B/s
    expect(t.rateBps).toBe(100);
    expect(t.byteBudget()).toBe(4 * 1024);
  });

  it('stops writing when the oldest frame in flight is half the lag budget old', () => {
    const t = new DeliveryTracker(1000);
    t.wrote(1_000, 0);
    t.wrote(2_000, 33);
    expect(t.oldestInFlight()).toBe(0);
    expect(t.mayWrite(1_000, 499)).toBe(true);
    expect(t.mayWrite(1_000, 500)).toBe(false);
    // The platform reads the first frame: the second is now the oldest in flight.
    t.delivered(1_000, 2_000, 100);
    expect(t.oldestInFlight()).toBe(33);
    expect(t.mayWrite(1_000, 532)).toBe(true);
    t.delivered(2_000, 2_000, 200);
    expect(t.oldestInFlight()).toBeUndefined();
  });

  it('forgets what was in flight on a new connection', () => {
    const t = new DeliveryTracker(1500);
    t.delivered(0, 50_000, 1000);
    t.delivered(100_000, 200_000, 2000);
    t.wrote(200_000, 5000);
    t.reset();
    expect([t.rateBps, t.oldestInFlight(), t.byteBudget()]).toEqual([0, undefined, 8 * 1024]);
  });

  it('a platform reading 100 KB/s of a 150 KB/s feed: total lag (queue + in flight) stays within the budget', () => {
    const maxLag = 1500;
    const t = new DeliveryTracker(maxLag);
    // The destination's queue holds half the budget, like Destination's.
    const queue = new FrameQueue(maxLag / 2);
    let sent = 0;
    let delivered = 0;
    let worstLag = 0;
    // A fake clock in 1 ms steps over 20 s: a 5 KB video frame every 33 ms (keyframe every
    // 2 s); the platform reads 100 bytes/ms and acknowledges every 10 ms.
    for (let now = 0, n = 0; now < 20_000; now++) {
      if (now % 33 === 0) {
        queue.push({ type: 9, timestamp: now, payload: new Uint8Array(5_000), header: false, keyframe: n % 60 === 0 });
        n++;
      }
      while (queue.length > 0 && t.mayWrite(sent - delivered, now)) {
        sent += 5_000;
        t.wrote(sent, queue.shift()!.timestamp);
      }
      delivered = Math.min(sent, delivered + 100);
      if (now % 10 === 0) t.delivered(delivered, sent, now);
      const lag = lagMs({
        state: 'live',
        latestTs: now,
        inFlight: sent > delivered,
        oldestInFlight: t.oldestInFlight(),
        oldestQueued: queue.peek()?.timestamp,
      });
      if (now > 3_000) worstLag = Math.max(worstLag, lag);
    }
    // What the platform cannot take is dropped in whole GOPs, never queued without end.
    expect(queue.droppedVideo).toBeGreaterThan(0);
    expect(worstLag).toBeLessThanOrEqual(maxLag + 100);
    expect(t.rateBps).toBeGreaterThan(80_000);
    expect(t.rateBps).toBeLessThan(120_000);
  });
});

describe('lagMs: the age of the oldest frame the platform has not read', () => {
  const base = { latestTs: 10_000, inFlight: true, oldestInFlight: 9_000, oldestQueued: 9_500 };
  it.each([
    ['live, in flight', { ...base, state: 'live' }, 1000],
    ['stalled, in flight', { ...base, state: 'stalled' }, 1000],
    ['live, nothing in flight: the queue', { ...base, state: 'live', inFlight: false }, 500],
    ['live, in flight but no checkpoint: the queue', { ...base, state: 'live', oldestInFlight: undefined }, 500],
    ['live, caught up', { ...base, state: 'live', inFlight: false, oldestQueued: undefined }, 0],
    ['never negative', { ...base, state: 'live', oldestInFlight: 12_000 }, 0],
    ['reconnecting', { ...base, state: 'reconnecting' }, 0],
    ['off', { ...base, state: 'off' }, 0],
    ['waiting', { ...base, state: 'waiting' }, 0],
  ] as const)('%s', (_name, o, want) => {
    expect(lagMs(o)).toBe(want);
  });
});

describe('watchdog: stalled after stallMs without progress, failed (reconnect) after twice that', () => {
  it.each([
    ['live', true, 4_000, null],
    ['live', true, 5_001, 'stalled'],
    ['stalled', true, 7_000, 'stalled'],
    ['stalled', true, 10_001, 'fail'],
    ['live', true, 10_001, 'fail'],
    ['stalled', false, 20_000, 'live'],
    ['live', false, 20_000, null],
    ['connecting', true, 60_000, null],
    ['reconnecting', true, 60_000, null],
    ['off', true, 60_000, null],
  ] as const)('%s, pending %s, idle %i ms -> %s', (state, pendingWork, idleMs, want) => {
    expect(watchdog({ state, pendingWork, idleMs, stallMs: 5_000 })).toBe(want);
  });
});

describe('DestinationMeter: the stream panel figures, once a second', () => {
  it('bitrate sent, delivered kbit/s smoothed 70/30, and drops in the last five ticks', () => {
    const m = new DestinationMeter();
    const tick = (now: number, bytesSent: number, deliveredBytes: number, dropped = 0, live = true) =>
      m.tick({ now, live, bytesSent, deliveredBytes, dropped });
    tick(1000, 0, 0);
    expect([m.bitrateKbps, m.deliveredKbps]).toEqual([0, 0]);
    tick(2000, 250_000, 125_000);
    expect(m.bitrateKbps).toBe(2000);
    expect(m.deliveredKbps).toBe(1000);
    tick(3000, 500_000, 375_000);
    expect(m.deliveredKbps).toBe(1000 * 0.7 + 2000 * 0.3);
    expect(m.droppedLately).toBe(false);
    tick(4000, 750_000, 625_000, 3);
    expect(m.droppedLately).toBe(true);
    for (let i = 0; i < 4; i++) tick(5000 + i * 1000, 750_000, 625_000, 3);
    expect(m.droppedLately).toBe(true);
    tick(9000, 750_000, 625_000, 3);
    expect(m.droppedLately).toBe(false);
    // Not live: nothing delivered, and a new connection counts from its own bytes.
    tick(10_000, 750_000, 625_000, 3, false);
    expect(m.deliveredKbps).toBe(0);
    m.connected(0);
    tick(11_000, 750_000, 0);
    tick(12_000, 875_000, 125_000);
    expect(m.deliveredKbps).toBe(1000);
  });
});

describe('tooSlowFor: a keyframe this link cannot carry within half the lag budget', () => {
  it('is never too slow before the rate is known, then compares bytes / rate with half the budget', () => {
    const t = new DeliveryTracker(2000);
    expect(t.tooSlowFor(10_000_000)).toBe(false);
    t.delivered(0, 50_000, 1000);
    t.delivered(100_000, 200_000, 2000); // 100 KB/s: 1 s (half the budget) is 100 KB
    expect(t.tooSlowFor(100_000)).toBe(false);
    expect(t.tooSlowFor(100_001)).toBe(true);
  });
});

describe('probeDue: a probe only when the server has been silent for 200 ms with bytes in flight', () => {
  // Steps: [now, bytes in flight, acknowledgement at now?] and whether a probe is due.
  it.each([
    ['nothing in flight: never', [[1000, 0, false, false]]],
    [
      'bytes in flight on a new connection: at once, then not again within 200 ms',
      [
        [1000, 5000, false, true],
        [1100, 5000, false, false],
        [1199, 5000, false, false],
        [1200, 5000, false, true],
      ],
    ],
    [
      'a server that acknowledges every ~85 ms: no probes',
      [
        [1000, 5000, true, false],
        [1085, 5000, true, false],
        [1170, 5000, true, false],
        [1255, 5000, true, false],
        [1340, 5000, false, false],
      ],
    ],
    [
      'acknowledgements stop: a probe 200 ms after the last one',
      [
        [1000, 5000, true, false],
        [1150, 5000, false, false],
        [1200, 5000, false, true],
        [1300, 5000, false, false],
        [1400, 5000, false, true],
      ],
    ],
    [
      'a probe answered (it counts as delivery): the next one 200 ms after the answer',
      [
        [1000, 5000, false, true],
        [1050, 5000, true, false],
        [1200, 5000, false, false],
        [1250, 5000, false, true],
      ],
    ],
  ] as const)('%s', (_why, steps) => {
    const t = new DeliveryTracker(1500);
    // A link whose rate is measured (before that, see the next test).
    t.rateBps = 100_000;
    for (const [now, inFlight, acked, due] of steps) {
      if (acked) t.delivered(1000, 1000 + inFlight, now);
      expect([now, t.probeDue(now, inFlight)]).toEqual([now, due]);
    }
  });

  it('until the rate is known, probes again as soon as the last one is answered (the first flights are small)', () => {
    const t = new DeliveryTracker(1500);
    expect(t.probeDue(1000, 8000)).toBe(true);
    expect(t.probeDue(1002, 8000)).toBe(false); // not answered yet
    t.delivered(11_000, 19_000, 1003);
    expect(t.probeDue(1004, 8000)).toBe(true);
    t.delivered(19_000, 27_000, 1007);
    expect(t.rateBps).toBeGreaterThan(0);
    // Measured: back to one probe per 200 ms without an acknowledgement.
    expect(t.probeDue(1008, 8000)).toBe(false);
    expect(t.probeDue(1207, 8000)).toBe(true);
  });

  it('forgets the last probe on a new connection', () => {
    const t = new DeliveryTracker(1500);
    expect(t.probeDue(1000, 10)).toBe(true);
    t.reset();
    expect(t.probeDue(1001, 10)).toBe(true);
  });
});
