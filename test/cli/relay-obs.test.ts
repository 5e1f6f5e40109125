import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestStatus } from '../../src/core/relay-types.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { type RunningObs, hasObs, makeTestTone, startObs, writeObsConfig } from '../helpers/obs.js';
import { freePort } from '../helpers/relay/helpers.js';
import { startRelayProcess } from '../helpers/relay/relay-process.js';
import { ffmpegRecorder, inspectRecording, startNginxRtmp } from '../helpers/relay/servers.js';

const tmp = tempDir('lotcast-obs-');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
// Also after a failed assertion: OBS (its whole process group), the relay, nginx and the player.
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  if (process.env.KEEP_OBS) console.log(`kept ${tmp.dir}`);
  else tmp.cleanup();
});

const INGEST_KEY = 'lc_obs_ingest_7f3a9c';
const PLATFORM_KEY = 'platform-key-5d1e8b';

type Event = { type: string; ingest?: IngestStatus };

/** Keyframe times (ms) of a recording's video. */
function keyframesMs(file: string): number[] {
  const r = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=dts_time,flags', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  return r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.includes(',K'))
    .map((l) => Math.round(Number.parseFloat(l) * 1000));
}

function streams(file: string): string[] {
  const r = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=codec_name,width,height,sample_rate', '-of', 'compact=p=0:nk=1', file],
    { encoding: 'utf8' },
  );
  return r.stdout.trim().split('\n');
}

function meanVolumeDb(file: string): number {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-i', file, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  return Number.parseFloat(/mean_volume: (-?[\d.]+) dB/.exec(r.stderr)?.[1] ?? '-inf');
}

