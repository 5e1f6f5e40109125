import { describe, expect, it } from 'vitest';
import { centsToDecimal, formatCents, parseMoney } from '../../src/core/money.js';

describe('parseMoney', () => {
  it.each([
    ['12', 1200],
    [' 12 ', 1200],
    ['$1,234.50', 123450],
    ['1234.5', 123450],
    ['$0.99', 99],
    ['$12', 1200],
    ['$12.5', 1250],
    ['$007.05', 705],
    ['.5', 50],
    ['USD 4', 400],
    ['-3.10', -310],
  ])('%j -> %i cents', (raw, cents) => {
    expect(parseMoney(raw)).toEqual({ ok: true, cents });
  });

  it.each(['', 'abc', '1,23', '12.345', '$', '$12.', '$.', '1.234,50', '12 dollars'])('rejects %j', (raw) => {
    const r = parseMoney(raw);
    expect(r.ok).toBe(false);
  });
});

describe('formatting cents', () => {
  it.each([
    [0, '$0.00', '0.00'],
    [5, '$0.05', '0.05'],
    [123450, '$1,234.50', '1234.50'],
    [-310, '-$3.10', '-3.10'],
  ])('%i -> %s / %s', (cents, money, decimal) => {
    expect(formatCents(cents)).toBe(money);
    expect(centsToDecimal(cents)).toBe(decimal);
  });
});
