import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../src/adapters/relay/publish-file.js';
import { startRelay } from '../../src/services/relay.js';
import { FEED, Sink, freePort } from '../helpers/relay/helpers.js';
import { hasFfmpeg } from '../helpers/relay/servers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The relay on a free port, keyed `in`, to one TikTok-preset destination: a sink of our own. */
async function relayToTiktokSink(feedReportFile?: string) {
  const sink = await new Sink(await freePort(), 'k').start();
  cleanups.push(() => sink.stop());
  const port = await freePort();
  const relay = await startRelay({
    listen: { host: '127.0.0.1', port, app: 'live' },
    key: 'in',
    destinations: [{ name: 'tiktok', url: `rtmp://127.0.0.1:${sink.port}/live/k`, preset: 'tiktok' }],
    ...(feedReportFile ? { feedReportFile } : {}),
  });
  cleanups.push(() => relay.stop());
  return { port, relay };
}

describe.runIf(hasFfmpeg)('the relay checks the feed', () => {
  it("warns about OBS Simple mode's 250-frame keyframe interval (an ffmpeg encoder with -g 250) and a landscape picture for TikTok", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotcast-feedcheck-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const feed = join(dir, 'obs-simple.flv');
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=sample_rate=48000', '-t', '18', '-c:v', 'libx264', '-preset', 'ultrafast'],
      ...['-g', '250', '-pix_fmt', 'yuv420p', '-c:a', 'aac', feed],
    ]);
    const { port, relay } = await relayToTiktokSink();
    const lines: string[] = [];
    relay.subscribe((e) => {
      if (e.type === 'ingest') for (const w of e.ingest.warnings) lines.push(`${w.message}: ${w.fix}`);
    });
    const publishing = publishFlvFile(`rtmp://127.0.0.1:${port}/live/in`, feed, { realtime: true });
    const until = Date.now() + 25_000;
    while (lines.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(lines.find((l) => l.startsWith('keyframes every 8.3 s'))).toMatch(/Keyframe Interval 2 s/);
    expect(lines.find((l) => l.startsWith('the picture is landscape (320x180)'))).toMatch(
      /--transform vertical to tiktok/,
    );
    expect(relay.snapshot().ingest.video).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 30 });
    expect(relay.snapshot().ingest.audio).toMatchObject({ codec: 'aac', sampleRate: 48000 });
    await publishing;
  }, 40_000);

  it("a feed that needs no change in OBS is reported too (doctor's last-feed.json): it replaces what was said about the one before", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotcast-feedcheck-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const report = join(dir, 'last-feed.json');
    const { port } = await relayToTiktokSink(report);
    // Keyframes every 2 s, 360x640, AAC 44.1 kHz: nothing to change.
    await publishFlvFile(`rtmp://127.0.0.1:${port}/live/in`, FEED, { realtime: true });
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ keyframeIntervalMs: 2000, warnings: [] });
  }, 30_000);
});
