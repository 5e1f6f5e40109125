import { render, useApp, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { LotcastError } from '../core/errors.js';
import { terminalSafe, terminalText } from '../core/terminal-text.js';
import type { Output } from './output.js';
import type { LiveShow } from '../services/live-show.js';
import type { RelayHandle, RelaySnapshot } from '../core/relay-types.js';
import { KeyQueue } from '../services/live-queue.js';
import { LiveDashboard } from './LiveDashboard.js';
import { runCommand } from './live-commands.js';
import { summaryLines } from './live-format.js';
import { KEYS_MODE, type KeyFlags, type KeyMode, reduceKeys } from './live-keys.js';
import { gapSummary } from './stream-panel.js';
import { retryDestinations } from './relay-commands.js';

interface AppProps {
  show: LiveShow;
  destinations: string[];
  relay?: RelayHandle | null;
  pollMs: number;
  onEnd: (ended: boolean) => void;
}

/** Nothing changed (LiveShow keeps memory as the store is): say why, with what to do. */
function errorMessage(err: unknown): string {
  return err instanceof LotcastError && err.hint ? `${err.message} ${err.hint}` : (err as Error).message;
}

/** Keys in, actions on the LiveShow out; the screen only reads the store's snapshot. */
export function LiveApp({ show, destinations, pollMs, onEnd, relay = null }: AppProps) {
  // Titles, buyers and errors reach the screen cleaned of control sequences (objects are
  // cleaned once each, so the unchanged plan costs nothing per frame).
  const snapshot = terminalSafe(useSyncExternalStore(show.subscribe, show.getSnapshot));
  const { exit } = useApp();
  const [nowMs, setNow] = useState(Date.now());
  const [message, setMessage] = useState<string | null>(null);

  const [streams, setStreams] = useState<RelaySnapshot | null>(relay ? relay.snapshot() : null);
  useEffect(() => {
    if (!relay) return;
    // State changes at once; bitrate and counters with the clock tick below.
    return relay.subscribe(() => setStreams(relay.snapshot()));
  }, [relay]);

  useEffect(() => {
    const tick = setInterval(() => {
      setNow(Date.now());
      if (relay) setStreams(relay.snapshot());
    }, 1000);
    const poll = setInterval(() => {
      try {
        show.poll();
      } catch (err) {
        setMessage((err as Error).message);
      }
    }, pollMs);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [show, pollMs, relay]);

  const showError = (err: unknown) => setMessage(errorMessage(err));
  const [waiting, setWaiting] = useState<number | null>(null);
  const keys = useMemo(
    () => new KeyQueue({ onWaiting: setWaiting, onError: (err) => setMessage(errorMessage(err)) }),
    [],
  );
  useEffect(() => () => keys.stop(), [keys]);
  const act = (fn: () => void) => {
    try {
      keys.submit(fn);
      setMessage(null);
    } catch (err) {
      showError(err);
    }
    setNow(Date.now());
  };

  // Keys can arrive faster than renders: the mode lives in a ref too, so every key sees the
  // mode the previous key left (the reducer decides; this only applies what it says).
  const modeRef = useRef<KeyMode>(KEYS_MODE);
  const [mode, setMode] = useState<KeyMode>(KEYS_MODE);
  const handle = (input: string, key: KeyFlags) => {
    const r = reduceKeys(modeRef.current, input, key, { relay: relay !== null });
    modeRef.current = r.mode;
    setMode(r.mode);
    for (const e of r.effects) {
      if (e.type === 'end')
        act(() => {
          show.end();
          onEnd(true);
          exit();
        });
      else if (e.type === 'amend') act(() => void runCommand(show, `b ${e.text}`, destinations));
      else if (e.type === 'retry' && relay) setMessage(retryDestinations(relay));
      else if (e.type === 'command')
        act(() => {
          const r = runCommand(show, e.command, destinations);
          if (r.kind === 'unknown') setMessage(`unknown key "${e.key}"`);
        });
    }
  };
  useInput(handle);

  return (
    <LiveDashboard
      snapshot={snapshot}
      nowMs={nowMs}
      amendText={mode.kind === 'amend' ? terminalText(mode.text) : null}
      confirmingEnd={mode.kind === 'confirm-end'}
      message={
        waiting !== null
          ? `saving ${waiting} key${waiting === 1 ? '' : 's'}: the store is busy (another lotcast command is writing); they go through, in order, as soon as it is free`
          : message === null
            ? null
            : terminalText(message)
      }
      destinations={terminalSafe(streams?.destinations ?? null)}
      feed={terminalSafe(streams?.ingest ?? null)}
      uplink={terminalSafe(streams?.uplink ?? null)}
    />
  );
}

export async function runInkLive(
  show: LiveShow,
  out: Output,
  opts: { destinations: string[]; pollMs?: number; relay?: RelayHandle | null },
): Promise<void> {
  show.start();
  // A long import never freezes the screen: keys wait in a KeyQueue instead of in SQLite.
  show.waitForStoreAtMost(100);
  let ended = false;
  const app = render(
    <LiveApp
      show={show}
      destinations={opts.destinations}
      relay={opts.relay ?? null}
      pollMs={opts.pollMs ?? 250}
      onEnd={(e) => (ended = e)}
    />,
    { exitOnCtrlC: true, maxFps: 30, interactive: true },
  );
  await app.waitUntilExit();
  if (ended) for (const l of summaryLines(show.plan, show.current)) out.line(l);
  const gaps = opts.relay ? gapSummary(opts.relay.snapshot().ingest) : null;
  if (ended && gaps) out.line(gaps);
  else out.line(`Detached: ${show.plan.show.id} stays live; resume with \`lotcast live ${show.plan.show.id}\`.`);
}

/**
 * The demo's dashboard: closes when `until` resolves (time up, SIGTERM), or on `q` `y` and
 * Ctrl-C like the real one.
 */
export async function runInkDemo(
  show: LiveShow,
  opts: { destinations: string[]; relay: RelayHandle | null; until: Promise<void> },
): Promise<void> {
  const app = render(
    <LiveApp show={show} destinations={opts.destinations} relay={opts.relay} pollMs={250} onEnd={() => {}} />,
    { exitOnCtrlC: true, maxFps: 30, interactive: true },
  );
  await Promise.race([opts.until, app.waitUntilExit()]);
  app.unmount();
  await app.waitUntilExit();
}
