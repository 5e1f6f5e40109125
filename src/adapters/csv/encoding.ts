import { closeSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { UsageError } from '../../core/errors.js';

/** Text encodings a seller's CSV comes in: UTF-8 from most tools, Windows-1252 from older Excel, UTF-16 from "Unicode Text". */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** What the first bytes of a file say it is. */
export type FileKind =
  | { kind: 'text'; encoding: TextEncoding; detected: 'bom' | 'content' | 'default' }
  | { kind: 'xlsx' }
  | { kind: 'xls' }
  | { kind: 'binary' };

export function sniffBytes(sample: Buffer, wholeFile: boolean): FileKind {
  const b = sample;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return { kind: 'xlsx' };
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return { kind: 'xls' };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { kind: 'text', encoding: 'utf-8', detected: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le', detected: 'bom' };
  if (b[0] === 0xfe && b[1] === 0xff) return { kind: 'text', encoding: 'utf-16be', detected: 'bom' };
  const head = b.subarray(0, 1024);
  if (head.includes(0)) {
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    let even = 0;
    let odd = 0;
    for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 0 ? even++ : odd++;
    const pairs = head.length / 2;
    if (odd > pairs * 0.3 && even === 0) return { kind: 'text', encoding: 'utf-16le', detected: 'content' };
    if (even > pairs * 0.3 && odd === 0) return { kind: 'text', encoding: 'utf-16be', detected: 'content' };
    return { kind: 'binary' };
  }
  const body = wholeFile ? b : b.subarray(0, b.length - incompleteTail(b));
  if (isUtf8(body)) return { kind: 'text', encoding: 'utf-8', detected: 'default' };
  // Not UTF-8: the other encoding sheets are saved in is Windows-1252 (Latin-1 plus € and quotes).
  return { kind: 'text', encoding: 'windows-1252', detected: 'content' };
}

/** Bytes at the end of `b` that start a UTF-8 character the buffer cuts off. */
function incompleteTail(b: Buffer): number {
  for (let back = 1; back <= Math.min(4, b.length); back++) {
    const byte = b[b.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return 0;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return back < need ? back : 0;
  }
  return 0;
}

/** U+FFFD in UTF-8: a character an earlier conversion already lost. */
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** Decodes a non-UTF-8 file to UTF-8 bytes for the parser (which reads UTF-8). */
export function decoderStream(encoding: Exclude<TextEncoding, 'utf-8'>): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

/**
 * Checks a UTF-8 file as it streams (the sample said UTF-8, but a Windows-1252 byte can come
 * later): never let the parser turn a byte into U+FFFD silently.
 */
export function utf8Checker(
  file: string,
  onInvalid: (err: UsageError) => void,
  onReplacement?: () => void,
): (chunk: Buffer) => void {
  let carry: Buffer | undefined;
  let offset = 0;
  return (chunk) => {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (onReplacement && buf.includes(REPLACEMENT)) {
      onReplacement();
      onReplacement = undefined;
    }
    const cut = incompleteTail(buf);
    const body = cut > 0 ? buf.subarray(0, buf.length - cut) : buf;
    if (!isUtf8(body)) {
      const at = offset + firstInvalid(body);
      onInvalid(notUtf8(file, lineAt(file, at), buf[at - offset] ?? 0));
    }
    offset += body.length;
    carry = cut > 0 ? Buffer.from(buf.subarray(buf.length - cut)) : undefined;
  };
}

function firstInvalid(b: Buffer): number {
  let lo = 0;
  let hi = b.length;
  // The longest valid prefix, by halving (cheap: only on the error path).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const prefix = b.subarray(0, mid);
    if (isUtf8(prefix.subarray(0, prefix.length - incompleteTail(prefix)))) lo = mid;
    else hi = mid;
  }
  return lo - incompleteTail(b.subarray(0, lo));
}

function lineAt(file: string, byteOffset: number): number {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(byteOffset);
    readSync(fd, buf, 0, byteOffset, 0);
    let line = 1;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) line++;
    return line;
  } finally {
    closeSync(fd);
  }
}

export function notUtf8(file: string, line: number, byte: number): UsageError {
  return new UsageError(
    `is not UTF-8 text (byte 0x${byte.toString(16).toUpperCase()} here); it was probably saved as Windows-1252 (Latin-1).`,
    {
      where: `${file}:${line}`,
      hint: 'Import it with --encoding windows-1252, or save the sheet as "CSV UTF-8" and import that.',
    },
  );
}
