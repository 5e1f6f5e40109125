import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../src/adapters/relay/publish-file.js';
import { startRelay } from '../../src/services/relay.js';
import { Sink, feedDigest, freePort } from '../helpers/relay/helpers.js';
import { ffmpegRecorder, hasFfmpeg, inspectRecording } from '../helpers/relay/servers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(hasFfmpeg)('a destination with a transform (its own ffmpeg)', () => {
  it('gets a vertical crop of a landscape feed while the others stay byte copies; an ffmpeg that dies restarts and disturbs no one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotcast-transform-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const feed = join(dir, 'landscape.flv');
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '4'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', feed],
    ]);
    const plain = await new Sink(await freePort(), 'plain').start();
    const crashing = await new Sink(await freePort(), 'crash').start();
    cleanups.push(
      () => plain.stop(),
      () => crashing.stop(),
    );
    const verticalPort = await freePort();
    const vertical = ffmpegRecorder(`rtmp://127.0.0.1:${verticalPort}/live/vert`, join(dir, 'vertical.flv'), {
      listen: true,
    });
    cleanups.push(() => vertical.stop());
    const port = await freePort();
    const relay = await startRelay({
      listen: { host: '127.0.0.1', port, app: 'live' },
      key: 'k',
      destinations: [
        { name: 'youtube', url: `rtmp://127.0.0.1:${plain.port}/live/plain` },
        { name: 'tiktok', url: `rtmp://127.0.0.1:${verticalPort}/live/vert`, transform: 'vertical,bitrate=200' },
        { name: 'whatnot', url: `rtmp://127.0.0.1:${crashing.port}/live/crash`, transform: 'bitrate=200' },
      ],
      reconnectBaseMs: 200,
    });
    cleanups.push(() => relay.stop());
    const errors: string[] = [];
    relay.subscribe((e) => e.type === 'destination' && e.destination.lastError && errors.push(e.destination.lastError));
    const publishing = publishFlvFile(`rtmp://127.0.0.1:${port}/live/k`, feed, { realtime: true, loops: 4 });
    await crashing.waitFor(/"publish"/);
    // Its ffmpeg is encoding (slow to start on a busy machine): frames are arriving.
    let before = 0;
    for (const until = Date.now() + 15_000; before < 30 && Date.now() < until; await sleep(200))
      before = (await crashing.report()).videoFrames;
    expect(before).toBeGreaterThanOrEqual(30);
    const pid = relay.transformPids().whatnot!;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL'); // the whatnot leg's own ffmpeg, which this relay started
    await publishing;
    await sleep(1500);

    const expected = feedDigest(feed);
    const p = await plain.report();
    // Every video frame; the audio too, but for any that came before the feed's first keyframe.
    expect(p.videoFrames).toBe(expected.videoFrames * 4);
    expect(p.audioFrames).toBeGreaterThanOrEqual(expected.audioFrames * 4 - 2);
    const c = await crashing.report();
    expect(c.publishes).toBe(1); // same connection to the platform throughout
    expect(c.videoFrames).toBeGreaterThan(before + 60); // encoding again after the restart
    expect(errors.some((e) => /^transform: ffmpeg exited/.test(e))).toBe(true);
    expect(relay.snapshot().destinations.map((d) => d.reconnects)).toEqual([0, 0, 0]);

    await relay.stop();
    await vertical.exited;
    const rec = inspectRecording(join(dir, 'vertical.flv'));
    expect(rec.decodeErrors).toBe('');
    expect(rec.sizes).toEqual(['100x180']);
    expect(rec.videoMs.at(-1)! - rec.videoMs[0]!).toBeGreaterThan(9000);
  }, 60_000);
});
