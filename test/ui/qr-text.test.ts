import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrText } from '../../src/ui/qr-text.js';

/** The half blocks read back into rows of inked (true) cells, two rows a line. */
function inkedRows(lines: string[]): boolean[][] {
  const top = { ' ': false, '▄': false, '▀': true, '█': true } as Record<string, boolean>;
  const bottom = { ' ': false, '▄': true, '▀': false, '█': true } as Record<string, boolean>;
  return lines.flatMap((l) => [[...l].map((c) => top[c]!), [...l].map((c) => bottom[c]!)]);
}

const url = 'http://192.168.1.20:4477/producer?token=8yktgc-OSOtugD9LPFfSsGxD';
const { modules } = QRCode.create(url, { errorCorrectionLevel: 'L' });
const code = { size: modules.size, dark: (x: number, y: number) => modules.get(y, x) === 1 };
/** Dark modules with a light margin of 2 all round (the quiet zone a phone needs). */
const inside = (i: number) => i >= 0 && i < modules.size;
const expected = Array.from({ length: modules.size + 4 }, (_, y) =>
  Array.from({ length: modules.size + 4 }, (_, x) => inside(x - 2) && inside(y - 2) && code.dark(x - 2, y - 2)),
);

describe('a QR code in a terminal', () => {
  it('without colour: only block characters, the light modules and the quiet zone drawn (right on a dark terminal)', () => {
    const lines = qrText(code, null);
    expect(lines.join('\n')).toMatch(/^[ ▀▄█\n]+$/);
    const rows = inkedRows(lines).slice(0, modules.size + 4);
    expect(rows).toEqual(expected.map((r) => r.map((dark) => !dark)));
    // An odd count of rows: the half row under the code is left blank, not drawn as margin.
    expect(inkedRows(lines).slice(modules.size + 4)).toEqual(
      (modules.size + 4) % 2 ? [Array(modules.size + 4).fill(false)] : [],
    );
  });

  it('with colour: the dark modules drawn in black on a white ground, each line painted', () => {
    const lines = qrText(code, (s) => `[${s}]`);
    for (const l of lines) expect(l).toMatch(/^\[[ ▀▄█]+\]$/);
    const rows = inkedRows(lines.map((l) => l.slice(1, -1))).slice(0, modules.size + 4);
    expect(rows).toEqual(expected);
  });
});
