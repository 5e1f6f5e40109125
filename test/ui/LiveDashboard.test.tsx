import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/live/reducer.js';
import type { ShowEventBody } from '../../src/core/show/events.js';
import type { LiveSnapshot } from '../../src/services/live-ledger.js';
import { LiveDashboard } from '../../src/ui/LiveDashboard.js';
import { bigDigits } from '../../src/ui/BigNumber.js';
import { T0, testJournal, testPlan } from '../helpers/plans.js';

const plan = testPlan();
function snapshot(...bodies: ShowEventBody[]): LiveSnapshot {
  const events = testJournal(plan, ...bodies);
  return { plan, state: replay(plan, events), recent: events, channelHealth: {}, version: 1 };
}
const start: ShowEventBody = { type: 'show.started', stock: { A: 1, B: 3, C: 1, GIFT: 5 } };
const sale = (saleId: string, sku: string, channel: 'whatnot' | 'tiktok', priceCents: number): ShowEventBody => ({
  type: 'sale.recorded',
  saleId,
  sku,
  channel,
  priceCents,
  quantity: 1,
  buyer: 'jane',
  segmentIndex: 2,
  oversell: false,
});

function frame(snap: LiveSnapshot, nowMs: number, extra: Partial<Parameters<typeof LiveDashboard>[0]> = {}): string {
  const { lastFrame, unmount } = render(
    <LiveDashboard
      snapshot={snap}
      nowMs={nowMs}
      amendText={null}
      confirmingEnd={false}
      message={null}
      destinations={null}
      {...extra}
    />,
  );
  const out = lastFrame() ?? '';
  unmount();
  return out;
}

