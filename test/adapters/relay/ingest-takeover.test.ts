import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlvWriter, readFlv } from '../../../src/adapters/relay/flv.js';
import { publishFlvFile } from '../../../src/adapters/relay/publish-file.js';
import { startRelay } from '../../../src/services/relay.js';
import { tempDir } from '../../helpers/cli.js';
import { FEED, Sink, feedDigest, freePort } from '../../helpers/relay/helpers.js';

const tmp = tempDir();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The feed with a different AVC sequence header: an encoder that came back with new settings. */
function feedWithNewVideoHeader(): string {
  const file = join(tmp.dir, `changed-${Date.now()}.flv`);
  const w = new FlvWriter(file);
  for (const f of readFlv(FEED)) {
    if (f.header && f.type === 9) {
      const p = Buffer.from(f.payload);
      p[p.length - 1] = p[p.length - 1]! ^ 0xff;
      w.write({ ...f, payload: p });
    } else w.write(f);
  }
  w.close();
  return file;
}

async function takeover(secondFile: string) {
  const sink = await new Sink(await freePort(), 'takeover').start();
  cleanups.push(() => sink.stop());
  const port = await freePort();
  const logs: string[] = [];
  const relay = await startRelay({
    listen: { host: '127.0.0.1', port, app: 'live' },
    key: 'ingest-key',
    destinations: [{ name: 'a', url: `rtmp://127.0.0.1:${sink.port}/live/takeover` }],
    log: (l) => logs.push(l),
  });
  cleanups.push(() => relay.stop());
  const states: string[] = [];
  relay.subscribe((e) => e.type === 'ingest' && states.push(e.ingest.state));
  const url = `rtmp://127.0.0.1:${port}/live/ingest-key`;
  // The first encoder keeps its connection (half-dead, as after a network blip)...
  const stale = new AbortController();
  const first = publishFlvFile(url, FEED, { realtime: true, loops: 5, signal: stale.signal });
  await sink.waitFor(/"publish"/);
  await new Promise((r) => setTimeout(r, 1500));
  const before = await sink.report();
  // ...while it reconnects with the same key.
  await publishFlvFile(url, secondFile, { realtime: true });
  stale.abort();
  await first;
  await new Promise((r) => setTimeout(r, 400));
  return { sink, relay, states, logs, before, after: await sink.report() };
}

describe('encoder reconnect: the newest publisher with the key takes over', () => {
  it('the destination carries on, on the same connection: resumes on the new keyframe, timestamps continue, unchanged headers not re-sent', async () => {
    const { relay, states, logs, before, after } = await takeover(FEED);
    const expected = feedDigest();
    expect(before.videoFrames).toBeGreaterThan(20);
    expect(after.publishes).toBe(1);
    expect(after.unpublishes).toBe(0);
    expect(relay.snapshot().destinations[0]).toMatchObject({ state: 'live', reconnects: 0 });
    // live, live again at the takeover (never waiting in between), waiting when the second one ends.
    expect(states).toEqual(['live', 'live', 'waiting']);
    // Everything of the second encoder's feed arrived (it starts on a keyframe), after the first's.
    expect(after.videoFrames - before.videoFrames).toBeGreaterThanOrEqual(expected.videoFrames);
    expect(after.videoFrames - before.videoFrames).toBeLessThan(expected.videoFrames + 10);
    expect(after.tsBackwards).toBe(0);
    // The new keyframe shows after the old encoder's last frame shown: the feed has B-frames (pts
    // up to 5 frames after the timestamp), so the timestamps may skip up to that much at the splice.
    expect(after.maxVideoGapMs).toBeLessThan(200);
    expect(after.headers).toBe(3);
    expect(logs.join('\n')).toMatch(/a new publisher from 127\.0\.0\.1 took over/);
    expect(logs.join('\n')).toMatch(/closed the connection from 127\.0\.0\.1: a new publisher with the key took over/);
  }, 30_000);

  it('a new publisher whose codec header changed has the new header passed on before its first keyframe', async () => {
    const { after } = await takeover(feedWithNewVideoHeader());
    expect(after.publishes).toBe(1);
    expect(after.headers).toBe(4);
    expect(after.tsBackwards).toBe(0);
  }, 30_000);
});
