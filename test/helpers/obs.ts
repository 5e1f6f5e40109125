// OBS Studio itself (Debian's obs-studio) as the seller's encoder: its config written into a temp
// folder (never the user's), run headless under xvfb-run with Mesa's software OpenGL, in a network
// namespace of its own whose one way out is a pipe to the relay (see relay/netns-bridge.mjs).
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const hasObs = onPath('obs') && onPath('xvfb-run');
/** A network namespace without root on the host: `unshare -rn` (a user namespace maps us to root in it). */
export const canIsolate = onPath('unshare') && spawnSync('unshare', ['-rn', 'true']).status === 0;

const bridgeScript = join(repoRoot, 'test/helpers/relay/netns-bridge.mjs');
// OBS 29.0.2 (Debian 12) as libobs numbers it: a config that has seen this version skips the
// first-run wizard.
const OBS_29_0_2 = (29 << 24) | 2;

export interface ObsProfile {
  name: string;
  /**
   * Unset: Output Mode "Simple" as OBS ships it (x264, keyframe interval left to x264: 250
   * frames). A number: Output Mode "Advanced", Streaming tab, Keyframe Interval in seconds.
   */
  keyframeIntervalSec?: number;
}

export interface ObsSetup {
  home: string;
  configHome: string;
}

/**
 * A 440 Hz tone for OBS's media source (there is no sound card): the AAC track. The picture is a
 * colour source: a moving clip would put scene cuts into the stream (its late first frame after
 * black, its loop), and x264 puts a keyframe at a cut, so the interval would not be OBS's setting.
 */
export function makeTestTone(file: string, seconds = 10): string {
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    ...['-t', String(seconds), '-c:a', 'aac', '-b:a', '64k', file],
  ]);
  return file;
}

/**
 * global.ini (first run done, no prompts), one profile per entry (640x360 at 30 fps, 600 kbps
 * x264, stream to a custom RTMP server) and a scene collection "lotcast": a colour over the whole
 * canvas and a media source playing the tone.
 */
