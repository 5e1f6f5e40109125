import { describe, expect, it } from 'vitest';
import { MAX_CENTS, MAX_QUANTITY, parseQuantity } from '../../src/core/bounds.js';
import { parseMoney } from '../../src/core/money.js';

describe('parseQuantity', () => {
  it.each([
    ['3', 3],
    [' 1,000 ', 1000],
    ['+2', 2],
    ['4.0', 4],
    ['0', 0],
    ['-0', 0],
    [String(MAX_QUANTITY), MAX_QUANTITY],
  ])('%j -> %i', (raw, value) => {
    expect(parseQuantity(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['1e9', /not a whole number/],
    ['0x10', /not a whole number/],
    ['2.5', /not a whole number/],
    ['', /not a whole number/],
    ['-3', /negative/],
    ['1000001', /too many units.*1,000,000/],
    ['99999999999999999999', /too many units/],
  ])('refuses %j', (raw, message) => {
    const r = parseQuantity(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('applies a minimum', () => {
    expect(parseQuantity('0', { min: 1 })).toMatchObject({ ok: false, message: expect.stringMatching(/1 or more/) });
    expect(parseQuantity('1', { min: 1 })).toEqual({ ok: true, value: 1 });
  });
});

describe('money bounds', () => {
  it.each(['99999999999999999999', '$1,000,000,000', '100000000.01', '-100000000.01'])('refuses %j', (raw) => {
    const r = parseMoney(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too large/);
  });

  it('takes the largest price exactly', () => {
    expect(parseMoney('100000000')).toEqual({ ok: true, cents: MAX_CENTS });
    expect(parseMoney('$99,999,999.99')).toEqual({ ok: true, cents: MAX_CENTS - 1 });
  });
});
