import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelayFrame } from '../../core/relay/frames.js';
import { parseFlv } from './flv.js';
import { RelayError } from '../../core/errors.js';

/** What the slate must match so a platform sees one stream: the feed's own picture and sound. */
export interface SlateSpec {
  width: number;
  height: number;
  fps: number;
  /** H.264 profile_idc of the feed (66, 77, 100); x264's high when unknown. */
  profile?: number;
  sampleRate: number;
  channels: number;
  /** The seller's own still (relay.slate.image); otherwise a plain card with the text below. */
  image?: string;
  title?: string;
}

/** A short loop of slate, encoded once per feed shape; the relay plays it in real time. */
export interface SlateClip {
  key: string;
  videoHeader: RelayFrame;
  audioHeader: RelayFrame;
  /** Media frames (one closed GOP starting on a keyframe); timestamps are replaced on playback. */
  video: RelayFrame[];
  audio: RelayFrame[];
  fps: number;
  sampleRate: number;
  /** Wall time the encode took, ms. */
  encodeMs: number;
}

const SECONDS = 2;

export function slateKey(s: SlateSpec): string {
  return `${s.width}x${s.height}@${s.fps}/p${s.profile ?? 0}/${s.sampleRate}x${s.channels}/${s.image ?? ''}/${s.title ?? ''}`;
}

/** Whether ffmpeg runs at all (the slate and transforms need it; the plain relay does not). */
export function ffmpegWorks(bin = 'ffmpeg'): boolean {
  return spawnSync(bin, ['-version'], { stdio: 'ignore' }).status === 0;
}

function rate(fps: number): string {
  const ntsc: Record<string, string> = { '23.976': '24000/1001', '29.97': '30000/1001', '59.94': '60000/1001' };
  return ntsc[String(fps)] ?? String(fps);
}

const PROFILES: Record<number, string> = { 66: 'baseline', 77: 'main', 100: 'high' };

/** ffmpeg's arguments for the slate; `text` false leaves the card without words (no drawtext). */
function slateArgs(s: SlateSpec, textFiles: { big: string; small: string } | null): string[] {
  const size = `${s.width}x${s.height}`;
  const fit = `scale=${s.width}:${s.height}:force_original_aspect_ratio=decrease,pad=${s.width}:${s.height}:(ow-iw)/2:(oh-ih)/2:color=0x15171f`;
  const unit = Math.min(s.width, s.height);
  const text = textFiles
    ? `,drawtext=textfile=${textFiles.big}:fontcolor=white:fontsize=${Math.round(unit / 10)}:x=(w-tw)/2:y=(h-th)/2-${Math.round(unit / 12)}` +
      `,drawtext=textfile=${textFiles.small}:fontcolor=0xb8bcc8:fontsize=${Math.round(unit / 22)}:x=(w-tw)/2:y=(h-th)/2+${Math.round(unit / 12)}`
    : '';
  const keyint = String(Math.max(1, Math.round(s.fps * SECONDS)));
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    ...(s.image
      ? ['-loop', '1', '-framerate', rate(s.fps), '-i', s.image]
      : ['-f', 'lavfi', '-i', `color=c=0x15171f:s=${size}:r=${rate(s.fps)}`]),
    '-f',
    'lavfi',
    '-i',
    `anullsrc=r=${s.sampleRate}:cl=${s.channels === 1 ? 'mono' : 'stereo'}`,
    '-t',
    String(SECONDS),
    '-vf',
    `${fit},format=yuv420p${s.image ? '' : text}`,
    '-r',
    rate(s.fps),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'stillimage',
    ...(PROFILES[s.profile ?? 0] ? ['-profile:v', PROFILES[s.profile ?? 0]!] : []),
    '-bf',
    '0',
    '-g',
    keyint,
    '-keyint_min',
    keyint,
    '-sc_threshold',
    '0',
    '-crf',
    '22',
    // SPS/PPS inside every keyframe too: receivers that ignore a new sequence header still decode.
    '-x264-params',
    'repeat-headers=1',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ar',
    String(s.sampleRate),
    '-ac',
    String(s.channels),
    '-f',
    'flv',
    '-flvflags',
    'no_duration_filesize',
    'pipe:1',
  ];
}

function run(bin: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err = (err + d).slice(-2000);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new RelayError(`ffmpeg exited ${code ?? 'on a signal'}: ${err.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

/**
 * Encodes two seconds of slate with ffmpeg: the still (or a card saying "Be right back" and the
 * show's name) and silence, at the feed's size, frame rate, H.264 profile, audio rate and
 * channels; one keyframe at the start so the loop can repeat seamlessly.
 */
export async function encodeSlate(s: SlateSpec, o: { ffmpeg?: string; timeoutMs?: number } = {}): Promise<SlateClip> {
  const started = Date.now();
  const bin = o.ffmpeg ?? 'ffmpeg';
  const timeout = o.timeoutMs ?? 30_000;
  let flv: Buffer;
  if (s.image) flv = await run(bin, slateArgs(s, null), timeout);
  else {
    // Text goes through files: no escaping of a show's name inside a filter graph.
    const dir = mkdtempSync(join(tmpdir(), 'lotcast-slate-'));
    try {
      const files = { big: join(dir, 'big.txt'), small: join(dir, 'small.txt') };
      writeFileSync(files.big, 'Be right back');
      writeFileSync(files.small, (s.title ?? '').slice(0, 60) || 'The show continues in a moment');
      // An ffmpeg without drawtext (no freetype or fonts) still gets a plain card.
      flv = await run(bin, slateArgs(s, files), timeout).catch(() => run(bin, slateArgs(s, null), timeout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const frames = parseFlv(flv, 'the slate ffmpeg made');
  const videoHeader = frames.find((f) => f.type === 9 && f.header);
  const audioHeader = frames.find((f) => f.type === 8 && f.header);
  const video = frames.filter((f) => f.type === 9 && !f.header);
  const audio = frames.filter((f) => f.type === 8 && !f.header);
  if (!videoHeader || !audioHeader || video.length === 0 || !video[0]!.keyframe || audio.length === 0)
    throw new RelayError('ffmpeg made no usable slate (no H.264 + AAC with a keyframe first)');
  return {
    key: slateKey(s),
    videoHeader,
    audioHeader,
    video,
    audio,
    fps: s.fps,
    sampleRate: s.sampleRate,
    encodeMs: Date.now() - started,
  };
}
