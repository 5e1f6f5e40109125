import { createInterface } from 'node:readline';
import { LotcastError } from '../core/errors.js';
import type { LiveShow } from '../services/live-show.js';
import type { RelayHandle } from '../core/relay-types.js';
import { KeyQueue } from '../services/live-queue.js';
import type { Output } from './output.js';
import { destinationPlainLine } from './relay-format.js';
import { runCommand } from './live-commands.js';
import { retryDestinations } from './relay-commands.js';
import { eventLine, segmentLine, summaryLines } from './live-format.js';

/** How long a key waits for another process's write lock before the KeyQueue retries it. */
const LOCK_WAIT_MS = 100;

/**
 * The dashboard without a TTY: one line per journal event (also events other processes
 * write), commands read as lines (`n`, `w jane 42`, `q` then `y`). Input closing detaches and
 * leaves the show live, so a script can come back to it.
 */
export function runPlainLive(
  show: LiveShow,
  out: Output,
  input: NodeJS.ReadableStream,
  opts: { pollMs?: number; destinations?: string[]; relay?: RelayHandle | null } = {},
): Promise<'ended' | 'detached'> {
  return new Promise((resolve) => {
    let printed = show.current.lastEventId;
    const already = show.getSnapshot().recent.length;
    out.line(
      `${show.plan.show.name} (${show.plan.show.id}): ${already > 0 && show.current.started ? 'resumed' : 'live'}; now ${segmentLine(show.segment())}`,
    );
    out.line(
      'commands: n next, p prev, timer, w/t [buyer] [price] sale, b buyer price, u undo, g [winner], s skip, 1-9 destination, r [N] retry stream, q end',
    );
    const unsubscribe = show.subscribe(() => {
      const snap = show.getSnapshot();
      for (const e of snap.recent) {
        if (e.id <= printed) continue;
        out.line(eventLine(show.plan, snap.state, e));
        printed = e.id;
      }
    });
    // The relay's destinations change state on their own: each change is a line too.
    const offRelay = opts.relay?.subscribe((e) => {
      if (e.type === 'destination') out.line(`stream ${destinationPlainLine(e.destination)}`);
      else if (e.type === 'uplink') out.line(`stream uplink: ${e.uplink.advice ?? 'carries every destination again'}`);
    });
    show.start();
    show.waitForStoreAtMost(LOCK_WAIT_MS);
    const printError = (err: unknown) => {
      // Nothing changed (LiveShow keeps memory as the store is): say why and keep going.
      out.line(`error: ${(err as Error).message}`);
      if (err instanceof LotcastError && err.hint) out.line(`  hint: ${err.hint}`);
    };
    let announced = false;
    const keys = new KeyQueue({
      onWaiting: (n) => {
        if (n !== null && !announced)
          out.line(
            'waiting: the store is busy (another lotcast command is writing to it, an import?); keys typed now are saved, in order, as soon as it is free',
          );
        announced = n !== null;
      },
      onError: printError,
    });
    const timer = setInterval(() => {
      try {
        show.poll();
      } catch (err) {
        out.note(`warning: ${(err as Error).message}`);
      }
    }, opts.pollMs ?? 250);
    let confirming = false;
    let finished = false;
    const rl = createInterface({ input, terminal: false });
    const finish = (how: 'ended' | 'detached') => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      keys.stop();
      unsubscribe();
      offRelay?.();
      rl.close();
      if (how === 'ended') for (const l of summaryLines(show.plan, show.current)) out.line(l);
      else out.line(`input closed: ${show.plan.show.id} stays live; resume with \`lotcast live ${show.plan.show.id}\``);
      resolve(how);
    };
    rl.on('line', (line) => {
      if (finished) return;
      try {
        if (confirming) {
          confirming = false;
          if (/^y(es)?$/i.test(line.trim())) {
            keys.submit(() => {
              show.end();
              finish('ended');
            });
            return;
          }
          out.line('not ended');
          return;
        }
        // `r [N]`: a stream destination reconnects now, skipping its backoff.
        if (opts.relay && /^r(\s+\S+)?$/i.test(line.trim())) {
          out.line(retryDestinations(opts.relay, line.trim().slice(1)));
          return;
        }
        keys.submit(() => {
          const r = runCommand(show, line, opts.destinations ?? []);
          if (r.kind === 'confirm-end') {
            confirming = true;
            out.line('End the show? type y to confirm');
          } else if (r.kind === 'quit') finish('detached');
          else if (r.kind === 'unknown') out.line(`unknown command "${r.text}"`);
        });
      } catch (err) {
        printError(err);
      }
    });
    // Keys typed before the input closed are saved first.
    rl.on('close', () => void keys.idle().then(() => finish('detached')));
  });
}
