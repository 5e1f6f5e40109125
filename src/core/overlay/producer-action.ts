import { isChannel, type Channel } from '../channel-types.js';
import { parseMoney } from '../money.js';

/**
 * What the producer page (or a script with the show's token) may ask for: the dashboard's keys,
 * as JSON. Each carries what the helper saw (the lot's SKU, the segment, the sale to undo) so a
 * double tap or two helpers pressing at once act once, on what they meant.
 */
export type ProducerAction =
  | {
      type: 'sale';
      channel: Channel;
      sku: string | null;
      buyer: string | null;
      priceCents: number | null;
      requestId: string;
    }
  | { type: 'next' | 'prev' | 'skip'; from: number }
  | { type: 'timer' }
  | { type: 'undo'; target: number }
  | { type: 'giveaway'; winner: string | null; requestId: string };

export type ActionOutcome =
  | { status: 200; body: { ok: true; done: string; eventId: number | null } }
  | { status: 400 | 409; body: { ok: false; error: string } };

/** The live show as the web adapter sees it: snapshots as JSON text, changes, and actions. */
export interface OverlayFeedPort {
  /** The current overlay state (schema lotcast.overlay-state/1) as JSON text. */
  stateJson(): string;
  /** Called with the new state JSON after every change, from any process. */
  subscribe(listener: (json: string) => void): () => void;
  act(action: ProducerAction): ActionOutcome;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const SKU = /^[\x21-\x7e]{1,64}$/;

/** A buyer handle as typed on a phone: printable, trimmed, at most 64 characters. */
function cleanText(v: unknown, field: string): { ok: true; value: string | null } | { ok: false; message: string } {
  if (v === undefined || v === null || v === '') return { ok: true, value: null };
  if (typeof v !== 'string') return { ok: false, message: `${field} must be text` };
  // Control characters (terminal escapes, newlines) never reach the journal, the dashboard or a sheet.
  const value = v.replace(/\p{Cc}/gu, '').trim();
  if (value.length > 64) return { ok: false, message: `${field} is longer than 64 characters` };
  return { ok: true, value: value || null };
}

function whole(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** Validates an untrusted request body into an action, or says what is wrong. */
export function parseProducerAction(
  body: unknown,
): { ok: true; action: ProducerAction } | { ok: false; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, message: 'send a JSON object with "type"' };
  const b = body as Record<string, unknown>;
  switch (b.type) {
    case 'sale': {
      if (typeof b.channel !== 'string' || !isChannel(b.channel))
        return { ok: false, message: 'channel must be "whatnot" or "tiktok"' };
      if (typeof b.requestId !== 'string' || !REQUEST_ID.test(b.requestId))
        return { ok: false, message: 'requestId must be 8-64 letters, digits, - or _' };
      if (b.sku !== undefined && b.sku !== null && (typeof b.sku !== 'string' || !SKU.test(b.sku)))
        return { ok: false, message: 'sku is not a SKU' };
      const buyer = cleanText(b.buyer, 'buyer');
      if (!buyer.ok) return buyer;
      let priceCents: number | null = null;
      if (b.price !== undefined && b.price !== null && b.price !== '') {
        const m = typeof b.price === 'string' || typeof b.price === 'number' ? parseMoney(String(b.price)) : null;
        if (!m?.ok || m.cents < 0 || m.cents > 100_000_000)
          return { ok: false, message: 'price must be an amount such as 42 or 42.50' };
        priceCents = m.cents;
      }
      return {
        ok: true,
        action: {
          type: 'sale',
          channel: b.channel,
          sku: typeof b.sku === 'string' ? b.sku : null,
          buyer: buyer.value,
          priceCents,
          requestId: b.requestId,
        },
      };
    }
    case 'next':
    case 'prev':
    case 'skip': {
      const from = whole(b.from);
      if (from === null) return { ok: false, message: 'from must be the segment index on screen' };
      return { ok: true, action: { type: b.type, from } };
    }
    case 'timer':
      return { ok: true, action: { type: 'timer' } };
    case 'undo': {
      const target = whole(b.target);
      if (target === null) return { ok: false, message: 'target must be the event id to undo' };
      return { ok: true, action: { type: 'undo', target } };
    }
    case 'giveaway': {
      const winner = cleanText(b.winner, 'winner');
      if (!winner.ok) return winner;
      if (typeof b.requestId !== 'string' || !REQUEST_ID.test(b.requestId))
        return { ok: false, message: 'requestId must be 8-64 letters, digits, - or _' };
      return { ok: true, action: { type: 'giveaway', winner: winner.value, requestId: b.requestId } };
    }
    default:
      return { ok: false, message: 'type must be one of sale, next, prev, skip, timer, undo, giveaway' };
  }
}
