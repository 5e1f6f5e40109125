/**
 * The dashboard's key modes as a pure reducer: keys in, the next mode and what to do out.
 * Keys can arrive faster than renders, or several in one chunk (a paste, a fast typist over
 * ssh); the screen keeps one mode value and feeds every key through here, so each key sees
 * the mode the previous one left.
 */
export type KeyMode = { kind: 'keys' } | { kind: 'amend'; text: string } | { kind: 'confirm-end' };

export interface KeyFlags {
  escape?: boolean;
  return?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export type KeyEffect =
  /** A single-key command (`n`, `space`, `w`, `1`-`9`...); `key` is what was pressed, for "unknown key". */
  | { type: 'command'; command: string; key: string }
  /** The `b` line was entered: buyer and price for the last sale. */
  | { type: 'amend'; text: string }
  /** `q` then `y`: end the show. */
  | { type: 'end' }
  /** `r` with the relay on: reconnect the destinations that are down. */
  | { type: 'retry' };

export const KEYS_MODE: KeyMode = { kind: 'keys' };

/** One chunk of input as single keys: a burst is split once, here, with Enter and Backspace kept. */
function singleKeys(input: string, key: KeyFlags): Array<[string, KeyFlags]> {
  if (input.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return [...input].map((ch) => [
    ch,
    ch === '\r' || ch === '\n' ? { return: true } : ch === '\u007f' ? { backspace: true } : {},
  ]);
}

function reduceKey(mode: KeyMode, input: string, key: KeyFlags, o: { relay: boolean }): [KeyMode, KeyEffect[]] {
  if (mode.kind === 'confirm-end') return [KEYS_MODE, input === 'y' || input === 'Y' ? [{ type: 'end' }] : []];
  if (mode.kind === 'amend') {
    if (key.escape) return [KEYS_MODE, []];
    if (key.return) return [KEYS_MODE, [{ type: 'amend', text: mode.text }]];
    if (key.backspace || key.delete) return [{ kind: 'amend', text: mode.text.slice(0, -1) }, []];
    if (input && !key.ctrl && !key.meta) return [{ kind: 'amend', text: mode.text + input }, []];
    return [mode, []];
  }
  if (input === 'b') return [{ kind: 'amend', text: '' }, []];
  if (input === 'r' && o.relay) return [mode, [{ type: 'retry' }]];
  if (input === 'q') return [{ kind: 'confirm-end' }, []];
  return [mode, [{ type: 'command', command: input === ' ' ? 'space' : input, key: input }]];
}

/**
 * Feeds one chunk of input through the modes. The answer to "End the show?" is the whole
 * chunk: only a lone `y` ends it.
 */
export function reduceKeys(
  mode: KeyMode,
  input: string,
  key: KeyFlags,
  o: { relay: boolean },
): { mode: KeyMode; effects: KeyEffect[] } {
  if (mode.kind === 'confirm-end') {
    const [next, effects] = reduceKey(mode, input, key, o);
    return { mode: next, effects };
  }
  let current: KeyMode = mode;
  const effects: KeyEffect[] = [];
  for (const [ch, flags] of singleKeys(input, key)) {
    const [next, fx] = reduceKey(current, ch, flags, o);
    current = next;
    effects.push(...fx);
  }
  return { mode: current, effects };
}
