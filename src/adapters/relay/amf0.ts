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

export function decodeAmf0(buf: Buffer): Amf0Value[] {
  let o = 0;
  const readStr = () => {
    const n = buf.readUInt16BE(o);
    o += 2;
    const s = buf.toString('utf8', o, o + n);
    o += n;
    return s;
  };
  const readObject = (): { [k: string]: Amf0Value } => {
    const obj: { [k: string]: Amf0Value } = {};
    while (o < buf.length) {
      if (buf.readUInt16BE(o) === 0 && buf[o + 2] === 0x09) {
        o += 3;
        break;
      }
      const k = readStr();
      obj[k] = read();
    }
    return obj;
  };
  const read = (): Amf0Value => {
    const t = buf[o++];
    switch (t) {
      case 0x00: {
        const v = buf.readDoubleBE(o);
        o += 8;
        return v;
      }
      case 0x01:
        return buf[o++] !== 0;
      case 0x02:
        return readStr();
      case 0x03:
        return readObject();
      case 0x05:
        return null;
      case 0x06:
        return undefined;
      case 0x08:
        o += 4; // ECMA array: count, then like an object
        return readObject();
      case 0x0a: {
        const n = buf.readUInt32BE(o);
        o += 4;
        const arr: { [k: string]: Amf0Value } = {};
        for (let i = 0; i < n; i++) arr[String(i)] = read();
        return arr;
      }
      default:
        throw new Error(`AMF0 type ${t} not supported`);
    }
  };
  const out: Amf0Value[] = [];
  while (o < buf.length) out.push(read());
  return out;
}
