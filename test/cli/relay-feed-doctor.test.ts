import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../src/adapters/relay/publish-file.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { Sink, freePort } from '../helpers/relay/helpers.js';
import { startRelayProcess } from '../helpers/relay/relay-process.js';
import { hasFfmpeg } from '../helpers/relay/servers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe.runIf(hasFfmpeg)('lotcast relay tells OBS what to change; doctor says the same afterwards', () => {
  it('a keyframe every 250 frames (ffmpeg -g 250, like OBS Simple mode) is a relay line and a doctor finding', async () => {
    const feed = join(tmp.dir, 'simple-mode.flv');
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=180x320:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=sample_rate=48000', '-t', '18', '-c:v', 'libx264', '-preset', 'ultrafast'],
      ...['-g', '250', '-pix_fmt', 'yuv420p', '-c:a', 'aac', feed],
    ]);
    const sink = await new Sink(await freePort(), 'k').start();
    const relay = await startRelayProcess(tmp.dir, 'feedkey', [`rtmp://127.0.0.1:${sink.port}/live/k`]);
    try {
      await relay.waitFor(/Relay ready/);
      await publishFlvFile(`rtmp://127.0.0.1:${relay.port}/live/feedkey`, feed, { realtime: true });
      await relay.waitFor(
        /feed: keyframes every 8\.3 s .*Fix: OBS > Settings > Output: Output Mode "Advanced", Streaming tab, Keyframe Interval 2 s/,
      );
    } finally {
      await relay.stop();
      await sink.stop();
    }
    const doctor = await runCli(['doctor', '--json'], { dataDir: join(tmp.dir, 'data') });
    const feedFinding = JSON.parse(doctor.stdout).findings.find((f: { check: string }) => f.check === 'feed');
    expect(feedFinding).toMatchObject({ status: 'warn', fix: expect.stringMatching(/Keyframe Interval 2 s/) });
    expect(feedFinding.detail).toMatch(/^keyframes every 8\.3 s/);
  }, 60_000);
});
