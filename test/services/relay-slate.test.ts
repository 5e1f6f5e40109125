import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../src/adapters/relay/publish-file.js';
import { startRelay, type RunningRelay } from '../../src/services/relay.js';
import { FEED, freePort } from '../helpers/relay/helpers.js';
import {
  ffmpegRecorder,
  hasFfmpeg,
  inspectRecording,
  longestGap,
  startNginxRtmp,
  waitListening,
} from '../helpers/relay/servers.js';

const cleanups: Array<() => unknown> = [];
// Every cleanup runs even when one throws: a relay that fails to stop must not leave nginx running.
afterEach(async () => {
  const failed: unknown[] = [];
  for (const c of cleanups.splice(0).reverse()) {
    try {
      await c();
    } catch (e) {
      failed.push(e);
    }
  }
  if (failed.length) throw failed[0];
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.runIf(hasFfmpeg)('slate: the platforms stay live while the encoder is gone', () => {
  it('nginx-rtmp (read back by an ffmpeg player) and an ffmpeg listen-mode ingest see one unbroken stream through a 12 s gap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotcast-slate-'));
    cleanups.push(() => (process.env.KEEP_SLATE ? undefined : rmSync(dir, { recursive: true, force: true })));
    if (process.env.KEEP_SLATE) console.log(dir);
    const nginx = await startNginxRtmp();
    cleanups.push(() => nginx.stop());
    const sinkPort = await freePort();
    const sink = ffmpegRecorder(`rtmp://127.0.0.1:${sinkPort}/live/sink-key`, join(dir, 'sink.flv'), { listen: true });
    cleanups.push(() => sink.stop());
    // Listening before the feed starts (ffmpeg takes a moment): refused, the destination would
    // join after its retry, on a still picture with sound up to the next keyframe. That start is
    // not what this test measures; the switches to and from the slate are.
    await waitListening(sinkPort);
    const port = await freePort();
    const relay: RunningRelay = await startRelay({
      listen: { host: '127.0.0.1', port, app: 'live' },
      key: 'ingest-key',
      destinations: [
        { name: 'nginx', url: `rtmp://127.0.0.1:${nginx.port}/live/show-key` },
        { name: 'ffmpeg', url: `rtmp://127.0.0.1:${sinkPort}/live/sink-key` },
      ],
      reconnectBaseMs: 200,
      reconnectCapMs: 1000,
      slate: { maxMinutes: 1, title: 'Sunday Thrift Drop' },
    });
    cleanups.push(() => relay.stop());
    const ingest = `rtmp://127.0.0.1:${port}/live/ingest-key`;
    const sources: string[] = [];
    relay.subscribe((e) => {
      if (e.type === 'destination' && e.destination.name === 'nginx') sources.push(e.destination.source);
    });

    // The feed starts once both platforms are connected (the relay connects them on the publish):
    // one that connects later, on a loaded machine, starts on a still picture up to the next
    // keyframe, and how a platform joins is not what this test measures.
    const first = publishFlvFile(ingest, FEED, {
      realtime: true,
      loops: 2,
      beforeMedia: () =>
        waitFor('both platforms connected', () => relay.snapshot().destinations.every((d) => d.state === 'live')),
    });
    await waitFor('nginx live', () => relay.snapshot().destinations[0]!.state === 'live');
    const player = ffmpegRecorder(`rtmp://127.0.0.1:${nginx.port}/live/show-key`, join(dir, 'player.flv'));
    cleanups.push(() => player.stop());
    await first;
    const goneAt = Date.now();
    await waitFor('slate', () => relay.snapshot().destinations.every((d) => d.source === 'slate'), 2000);
    const switchMs = Date.now() - goneAt;
    expect(switchMs).toBeLessThan(1000);
    expect(relay.snapshot().ingest.slateSince).not.toBeNull();
    await sleep(12_000);
    // Through the gap: the player and the ffmpeg ingest are still reading, nothing reconnected.
    expect(player.child.exitCode).toBeNull();
    expect(sink.child.exitCode).toBeNull();
    const second = publishFlvFile(ingest, FEED, { realtime: true, loops: 2 });
    await sleep(3000);
    const snap = relay.snapshot();
    expect(snap.destinations.map((d) => [d.source, d.reconnects, d.state])).toEqual([
      ['feed', 0, 'live'],
      ['feed', 0, 'live'],
    ]);
    expect(snap.ingest.gaps).toBe(1);
    expect(snap.ingest.slateMs).toBeGreaterThan(11_000);
    expect(snap.ingest.slateSince).toBeNull();
    await second;
    await player.stop();
    await relay.stop();
    await sink.exited;

    for (const file of ['player.flv', 'sink.flv']) {
      const rec = inspectRecording(join(dir, file));
      expect(rec.decodeErrors, file).toBe('');
      expect(rec.sizes, file).toEqual(['360x640']);
      // 8 s of feed, 12 s of slate, 8 s of feed: no pause longer than a few frames anywhere.
      expect(longestGap(rec.videoMs), file).toBeLessThan(400);
      expect(longestGap(rec.audioMs), file).toBeLessThan(400);
      // The ingest was there from the start; the player joins once nginx has the stream (later
      // on a busy machine), but it must span the 12 s of slate and feed on both sides.
      expect(rec.videoMs.at(-1)! - rec.videoMs[0]!, file).toBeGreaterThan(file === 'sink.flv' ? 25_000 : 20_000);
      for (let i = 1; i < rec.videoMs.length; i++) expect(rec.videoMs[i]!).toBeGreaterThanOrEqual(rec.videoMs[i - 1]!);
    }
    expect(sources).toContain('slate');
  }, 90_000);
});
