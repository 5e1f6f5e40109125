import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { classify, type RelayFrame } from '../../core/relay/frames.js';

/** An FLV tag for a frame (what ffmpeg reads on its stdin). */
function flvTag(f: RelayFrame): Buffer {
  const tag = Buffer.allocUnsafe(11 + f.payload.length + 4);
  tag[0] = f.type;
  tag.writeUIntBE(f.payload.length, 1, 3);
  tag.writeUIntBE(f.timestamp & 0xffffff, 4, 3);
  tag[7] = (f.timestamp >>> 24) & 0xff;
  tag.writeUIntBE(0, 8, 3);
  tag.set(f.payload, 11);
  tag.writeUInt32BE(11 + f.payload.length, 11 + f.payload.length);
  return tag;
}

const FLV_HEADER = Buffer.from([0x46, 0x4c, 0x56, 0x01, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);
/** Beyond this much waiting on ffmpeg's stdin, frames are dropped up to the next keyframe. */
const MAX_PENDING = 8 * 1024 * 1024;

/**
 * One ffmpeg re-encoding a stream: FLV in on stdin, FLV out on stdout, parsed back into frames
 * as they come. Its failures stay here: they end this process and are reported, nothing else.
 */
export class Transcoder {
  private child: ChildProcessWithoutNullStreams;
  private buf: Buffer = Buffer.alloc(0);
  private headerSeen = false;
  private skipping = false;
  private stderr = '';
  private ended = false;
  droppedIn = 0;

  constructor(
    bin: string,
    outputArgs: string[],
    private readonly onFrame: (f: RelayFrame) => void,
    private readonly onExit: (why: string) => void,
  ) {
    this.child = spawn(
      bin,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-fflags',
        'nobuffer',
        '-probesize',
        '32768',
        '-analyzeduration',
        '0',
        '-f',
        'flv',
        '-i',
        'pipe:0',
        '-copyts',
        ...outputArgs,
        '-f',
        'flv',
        '-flvflags',
        'no_duration_filesize',
        'pipe:1',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    // Below the relay's own priority: on a busy machine the copies to the other destinations
    // (and the relay itself) go first, this leg's encoding second.
    try {
      if (this.child.pid) setPriority(this.child.pid, 10);
    } catch {
      // Not allowed here (some containers): it runs at normal priority.
    }
    this.child.stdin.on('error', () => undefined);
    this.child.stdin.write(FLV_HEADER);
    this.child.stdout.on('data', (d: Buffer) => this.read(d));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-1000);
    });
    this.child.on('error', (e) => this.exit(`cannot run ${bin}: ${e.message}`));
    this.child.on('close', (code, signal) =>
      this.exit(
        `ffmpeg exited ${code ?? signal}${this.stderr.trim() ? `: ${this.stderr.trim().split('\n').at(-1)}` : ''}`,
      ),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private exit(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.onExit(why);
  }

  write(f: RelayFrame): void {
    if (this.ended) return;
    const stdin = this.child.stdin;
    // ffmpeg slower than the feed: drop until the next keyframe rather than queue without bound.
    if (stdin.writableLength > MAX_PENDING) this.skipping = true;
    if (this.skipping && !f.header) {
      if (!(f.type === 9 && f.keyframe && stdin.writableLength < MAX_PENDING / 2)) {
        this.droppedIn++;
        return;
      }
      this.skipping = false;
    }
    stdin.write(flvTag(f));
  }

  stop(): void {
    this.ended = true;
    this.child.stdin.end();
    const child = this.child;
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }

  private read(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    let o = 0;
    if (!this.headerSeen) {
      if (this.buf.length < 13) return;
      o = this.buf.readUInt32BE(5) + 4;
      this.headerSeen = true;
    }
    while (o + 11 <= this.buf.length) {
      const size = this.buf.readUIntBE(o + 1, 3);
      if (o + 11 + size + 4 > this.buf.length) break;
      const type = this.buf[o]! & 0x1f;
      const ts = (this.buf.readUIntBE(o + 4, 3) | (this.buf[o + 7]! << 24)) >>> 0;
      const payload = Buffer.from(this.buf.subarray(o + 11, o + 11 + size));
      o += 11 + size + 4;
      if ((type === 8 || type === 9 || type === 18) && payload.length > 0)
        this.onFrame({ type, timestamp: ts, payload, ...classify(type, payload) });
    }
    this.buf = this.buf.subarray(o);
  }
}
