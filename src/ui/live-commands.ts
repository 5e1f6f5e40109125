import type { Channel } from '../core/channel-types.js';
import { parseMoney } from '../core/money.js';
import type { LiveShow } from '../services/live-show.js';

/** "jane 42", "@jane", "42.50": buyer and/or price from what the host typed. */
export function parseBuyerPrice(text: string): { buyer?: string; priceCents?: number } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: { buyer?: string; priceCents?: number } = {};
  const last = words.at(-1);
  if (last) {
    const m = parseMoney(last);
    if (m.ok && /\d/.test(last)) {
      out.priceCents = m.cents;
      words.pop();
    }
  }
  if (words.length) out.buyer = words.join(' ');
  return out;
}

export type CommandResult =
  | { kind: 'ok' }
  | { kind: 'confirm-end' }
  | { kind: 'quit' }
  | { kind: 'unknown'; text: string };

/**
 * The host's commands, shared by the Ink dashboard (single keys) and --plain (one per line):
 * n p space/timer w t b u g s 1-9 q.
 */
export function runCommand(show: LiveShow, line: string, destinations: string[]): CommandResult {
  const text = line.trim();
  const [cmd = '', ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  const sell = (channel: Channel) => show.sale({ channel, ...parseBuyerPrice(arg) });
  switch (cmd.toLowerCase()) {
    case 'n':
      show.next();
      return { kind: 'ok' };
    case 'p':
      show.prev();
      return { kind: 'ok' };
    case '':
      return { kind: 'ok' };
    case 'space':
    case 'timer':
      show.toggleTimer();
      return { kind: 'ok' };
    case 'w':
      sell('whatnot');
      return { kind: 'ok' };
    case 't':
      sell('tiktok');
      return { kind: 'ok' };
    case 'b':
      show.amendLastSale(parseBuyerPrice(arg));
      return { kind: 'ok' };
    case 'u':
      show.undo();
      return { kind: 'ok' };
    case 'g':
      show.giveaway(arg || null);
      return { kind: 'ok' };
    case 's':
      show.skip();
      return { kind: 'ok' };
    case 'q':
      return { kind: 'confirm-end' };
    case 'detach':
      return { kind: 'quit' };
    default:
      if (/^[1-9]$/.test(cmd)) {
        const name = destinations[Number(cmd) - 1];
        if (name) show.toggleDestination(name);
        return { kind: 'ok' };
      }
      return { kind: 'unknown', text };
  }
}