export function writeObsConfig(
  dir: string,
  o: { server: string; key: string; tone: string; profiles: ObsProfile[] },
): ObsSetup {
  const home = join(dir, 'home');
  const configHome = join(dir, 'config');
  const obs = join(configHome, 'obs-studio');
  mkdirSync(home, { recursive: true });
  mkdirSync(join(obs, 'basic', 'scenes'), { recursive: true });
  const first = o.profiles[0]!.name;
  writeFileSync(
    join(obs, 'global.ini'),
    ini({
      General: {
        FirstRun: 'true',
        LastVersion: String(OBS_29_0_2),
        EnableAutoUpdates: 'false',
        ConfirmOnExit: 'false',
        WarnBeforeStartingStream: 'false',
        WarnBeforeStoppingStream: 'false',
        Pre19Defaults: 'false',
        Pre21Defaults: 'false',
        Pre23Defaults: 'false',
        'Pre24.1Defaults': 'false',
      },
      Basic: { Profile: first, ProfileDir: first, SceneCollection: 'lotcast', SceneCollectionFile: 'lotcast' },
    }),
  );
  for (const p of o.profiles) {
    const profileDir = join(obs, 'basic', 'profiles', p.name);
    mkdirSync(profileDir, { recursive: true });
    const advanced = p.keyframeIntervalSec !== undefined;
    writeFileSync(
      join(profileDir, 'basic.ini'),
      ini({
        General: { Name: p.name },
        Video: { BaseCX: '640', BaseCY: '360', OutputCX: '640', OutputCY: '360', FPSType: '0', FPSCommon: '30' },
        Audio: { SampleRate: '48000', ChannelSetup: 'Stereo' },
        Output: { Mode: advanced ? 'Advanced' : 'Simple' },
        ...(advanced
          ? { AdvOut: { Encoder: 'obs_x264', AudioEncoder: 'ffmpeg_aac', TrackIndex: '1', Track1Bitrate: '128' } }
          : { SimpleOutput: { StreamEncoder: 'x264', VBitrate: '600', ABitrate: '128' } }),
      }),
    );
    if (advanced)
      writeFileSync(
        join(profileDir, 'streamEncoder.json'),
        JSON.stringify({ rate_control: 'CBR', bitrate: 600, keyint_sec: p.keyframeIntervalSec, preset: 'veryfast' }),
      );
    writeFileSync(
      join(profileDir, 'service.json'),
      JSON.stringify({
        type: 'rtmp_custom',
        settings: { server: o.server, key: o.key, use_auth: false, bwtest: false },
      }),
    );
  }
  writeFileSync(
    join(obs, 'basic', 'scenes', 'lotcast.json'),
    JSON.stringify({
      name: 'lotcast',
      current_scene: 'Scene',
      current_program_scene: 'Scene',
      scene_order: [{ name: 'Scene' }],
      sources: [
        {
          id: 'scene',
          versioned_id: 'scene',
          name: 'Scene',
          settings: {
            id_counter: 2,
            custom_size: false,
            items: [
              { name: 'Colour', id: 1, visible: true, pos: { x: 0, y: 0 }, scale: { x: 1, y: 1 }, align: 5 },
              { name: 'Tone', id: 2, visible: true, pos: { x: 0, y: 0 }, scale: { x: 1, y: 1 }, align: 5 },
            ],
          },
        },
        {
          id: 'color_source',
          versioned_id: 'color_source_v3',
          name: 'Colour',
          // ABGR
          settings: { color: 0xff3c8ce6, width: 640, height: 360 },
        },
        {
          id: 'ffmpeg_source',
          versioned_id: 'ffmpeg_source',
          name: 'Tone',
          settings: { local_file: o.tone, is_local_file: true, looping: true, hw_decode: false },
        },
      ],
      transitions: [],
      current_transition: 'Fade',
      transition_duration: 300,
    }),
  );
  return { home, configHome };
}

function ini(sections: Record<string, Record<string, string>>): string {
  return Object.entries(sections)
    .map(
      ([name, keys]) =>
        `[${name}]\n${Object.entries(keys)
          .map(([k, v]) => `${k}=${v}\n`)
          .join('')}`,
    )
    .join('\n');
}

export interface RunningObs {
  /** OBS's log (stdout and stderr) so far. */
  out(): string;
  waitFor(re: RegExp, ms?: number): Promise<void>;
  /** Connections OBS opened to the relay. */
  connections(): number;
  /** A network blip: OBS's connection to the relay is cut (both ends see it close). */
  cut(): void;
  /** "Stop Streaming" (SIGINT: OBS stops its outputs and quits), then everything it started is killed. */
  stop(): Promise<void>;
}

/**
 * `xvfb-run obs --startstreaming --profile NAME --collection lotcast`, OBS's server being
 * rtmp://127.0.0.1:obsPort, piped to the relay on 127.0.0.1:relayPort. In a network namespace with
 * only a loopback where `unshare -rn` is allowed (OBS can reach nothing else at all); elsewhere on
 * the host, with every proxy variable pointing at a closed loopback port: OBS's one other connection,
 * rtmp-services' update check (libcurl), then fails on 127.0.0.1 without a DNS lookup.
 */
