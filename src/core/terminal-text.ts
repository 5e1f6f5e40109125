/**
 * Text from users and platforms (titles, buyer handles, notes, error bodies) on its way to a
 * terminal: escape sequences (CSI, OSC, DCS/SOS/PM/APC, 7-bit and 8-bit forms), the other C0
 * and C1 control characters and bidi overrides are taken out, so a title cannot retitle the
 * window, clear the screen, move the cursor, write a hyperlink or reorder what the host reads.
 * Line feeds and tabs stay. The data itself is stored and exported as imported; only what is
 * printed is cleaned.
 */

// String sequences run to BEL or ST (ESC \ or 0x9C), or to the end of the text if unterminated.
const STRING_SEQUENCE = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
// Any other escape: ESC, intermediate bytes, one final byte (ESC c resets the terminal).
const OTHER_ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** `text` without escape sequences, control characters (but \n and \t) or bidi controls. */
export function terminalText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(STRING_SEQUENCE, '').replace(CSI, '').replace(OTHER_ESCAPE, '').replace(CONTROL, '');
}

const cleaned = new WeakMap<object, unknown>();

/**
 * A copy of `value` with every string in it passed through terminalText, for a screen that
 * renders whole objects (the live dashboard's snapshot). Objects are cleaned once each (cached
 * by identity), and returned as they are when nothing in them needed cleaning, so a long show's
 * unchanged plan and sales cost nothing per frame.
 */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  const hit = cleaned.get(value);
  if (hit !== undefined) return hit as T;
  let changed = false;
  let out: unknown;
  if (Array.isArray(value)) {
    const arr = value.map((v) => {
      const c = terminalSafe(v);
      if (c !== v) changed = true;
      return c;
    });
    out = changed ? arr : value;
  } else {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = terminalSafe(v);
      if (c !== v) changed = true;
      obj[k] = c;
    }
    out = changed ? obj : value;
  }
  cleaned.set(value, out);
  return out as T;
}