// OBS Studio only runs where it is installed; CI installs it (.ci/run) and says so, and there a missing OBS fails.
const required = Boolean(process.env.LOTCAST_REQUIRE_OBS || process.env.CI);
describe.runIf(hasObs || required)('OBS Studio 29 itself streams into `lotcast relay` (built CLI)', () => {
  it("Simple mode's 250-frame keyframe interval is reported with the OBS setting to change; after the change (2 s) the warning goes; OBS reconnecting after a blip is spliced in; nginx-rtmp gets one decodable stream", async () => {
    if (!hasObs) throw new Error('OBS Studio is not installed: apt-get install obs-studio xvfb (.ci/run does)');
    const tone = makeTestTone(join(tmp.dir, 'tone.m4a'));
    const nginx = await startNginxRtmp();
    cleanups.push(() => nginx.stop());
    const relay = await startRelayProcess(
      tmp.dir,
      INGEST_KEY,
      [`rtmp://127.0.0.1:${nginx.port}/live/${PLATFORM_KEY}`],
      ['--json', '--stats-every', '1'],
    );
    cleanups.push(() => relay.kill());
    const events = (): Event[] =>
      relay
        .out()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Event);
    // A platform's viewer: reads the stream back from nginx into a file.
    const player = ffmpegRecorder(`rtmp://127.0.0.1:${nginx.port}/live/${PLATFORM_KEY}`, join(tmp.dir, 'player.flv'));
    cleanups.push(() => player.stop());
    // OBS's own view of the server; startObs pipes it to the relay.
    const obsPort = await freePort();
    const setup = writeObsConfig(join(tmp.dir, 'obs'), {
      server: `rtmp://127.0.0.1:${obsPort}/live`,
      key: INGEST_KEY,
      tone,
      profiles: [{ name: 'simple' }, { name: 'keyint2', keyframeIntervalSec: 2 }],
    });
    const run = async (profile: string): Promise<RunningObs> => {
      const obs = await startObs(setup, profile, { obsPort, relayPort: relay.port }, tmp.dir);
      cleanups.push(() => obs.stop());
      await obs.waitFor(/==== Streaming Start/, 30_000);
      return obs;
    };

    // 1. OBS as it ships: Output Mode "Simple".
    const simple = await run('simple');
    expect(simple.out()).toMatch(/keyint:\s+250\b/);
    await relay.waitFor(/"code":"keyframes"/, 20_000);
    const warned = events().find((e) => e.type === 'ingest' && e.ingest!.warnings.length > 0)!.ingest!;
    expect(warned.warnings).toEqual([
      {
        code: 'keyframes',
        message: expect.stringMatching(/^keyframes every 8\.3 s \(platforms ask for 2 s/),
        fix: 'OBS > Settings > Output: Output Mode "Advanced", Streaming tab, Keyframe Interval 2 s',
      },
    ]);
    expect(warned.video).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: 30 });
    expect(warned.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 });
    // "Stop Streaming" in OBS: the relay sees the publish end.
    await simple.stop();
    await relay.waitFor(/"type":"ingest".*"state":"waiting"/);
    const firstRunEvents = events().length;

    // 2. The fix the warning names: Advanced mode, Keyframe Interval 2 s. Same relay, same platform connection.
    const fixed = await run('keyint2');
    expect(fixed.out()).toMatch(/keyint:\s+60\b/);
    const judged = async () => {
      const until = Date.now() + 20_000;
      for (;;) {
        const later = events().slice(firstRunEvents);
        const i = later.findIndex(
          (e) => e.type === 'status' && e.ingest!.state === 'live' && e.ingest!.keyframeIntervalMs !== null,
        );
        // Two more keyframes after the first measured interval.
        if (i >= 0 && later.slice(i).filter((e) => e.type === 'status').length >= 5) return later;
        if (Date.now() > until) throw new Error(`no keyframe interval measured in:\n${relay.out()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const second = await judged();
    for (const e of second.filter((x) => x.ingest?.state === 'live')) {
      expect(e.ingest!.warnings).toEqual([]);
      if (e.ingest!.keyframeIntervalMs !== null) expect(e.ingest!.keyframeIntervalMs).toBeCloseTo(2000, -2);
    }

    // 3. A network blip mid-GOP: OBS reconnects by itself (its default, 2 s later) and the platform
    // stream goes on, its timestamps and B-frames spliced.
    const beforeBlip = events().length;
    fixed.cut();
    await fixed.waitFor(/Reconnecting in [\d.]+ seconds/);
    await fixed.waitFor(/Connection to rtmp:\/\/127\.0\.0\.1:\d+\/live successful[\s\S]*Connection to rtmp/);
    const blip = async () => {
      const until = Date.now() + 20_000;
      for (;;) {
        const later = events().slice(beforeBlip);
        const back = later.findIndex((e) => e.type === 'ingest' && e.ingest!.state === 'live');
        // Live again, and a few seconds of the reconnected feed through the relay.
        if (back >= 0 && later.slice(back).filter((e) => e.type === 'status').length >= 4) return later;
        if (Date.now() > until) throw new Error(`OBS did not come back:\n${relay.out()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const afterBlip = await blip();
    expect(afterBlip.filter((e) => e.type === 'ingest').map((e) => e.ingest!.state)).toEqual(['waiting', 'live']);
    // The viewer leaves while the stream still flows ('q' is read between packets), then OBS stops.
    await player.stop();
    await fixed.stop();
    expect(simple.connections()).toBe(1);
    expect(fixed.connections()).toBe(2);

    expect(await relay.stop()).toBe(0);
    // Secrets never in the relay's output (OBS's own log is OBS's business).
    expect(relay.out()).not.toContain(INGEST_KEY);
    expect(relay.out()).not.toContain(PLATFORM_KEY);
    const summary = events().find((e) => e.type === 'summary') as unknown as {
      destinations: Array<{ framesSent: number; reconnects: number; state: string }>;
    };
    expect(summary.destinations[0]).toMatchObject({ reconnects: 0 });

    // What the platform got: the three OBS connections as one stream, H.264 640x360 and AAC 48 kHz, decoding cleanly.
    const file = join(tmp.dir, 'player.flv');
    const rec = inspectRecording(file);
    expect(rec.decodeErrors).toBe('');
    expect(rec.sizes).toEqual(['640x360']);
    for (let i = 1; i < rec.videoMs.length; i++) expect(rec.videoMs[i]!).toBeGreaterThanOrEqual(rec.videoMs[i - 1]!);
    expect(streams(file)).toEqual(['h264|640|360', 'aac|48000']);
    expect(rec.audioMs.length).toBeGreaterThan(100);
    // The sound is the tone OBS played, not the silence of an empty mix.
    expect(meanVolumeDb(file)).toBeGreaterThan(-40);
    const keys = keyframesMs(file);
    const gaps = keys.slice(1).map((k, i) => k - keys[i]!);
    // OBS did what each profile says: 250 frames (8.3 s at 30 fps), then 2 s.
    expect(gaps.filter((g) => Math.abs(g - 8333) <= 34).length).toBeGreaterThanOrEqual(1);
    expect(gaps.filter((g) => Math.abs(g - 2000) <= 34).length).toBeGreaterThanOrEqual(2);

    // doctor reads the last relay run: the feed needed no change after the fix.
    const doctor = await runCli(['doctor', '--json'], { dataDir: join(tmp.dir, 'data') });
    const feed = JSON.parse(doctor.stdout).findings.filter((f: { check: string }) => f.check === 'feed');
    expect(feed).toEqual([expect.objectContaining({ status: 'ok' })]);
  }, 90_000);
});
