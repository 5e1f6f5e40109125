import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('lotcast demo (built CLI, no TTY)', () => {
  it('runs the sample show with buyers on both channels and one oversell from the last-unit race', async () => {
    const r = await runCli(['demo', '--duration', '5s', '--json'], { dataDir: tmp.dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.channels.whatnot.orders).toBeGreaterThan(0);
    expect(s.channels.tiktok.orders).toBeGreaterThan(0);
    expect(s.oversells).toHaveLength(1);
    // The stream part: the bundled feed went through lotcast's relay to both stand-in ingests,
    // every frame the relay sent arrived, starting on a keyframe.
    expect(s.stream.framesPublished).toBeGreaterThan(100);
    expect(s.stream.destinations.map((x: { name: string }) => x.name)).toEqual(['tiktok', 'whatnot']);
    for (const x of s.stream.destinations) {
      expect(x.framesSent).toBeGreaterThan(30);
      expect(x.received.videoFrames).toBe(x.framesSent);
      expect(x.received.firstVideoKeyframe).toBe(true);
      expect(x.framesDropped).toBe(0);
    }
    expect(r.stdout).not.toMatch(/standin_|demo_[0-9a-f]{16}/);
    // The demo store is a real lotcast store: the show is ended and queryable.
    const status = JSON.parse((await runCli(['--data-dir', s.dataDir, 'show', 'status', 'demo', '--json'])).stdout);
    expect(status.show.ended).toBe(true);
    expect(status.totals.orders).toBe(s.sales);
  });

  it('prints one line per event and the summary in plain mode', async () => {
    const r = await runCli(['demo', '--duration', '3s', '--plain'], { dataDir: tmp.dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/show started: Demo Thrift Drop/);
    expect(r.stdout).toMatch(/SALE (Whatnot|TikTok) /);
    expect(r.stdout).toMatch(/Show Demo Thrift Drop \(demo\) summary:/);
    expect(r.stdout).toMatch(/stream 1\. tiktok live/);
    expect(r.stdout).toMatch(/stream 2\. whatnot live/);
    expect(r.stdout).toMatch(/whatnot +sent \d+ video frames .* stand-in received \d+ video/);
    // Everything it started has stopped: the ports it announced are closed again.
    const port = Number(/relay rtmp:\/\/127\.0\.0\.1:(\d+)\/live/.exec(r.stdout)?.[1]);
    expect(port).toBeGreaterThan(0);
    await expect(new Promise((resolve, reject) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); reject(new Error('still listening')); });
      sock.once('error', resolve);
    })).resolves.toBeDefined();
  });

  it('--no-relay leaves the stream part out', async () => {
    const r = await runCli(['demo', '--duration', '2s', '--json', '--no-relay'], { dataDir: tmp.dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stream).toBeNull();
  });
});
