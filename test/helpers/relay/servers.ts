import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support.mjs';

const NGINX_RTMP = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

// Debian puts nginx in /usr/sbin, which is not on every user's PATH.
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

async function waitPort(port: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/** Debian's nginx-rtmp as a platform ingest: its own prefix and conf in a temp folder, one process. */
export async function startNginxRtmp(): Promise<{ port: number; stop: () => Promise<void>; log: () => string }> {
  if (spawnSync(NGINX, ['-v']).status !== 0 || !existsSync(NGINX_RTMP))
    throw new Error('nginx-rtmp is not installed: apt-get install nginx libnginx-mod-rtmp (.ci/run does)');
  const prefix = mkdtempSync(join(tmpdir(), 'lotcast-nginx-'));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `load_module ${NGINX_RTMP};
daemon off; master_process off; worker_processes 1; pid ${prefix}/nginx.pid; error_log stderr warn;
events { worker_connections 64; }
rtmp { server { listen 127.0.0.1:${port}; chunk_size 4096; application live { live on; } } }
`,
  );
  let log = '';
  const child = spawn(NGINX, ['-p', prefix, '-e', 'stderr', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  await waitPort(port);
  return {
    port,
    log: () => log,
    stop: async () => {
      await stopChild(child, 'SIGQUIT');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/**
 * Until something listens on 127.0.0.1:`port`, read from the kernel's socket table: a test
 * connection would be the one client an ffmpeg `-listen 1` ingest accepts.
 */
export async function waitListening(port: number, ms = 10_000): Promise<void> {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const until = Date.now() + ms;
  // Columns: sl, local_address, rem_address, st (0A is LISTEN).
  const listening = () =>
    readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .some((line) => {
        const cols = line.trim().split(/\s+/);
        return cols[1] === local && cols[3] === '0A';
      });
  while (!listening()) {
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** ffmpeg reading a stream and copying it to an FLV file (a player, or a listen-mode ingest). */
export function ffmpegRecorder(
  input: string,
  file: string,
  o: { listen?: boolean } = {},
): { child: ChildProcess; exited: Promise<number | null>; stop: () => Promise<void>; log: () => string } {
  let log = '';
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'warning',
      ...(o.listen ? ['-listen', '1'] : ['-rw_timeout', '30000000']),
      '-i',
      input,
      '-c',
      'copy',
      '-f',
      'flv',
      '-y',
      file,
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  // 'q' may reach an ffmpeg that is already finishing.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    exited,
    log: () => log,
    // 'q' lets ffmpeg finish the file properly.
    stop: async () => {
      if (child.exitCode !== null) return;
      child.stdin!.write('q');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      await stopChild(child, 'SIGKILL');
    },
  };
}

/** Video and audio packet decode times (ms) and whether a full decode of the file reports any error. */
export function inspectRecording(file: string): {
  videoMs: number[];
  audioMs: number[];
  decodeErrors: string;
  sizes: string[];
} {
  const times = (sel: string) =>
    spawnSync(
      'ffprobe',
      ['-v', 'error', '-select_streams', sel, '-show_entries', 'packet=dts_time', '-of', 'csv=p=0', file],
      {
        encoding: 'utf8',
      },
    )
      .stdout.trim()
      .split('\n')
      .map((t) => Number.parseFloat(t))
      .filter((t) => Number.isFinite(t))
      .map((t) => Math.round(t * 1000));
  const videoMs = times('v');
  const audioMs = times('a');
  // Frames as they are, in ms: the decoders and any presentation time going back are reported,
  // not a constant-rate output's own re-timing.
  const decode = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-fps_mode', 'passthrough', '-enc_time_base:v', '1:1000', '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const frames = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=width,height', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  return {
    videoMs,
    audioMs,
    decodeErrors: decode.status === 0 ? decode.stderr.trim() : `exit ${decode.status}: ${decode.stderr}`,
    sizes: [
      ...new Set(
        frames.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(',').slice(0, 2).join('x'))
          .filter((l) => /^\d+x\d+$/.test(l)),
      ),
    ],
  };
}

/** The longest pause between consecutive packets. */
export function longestGap(ms: number[]): number {
  let gap = 0;
  for (let i = 1; i < ms.length; i++) gap = Math.max(gap, ms[i]! - ms[i - 1]!);
  return gap;
}
