import { describe, expect, it } from 'vitest';
import { parseProducerAction } from '../../../src/core/overlay/producer-action.js';

describe('producer actions from untrusted JSON', () => {
  it.each([
    [
      { type: 'sale', channel: 'whatnot', requestId: 'abcdefgh' },
      { type: 'sale', channel: 'whatnot', sku: null, buyer: null, priceCents: null, requestId: 'abcdefgh' },
    ],
    [
      { type: 'sale', channel: 'tiktok', sku: 'TEE-1', buyer: ' @jane ', price: '42.50', requestId: 'abcdefgh' },
      { type: 'sale', channel: 'tiktok', sku: 'TEE-1', buyer: '@jane', priceCents: 4250, requestId: 'abcdefgh' },
    ],
    [
      { type: 'sale', channel: 'tiktok', price: 7, requestId: 'abcdefgh' },
      { type: 'sale', channel: 'tiktok', sku: null, buyer: null, priceCents: 700, requestId: 'abcdefgh' },
    ],
    [
      { type: 'next', from: 3 },
      { type: 'next', from: 3 },
    ],
    [
      { type: 'undo', target: 12 },
      { type: 'undo', target: 12 },
    ],
    [{ type: 'timer' }, { type: 'timer' }],
    [
      { type: 'giveaway', winner: '\u001b]0;x\u0007@w', requestId: 'abcdefgh' },
      { type: 'giveaway', winner: ']0;x@w', requestId: 'abcdefgh' },
    ],
  ])('accepts %j', (body, action) => {
    expect(parseProducerAction(body)).toEqual({ ok: true, action });
  });

  it.each([
    [null, /JSON object/],
    [[1], /JSON object/],
    [{ type: 'drop-table' }, /type must be/],
    [{ type: 'sale', channel: 'ebay', requestId: 'abcdefgh' }, /channel/],
    [{ type: 'sale', channel: 'whatnot' }, /requestId/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abc def gh' }, /requestId/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abcdefgh', price: '=1+1' }, /price/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abcdefgh', price: '-5' }, /price/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abcdefgh', price: {} }, /price/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abcdefgh', buyer: 'x'.repeat(65) }, /64/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abcdefgh', buyer: 5 }, /buyer/],
    [{ type: 'sale', channel: 'whatnot', requestId: 'abcdefgh', sku: 'A B' }, /sku/],
    [{ type: 'next' }, /from/],
    [{ type: 'prev', from: -1 }, /from/],
    [{ type: 'undo', target: 1.5 }, /target/],
  ])('refuses %j', (body, message) => {
    const r = parseProducerAction(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
