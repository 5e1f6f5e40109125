import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { RelayFrame } from '../../core/relay/frames.js';
import { classify } from '../../core/relay/frames.js';
import { RelayError } from '../../core/errors.js';

/** Reads an FLV file into frames (for the bundled demo feed and tests). */
export function readFlv(file: string): RelayFrame[] {
  return parseFlv(readFileSync(file), file);
}

/** FLV bytes (a file, or ffmpeg's `-f flv pipe:1`) into frames; a cut-off last tag is left out. */
export function parseFlv(b: Buffer, name = 'input'): RelayFrame[] {
  if (b.toString('latin1', 0, 3) !== 'FLV') throw new RelayError(`${name} is not FLV`);
  let o = b.readUInt32BE(5) + 4;
  const frames: RelayFrame[] = [];
  while (o + 11 <= b.length) {
    const type = b[o]! & 0x1f;
    const size = b.readUIntBE(o + 1, 3);
    const ts = b.readUIntBE(o + 4, 3) | (b[o + 7]! << 24);
    if (o + 11 + size > b.length) break;
    const payload = b.subarray(o + 11, o + 11 + size);
    o += 11 + size + 4;
    if ((type === 8 || type === 9 || type === 18) && payload.length > 0) {
      frames.push({ type, timestamp: ts >>> 0, payload, ...classify(type, payload) });
    }
  }
  return frames;
}

/** Appends frames to an FLV file as they arrive (the relay's --record). */
export class FlvWriter {
  private fd: number;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
    const header = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);
    writeSync(this.fd, header);
  }

  write(f: RelayFrame): void {
    const h = Buffer.alloc(11);
    h[0] = f.type;
    h.writeUIntBE(f.payload.length, 1, 3);
    h.writeUIntBE(f.timestamp & 0xffffff, 4, 3);
    h[7] = (f.timestamp >>> 24) & 0xff;
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(11 + f.payload.length);
    writeSync(this.fd, h);
    writeSync(this.fd, f.payload);
    writeSync(this.fd, tail);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