describe('LiveDashboard', () => {
  it('shows the current lot, prices per channel, stock in big digits with the call-out, next lots and sales', () => {
    const snap = snapshot(start, { type: 'cursor.moved', index: 2 }, sale('s1', 'B', 'whatnot', 700));
    const out = frame(snap, T0 + 10_000);
    expect(out).toMatch(/NOW L02 Item B/);
    expect(out).toMatch(/SKU B\s+bin B1\s+3 units planned/);
    expect(out).toMatch(/Whatnot\s+auction from \$1\.00, 30s timer/);
    expect(out).toMatch(/TikTok\s+buy it now \$20\.00/);
    expect(out).toContain(bigDigits(2)[0]);
    expect(out).toMatch(/only 2 left/);
    expect(out).toMatch(/L03\s+Item C \(1 left\)/);
    expect(out).toMatch(/Whatnot\s+\$7\.00 B jane/);
    expect(out).toMatch(/Whatnot\s+1 orders\s+\$7\.00/);
    expect(out).toMatch(/stream: relay off/);
  });

  it('calls LAST ONE and SOLD OUT, and flags an oversell loudly', () => {
    expect(
      frame(
        snapshot(
          start,
          { type: 'cursor.moved', index: 2 },
          sale('s1', 'B', 'whatnot', 1),
          sale('s2', 'B', 'tiktok', 1),
        ),
        T0,
      ),
    ).toMatch(/LAST ONE/);
    const over = frame(
      snapshot(start, { type: 'cursor.moved', index: 1 }, sale('s1', 'A', 'whatnot', 1), sale('s2', 'A', 'tiktok', 1)),
      T0,
    );
    expect(over).toMatch(/SOLD OUT/);
    expect(over).toMatch(/OVERSOLD 1: cancel A on TikTok/);
  });

  it('after many oversells the banner stays one line (count, latest three, where the rest are); gross leaves them out', () => {
    const sales = Array.from({ length: 41 }, (_, i) => sale(`s${i}`, 'A', i % 2 ? 'tiktok' : 'whatnot', 1000));
    // The same screen with a few oversells (the latest-sales list full in both).
    const few = frame(snapshot(start, { type: 'cursor.moved', index: 1 }, ...sales.slice(0, 7)), T0);
    const many = frame(snapshot(start, { type: 'cursor.moved', index: 1 }, ...sales), T0);
    const lines = (s: string) => s.split('\n');
    expect(lines(many)).toHaveLength(lines(few).length);
    expect(lines(many)[0]).toMatch(/LIVE \d+:\d\d elapsed/);
    const banner = lines(many).find((l) => l.includes('OVERSOLD'))!;
    expect(banner).toMatch(
      /OVERSOLD 40: cancel A on Whatnot, A on TikTok, A on Whatnot \(\+37 more: lotcast show status/,
    );
    // One rule everywhere: the one real sale is money, the 40 oversold are not.
    expect(many).toMatch(/Whatnot\s+1 orders\s+\$10\.00 20 oversold/);
    expect(many).toMatch(/TikTok\s+0 orders\s+\$0\.00 20 oversold/);
  });

  it('counts the slot down and reports drift against the plan', () => {
    const snap = snapshot(start, { type: 'cursor.moved', index: 1 });
    expect(frame(snap, T0 + 1000 + 15_000)).toMatch(/0:45 left/);
    expect(frame(snap, T0 + 1000 + 75_000)).toMatch(/0:15 over/);
  });

  it('shows the prompts for buyer/price and for ending', () => {
    const snap = snapshot(start);
    expect(frame(snap, T0, { amendText: '@amy 4' })).toMatch(/Buyer and price for the last sale: @amy 4/);
    expect(frame(snap, T0, { confirmingEnd: true })).toMatch(/End the show\? y to end/);
  });

  it("shows each channel's order sync: pulled orders, or why it is down", () => {
    const snap = {
      ...snapshot(start),
      channelHealth: {
        whatnot: { channel: 'whatnot' as const, state: 'ok' as const, ordersSeen: 4 },
        tiktok: {
          channel: 'tiktok' as const,
          state: 'down' as const,
          ordersSeen: 0,
          lastError: 'tiktok is unavailable (HTTP 503)',
        },
      },
    };
    const out = frame(snap, T0);
    expect(out).toMatch(/Whatnot\s+0 orders\s+\$0\.00 sync ok \(4\)/);
    expect(out).toMatch(/TikTok\s+0 orders\s+\$0\.00 sync down\n\s+tiktok is unavailable \(HTTP 503\)/);
  });

  it('lists stream destinations when the relay runs', () => {
    const out = frame(snapshot(start), T0, {
      destinations: [
        {
          index: 1,
          name: 'tiktok',
          url: 'rtmp://x/****',
          enabled: true,
          state: 'live',
          bitrateKbps: 6012,
          framesSent: 1,
          framesDropped: 0,
          bytesSent: 1,
          reconnects: 0,
          uptimeS: 1,
          lagMs: 0,
          lastError: null,
          source: 'feed',
          degraded: false,
          deliveredKbps: 6000,
        },
      ],
    });
    expect(out).toMatch(/1\. tiktok\s+live\s+6012 kb\/s/);
  });
  it('shows the slate and for how long while OBS is gone, and counts the gaps', () => {
    const dest = {
      index: 1,
      name: 'tiktok',
      url: 'rtmp://x/****',
      enabled: true,
      state: 'live' as const,
      bitrateKbps: 120,
      framesSent: 1,
      framesDropped: 0,
      bytesSent: 1,
      reconnects: 0,
      uptimeS: 1,
      lagMs: 0,
      lastError: null,
      source: 'slate' as const,
      degraded: false,
      deliveredKbps: 120,
    };
    const feed = {
      state: 'waiting' as const,
      bitrateKbps: 0,
      framesIn: 10,
      video: null,
      audio: null,
      keyframeIntervalMs: 2000,
      since: null,
      slateSince: new Date(T0 - 14_000).toISOString(),
      gaps: 2,
      slateMs: 30_000,
      warnings: [],
    };
    const out = frame(snapshot(start), T0, { destinations: [dest], feed });
    expect(out).toMatch(/feed gone: slate 0:14 · 2 gaps/);
    expect(out).toMatch(/1\. tiktok\s+slate 0:14\s+120 kb\/s/);
  });
});
