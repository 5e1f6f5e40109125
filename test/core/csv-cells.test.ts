import { describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from '../../src/core/csv-cells.js';

describe('spreadsheet formula neutralising', () => {
  it.each([
    ['=HYPERLINK("http://x","click")', `'=HYPERLINK("http://x","click")`],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['@SUM(1+1)', `'@SUM(1+1)`],
    ['-2+3', `'-2+3`],
    ['\tcmd', `'\tcmd`],
    ['\r=1', `'\r=1`],
    ['＝1+1', `'＝1+1`],
    ["'=already quoted", `''=already quoted`],
    ["''-x", `'''-x`],
  ])('%j is written as %j', (raw, written) => {
    expect(neutraliseCell(raw)).toBe(written);
    expect(restoreCell(written)).toBe(raw);
  });

  it.each(['-5.00', '+3', '-0.30', '.5', '12', 'Tee = shirt', "Levi's 501", "'quoted'", '', 'a-b', 'x@y.com'])(
    '%j is left as it is',
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
      expect(restoreCell(value)).toBe(value);
    },
  );

  it('round-trips every short string over the characters that matter', () => {
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', '1', '.', 'a', ' '];
    const all: string[] = [''];
    for (let len = 1; len <= 4; len++)
      for (let i = 0; i < alphabet.length ** len; i++) {
        let s = '';
        for (let n = i, k = 0; k < len; k++, n = Math.floor(n / alphabet.length)) s += alphabet[n % alphabet.length];
        all.push(s);
      }
    for (const s of all) {
      const written = neutraliseCell(s);
      expect(restoreCell(written), JSON.stringify(s)).toBe(s);
      // Whatever is written never starts a formula unless it is a plain number.
      if (/^[=+\-@\t\r]/.test(written)) expect(written).toMatch(/^[+-]?(\d+(\.\d*)?|\.\d+)$/);
    }
  });
});