export async function startObs(
  setup: ObsSetup,
  profile: string,
  ports: { obsPort: number; relayPort: number },
  dir: string,
): Promise<RunningObs> {
  const isolated = canIsolate && !process.env.LOTCAST_OBS_NO_NETNS;
  // The host end of the pipe: a Unix socket (a file, so it crosses the namespace), or OBS's port.
  const socketPath = join(dir, `obs-${profile}.sock`);
  rmSync(socketPath, { force: true });
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const bridge = net.createServer((obsSide) => {
    connections++;
    const relaySide = net.connect(ports.relayPort, '127.0.0.1');
    obsSide.pipe(relaySide);
    relaySide.pipe(obsSide);
    for (const s of [obsSide, relaySide]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => {
        sockets.delete(s);
        obsSide.destroy();
        relaySide.destroy();
      });
    }
  });
  await new Promise<void>((r) =>
    isolated ? bridge.listen(socketPath, r) : bridge.listen(ports.obsPort, '127.0.0.1', () => r()),
  );

  const obs = [
    ...['xvfb-run', '-a', '-s', '-screen 0 1024x768x24 -nolisten tcp'],
    // The shell says OBS's pid and display, so stop() can ask OBS itself to stop streaming.
    ...['sh', '-c', 'echo "obs pid $$ display $DISPLAY"; exec obs "$@"', 'obs'],
    ...['--startstreaming', '--profile', profile, '--collection', 'lotcast'],
    ...['--multi', '--disable-missing-files-check', '--disable-updater'],
  ];
  const deadProxy = 'http://127.0.0.1:9';
  const child: ChildProcess = spawn(
    isolated ? 'unshare' : obs[0]!,
    isolated ? ['-rn', process.execPath, bridgeScript, String(ports.obsPort), socketPath, '--', ...obs] : obs.slice(1),
    {
      // Its own process group: stop() ends OBS, Xvfb and the bridge together.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Nothing of the user's session: no display, no D-Bus, no Wayland, no config.
      env: {
        PATH: process.env.PATH,
        HOME: setup.home,
        XDG_CONFIG_HOME: setup.configHome,
        LANG: 'C.UTF-8',
        LIBGL_ALWAYS_SOFTWARE: '1',
        // xvfb-run's auth file: in the test's folder, gone with it even if Xvfb is killed.
        TMPDIR: dir,
        QT_QPA_PLATFORM: 'xcb',
        ...Object.fromEntries(
          ['http_proxy', 'https_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY'].map((k) => [
            k,
            deadProxy,
          ]),
        ),
      },
    },
  );
  const group = child.pid!;
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let gone = false;
  void exited.then(() => (gone = true));
  const killGroup = () => {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const groupAlive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  // A test runner that exits without afterAll (a crash, Ctrl-C) still takes OBS with it.
  process.once('exit', killGroup);

  const waitFor = async (re: RegExp, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until || gone) throw new Error(`OBS: no ${re}${gone ? ' (OBS exited)' : ''} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  let stopped: Promise<void> | null = null;
  return {
    out: () => out,
    waitFor,
    connections: () => connections,
    cut: () => {
      for (const s of sockets) s.destroy();
    },
    stop: () => {
      stopped ??= (async () => {
        const m = /obs pid (\d+) display :(\d+)/.exec(out);
        if (m && !gone) {
          try {
            process.kill(Number(m[1]), 'SIGINT');
          } catch {
            // OBS already gone.
          }
        }
        // xvfb-run ends Xvfb when OBS has quit; Xvfb then removes its lock. Whatever is left after
        // a few seconds is killed.
        const until = Date.now() + (m ? 6000 : 0);
        while (groupAlive() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        killGroup();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        process.removeListener('exit', killGroup);
        if (m) removeStaleDisplay(m[2]!);
        for (const s of sockets) s.destroy();
        await new Promise((r) => bridge.close(() => r(undefined)));
      })();
      return stopped;
    },
  };
}

/** A killed Xvfb leaves its lock and socket behind: removed once the pid in the lock is gone. */
function removeStaleDisplay(display: string): void {
  const lock = `/tmp/.X${display}-lock`;
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(lock, 'utf8').trim(), 10);
  } catch {
    return;
  }
  try {
    process.kill(pid, 0);
    return;
  } catch {
    for (const f of [lock, `/tmp/.X11-unix/X${display}`]) rmSync(f, { force: true });
  }
}
