import { spawn, spawnSync } from 'node:child_process';
import { ConfigError, LotcastError } from '../core/errors.js';

/** ffmpeg on PATH (or LOTCAST_FFMPEG); a config error saying what to install when absent. */
export function requireFfmpeg(): string {
  const bin = process.env.LOTCAST_FFMPEG || 'ffmpeg';
  const probe = spawnSync(bin, ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new ConfigError('ffmpeg is not installed; lotcast needs it to cut clips.', {
      hint: 'Install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg), or point LOTCAST_FFMPEG at it.',
    });
  }
  return bin;
}

/** Cuts [startS, startS+lengthS) of a recording into `out` without re-encoding. */
export function cutClip(ffmpeg: string, input: string, startS: number, lengthS: number, out: string): Promise<void> {
  // -ss before -i seeks on keyframes (fast; the clip may start up to one GOP earlier);
  // stream copy keeps the original quality and takes a fraction of a second.
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-ss',
    startS.toFixed(3),
    '-i',
    input,
    '-t',
    lengthS.toFixed(3),
    '-c',
    'copy',
    '-avoid_negative_ts',
    'make_zero',
    '-movflags',
    '+faststart',
    out,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new LotcastError(`ffmpeg could not cut ${out}: ${err.trim().split('\n').at(-1) ?? `exit ${code}`}`, {
              hint: 'Check that the recording plays (ffplay FILE) and is not still being written.',
            }),
          ),
    );
  });
}
