import { RelayError } from '../../core/errors.js';
/** The AMF0 subset RTMP commands use: number, boolean, string, object, null, undefined, ECMA array. */
export type Amf0Value = number | boolean | string | null | undefined | { [k: string]: Amf0Value };

export function encodeAmf0(values: Amf0Value[]): Buffer {
  const parts: Buffer[] = [];
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const h = Buffer.alloc(2);
    h.writeUInt16BE(b.length);
    return Buffer.concat([h, b]);
  };
  const enc = (v: Amf0Value): void => {
    if (typeof v === 'number') {
      const b = Buffer.alloc(9);
      b[0] = 0x00;
      b.writeDoubleBE(v, 1);
      parts.push(b);
    } else if (typeof v === 'boolean') parts.push(Buffer.from([0x01, v ? 1 : 0]));
    else if (typeof v === 'string') parts.push(Buffer.from([0x02]), str(v));
    else if (v === null) parts.push(Buffer.from([0x05]));
    else if (v === undefined) parts.push(Buffer.from([0x06]));
    else {
      parts.push(Buffer.from([0x03]));
      for (const [k, val] of Object.entries(v)) {
        parts.push(str(k));
        enc(val);
      }
      parts.push(Buffer.from([0x00, 0x00, 0x09]));
    }
  };
  for (const v of values) enc(v);
  return Buffer.concat(parts);
}

/** Bytes that are not the AMF0 they claim to be (a truncated or hostile command). */
export class Amf0Error extends RelayError {}

const MAX_DEPTH = 16;

/**
 * Decodes AMF0 values. Every read is bounds-checked and nesting is limited, so a malformed body
 * from a network client is an Amf0Error, never an out-of-range read or a stack overflow; objects
 * have no prototype (a "__proto__" key is just a key).
 */
export function decodeAmf0(buf: Buffer): Amf0Value[] {
  let o = 0;
  const need = (n: number) => {
    if (o + n > buf.length) throw new Amf0Error(`AMF0 value runs past the end of the message (at byte ${o})`);
  };
  const readStr = (lenBytes: 2 | 4) => {
    need(lenBytes);
    const n = lenBytes === 2 ? buf.readUInt16BE(o) : buf.readUInt32BE(o);
    o += lenBytes;
    need(n);
    const s = buf.toString('utf8', o, o + n);
    o += n;
    return s;
  };
  const readObject = (depth: number): { [k: string]: Amf0Value } => {
    const obj = Object.create(null) as { [k: string]: Amf0Value };
    for (;;) {
      need(3);
      if (buf[o] === 0 && buf[o + 1] === 0 && buf[o + 2] === 0x09) {
        o += 3;
        return obj;
      }
      const k = readStr(2);
      obj[k] = read(depth);
    }
  };
  const read = (depth: number): Amf0Value => {
    if (depth > MAX_DEPTH) throw new Amf0Error(`AMF0 values nested deeper than ${MAX_DEPTH}`);
    need(1);
    const t = buf[o++];
    switch (t) {
      case 0x00: {
        need(8);
        const v = buf.readDoubleBE(o);
        o += 8;
        return v;
      }
      case 0x01:
        need(1);
        return buf[o++] !== 0;
      case 0x02:
        return readStr(2);
      case 0x03:
        return readObject(depth + 1);
      case 0x05:
        return null;
      case 0x06:
        return undefined;
      case 0x08:
        need(4);
        o += 4; // ECMA array: a count (not to be trusted), then like an object
        return readObject(depth + 1);
      case 0x0a: {
        need(4);
        const n = buf.readUInt32BE(o);
        o += 4;
        // Each element takes at least one byte: a count beyond the bytes left is a lie.
        if (n > buf.length - o) throw new Amf0Error(`AMF0 array of ${n} elements in ${buf.length - o} bytes`);
        const arr = Object.create(null) as { [k: string]: Amf0Value };
        for (let i = 0; i < n; i++) arr[String(i)] = read(depth + 1);
        return arr;
      }
      case 0x0b: {
        need(10);
        const v = buf.readDoubleBE(o);
        o += 10; // date: ms since epoch, then a time zone nobody uses
        return v;
      }
      case 0x0c:
        return readStr(4);
      default:
        throw new Amf0Error(`AMF0 type ${t} is not supported`);
    }
  };
  const out: Amf0Value[] = [];
  while (o < buf.length) out.push(read(0));
  return out;
}
