import type { DestinationStatus } from '../core/relay-types.js';
import type { DemoSession } from '../services/demo-session.js';
import { demoStreamIntro } from './demo-format.js';
import { eventLine } from './live-format.js';
import { destinationPlainLine } from './relay-format.js';

/**
 * The demo without the dashboard: one line per show event and per stream state change, until
 * `until` resolves; then the session stops while its last lines (the show ending, the streams
 * ending) still print.
 */
export async function runPlainDemo(
  session: DemoSession,
  say: (line: string) => void,
  o: { dir: string; until: Promise<void> },
): Promise<void> {
  const { show, relay } = session;
  say(`lotcast demo: ${show.plan.show.name}, ${show.plan.summary.lotCount} lots on Whatnot + TikTok, data in ${o.dir}`);
  if (relay) for (const l of demoStreamIntro(relay)) say(l);
  // The relay started while the haul was imported: its states so far first, then changes.
  const shown = new Map<string, string>();
  const streamLine = (d: DestinationStatus) => {
    const line = `stream ${destinationPlainLine(d)}`;
    if (shown.get(d.name) !== line) say(line);
    shown.set(d.name, line);
  };
  relay?.relay.snapshot().destinations.forEach(streamLine);
  const offRelay = relay?.relay.subscribe((e) => e.type === 'destination' && streamLine(e.destination));
  let printed = 0;
  const print = () => {
    for (const e of show.getSnapshot().recent)
      if (e.id > printed) {
        say(eventLine(show.plan, show.current, e));
        printed = e.id;
      }
  };
  print();
  const off = show.subscribe(print);
  try {
    await o.until;
    await session.stop();
  } finally {
    off();
    offRelay?.();
  }
}
