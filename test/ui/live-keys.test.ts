import { describe, expect, it } from 'vitest';
import { KEYS_MODE, type KeyFlags, type KeyMode, reduceKeys } from '../../src/ui/live-keys.js';

const amend = (text: string): KeyMode => ({ kind: 'amend', text });
const confirm: KeyMode = { kind: 'confirm-end' };

describe('dashboard keys: one chunk of input -> next mode and effects', () => {
  it.each<[string, KeyMode, string, KeyFlags, KeyMode, unknown[]]>([
    ['a command key', KEYS_MODE, 'n', {}, KEYS_MODE, [{ type: 'command', command: 'n', key: 'n' }]],
    ['space is the timer', KEYS_MODE, ' ', {}, KEYS_MODE, [{ type: 'command', command: 'space', key: ' ' }]],
    ['b opens the amend line', KEYS_MODE, 'b', {}, amend(''), []],
    ['q asks to confirm', KEYS_MODE, 'q', {}, confirm, []],
    ['r retries with the relay on', KEYS_MODE, 'r', {}, KEYS_MODE, [{ type: 'retry' }]],
    ['y confirms the end', confirm, 'y', {}, KEYS_MODE, [{ type: 'end' }]],
    ['Y confirms too', confirm, 'Y', {}, KEYS_MODE, [{ type: 'end' }]],
    ['any other key keeps the show going', confirm, 'n', {}, KEYS_MODE, []],
    ['a pasted "yes" is not a lone y', confirm, 'yes', {}, KEYS_MODE, []],
    ['typing in the amend line', amend('jan'), 'e', {}, amend('jane'), []],
    ['backspace', amend('jane'), '', { backspace: true }, amend('jan'), []],
    ['delete works like backspace', amend('jane'), '', { delete: true }, amend('jan'), []],
    ['escape drops the line', amend('jane 4'), '', { escape: true }, KEYS_MODE, []],
    ['enter saves it', amend('jane 42'), '', { return: true }, KEYS_MODE, [{ type: 'amend', text: 'jane 42' }]],
    ['ctrl keys are not typed', amend('jane'), 'c', { ctrl: true }, amend('jane'), []],
    [
      'a burst: each key in turn',
      KEYS_MODE,
      'nw',
      {},
      KEYS_MODE,
      [
        { type: 'command', command: 'n', key: 'n' },
        { type: 'command', command: 'w', key: 'w' },
      ],
    ],
    [
      'a burst into the amend line and Enter',
      KEYS_MODE,
      'bjane 42\r',
      {},
      KEYS_MODE,
      [{ type: 'amend', text: 'jane 42' }],
    ],
    ['a burst with a backspace byte', amend(''), 'jx\u007fo', {}, amend('jo'), []],
    ['a burst: q then y ends', KEYS_MODE, 'qy', {}, KEYS_MODE, [{ type: 'end' }]],
    [
      'a burst: q then n keeps going, then n is a key',
      KEYS_MODE,
      'qnn',
      {},
      KEYS_MODE,
      [{ type: 'command', command: 'n', key: 'n' }],
    ],
  ])('%s', (_name, mode, input, flags, wantMode, wantEffects) => {
    const r = reduceKeys(mode, input, flags, { relay: true });
    expect(r.mode).toEqual(wantMode);
    expect(r.effects).toEqual(wantEffects);
  });

  it('r is a plain key without the relay', () => {
    expect(reduceKeys(KEYS_MODE, 'r', {}, { relay: false }).effects).toEqual([
      { type: 'command', command: 'r', key: 'r' },
    ]);
  });

  it('keys fed one at a time reach the same place as one burst', () => {
    let mode = KEYS_MODE;
    const effects: unknown[] = [];
    for (const ch of 'nbsam 9\r') {
      const r = reduceKeys(mode, ch === '\r' ? '' : ch, ch === '\r' ? { return: true } : {}, { relay: false });
      mode = r.mode;
      effects.push(...r.effects);
    }
    const burst = reduceKeys(KEYS_MODE, 'nbsam 9\r', {}, { relay: false });
    expect(mode).toEqual(burst.mode);
    expect(effects).toEqual(burst.effects);
  });
});
