// bench:relay's figures for staying on air and shaping a leg: the slate switch (encoder gone to
// the first slate frame at the destination, and back), and a transform's CPU in a running relay.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sink, freePort } from '../test/helpers/relay/support.mjs';

const HZ = 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function cpuOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / HZ;
  } catch {
    return 0;
  }
}
function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** `lotcast relay --json` on an ingest at `port` (key benchkey), its JSON lines collected as events. */
export function relayProcess(root, dataDir, port, args, nodeFlags = []) {
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      join(root, 'bin/lotcast.js'),
      'relay',
      '--listen',
      `rtmp://127.0.0.1:${port}/live`,
      '--key',
      'benchkey',
      '--json',
      ...args,
    ],
    { env: { ...process.env, LOTCAST_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const events = [];
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const l of lines) {
      try {
        events.push({ ...JSON.parse(l), seenAt: Date.now() });
      } catch {}
    }
  });
  return { child, events };
}

async function until(what, ok, ms = 30_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`bench: no ${what}`);
    await sleep(10);
  }
}

const publisher = (feed, url) =>
  spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-i', feed, '-c', 'copy', '-f', 'flv', url], {
    stdio: 'ignore',
  });

/** Encoder killed mid-stream (as OBS crashing), then back: when does the destination see each switch? */
export async function slateSwitch({ root, dir, feed }) {
  const sink = await new Sink(await freePort(), 'slate').start();
  const port = await freePort();
  const r = relayProcess(root, join(dir, 'slate-data'), port, ['--to', `rtmp://127.0.0.1:${sink.port}/live/slate`]);
  await until('ready', () => r.events.some((e) => e.type === 'ready'));
  const headersAfter = (t) =>
    sink.out
      .split('\n')
      .filter((l) => l.includes('"header"'))
      .map((l) => JSON.parse(l))
      .filter((h) => h.at >= t);
  const results = { toSlate: [], toFeed: [] };
  for (let round = 0; round < 3; round++) {
    const enc = publisher(feed, `rtmp://127.0.0.1:${port}/live/benchkey`);
    // Live long enough for the slate to be encoded to match the feed.
    await sleep(6000);
    const gone = Date.now();
    enc.kill('SIGKILL');
    await until('slate at the destination', () => headersAfter(gone).length > 0, 10_000);
    results.toSlate.push(headersAfter(gone)[0].at - gone);
    await sleep(3000);
    const back = publisher(feed, `rtmp://127.0.0.1:${port}/live/benchkey`);
    const liveCount = r.events.filter((e) => e.type === 'ingest' && e.ingest.state === 'live').length;
    await until(
      'ingest live again',
      () => r.events.filter((e) => e.type === 'ingest' && e.ingest.state === 'live').length > liveCount,
    );
    // The relay's own clock when the publish arrived (its line reaches this process later than
    // the switch reaches the destination).
    const liveAt = Date.parse(r.events.filter((e) => e.type === 'ingest' && e.ingest.state === 'live').at(-1).at);
    await until('feed at the destination', () => headersAfter(liveAt).length > 0, 10_000);
    results.toFeed.push(headersAfter(liveAt)[0].at - liveAt);
    await sleep(1000);
    back.kill('SIGKILL');
    await sleep(1500);
  }
  r.child.kill('SIGTERM');
  await new Promise((res) => r.child.on('exit', res));
  await sink.stop();
  const fmt = (a) => `${Math.round(a.reduce((x, y) => x + y, 0) / a.length)} ms (${a.join(', ')})`;
  console.log(`slate switch: encoder killed -> first slate header+frame at the destination ${fmt(results.toSlate)}`);
  console.log(
    `slate switch: encoder back (publish) -> feed at the destination ${fmt(results.toFeed)} (waits for the feed's first keyframe)`,
  );
}

/** The same 4-destination relay with one destination re-encoded: CPU of the relay and its ffmpeg. */
export async function transformCost({ root, dir, feed, seconds, plainCpu, transform = 'vertical,bitrate=2500' }) {
  const dataDir = join(dir, 'transform-data');
  const sinks = [];
  for (let i = 0; i < 4; i++) sinks.push(await new Sink(await freePort(), `t${i}`).start());
  for (const [i, s] of sinks.entries())
    execFileSync(
      process.execPath,
      [
        join(root, 'bin/lotcast.js'),
        'destination',
        'add',
        `d${i}`,
        '--server',
        `rtmp://127.0.0.1:${s.port}/live`,
        '--key',
        `t${i}`,
        ...(i === 0 ? ['--transform', transform] : []),
      ],
      { env: { ...process.env, LOTCAST_DATA_DIR: dataDir }, stdio: 'ignore' },
    );
  const port = await freePort();
  const r = relayProcess(root, dataDir, port, ['--no-slate']);
  await until('ready', () => r.events.some((e) => e.type === 'ready'));
  const cpu0 = cpuOf(r.child.pid);
  const kids = new Map();
  const sample = setInterval(() => {
    for (const pid of childrenOf(r.child.pid)) kids.set(pid, cpuOf(pid) || kids.get(pid) || 0);
  }, 250);
  await new Promise((res) => publisher(feed, `rtmp://127.0.0.1:${port}/live/benchkey`).on('exit', res));
  await sleep(1000);
  clearInterval(sample);
  const relayCpu = cpuOf(r.child.pid) - cpu0;
  const ffmpegCpu = [...kids.values()].reduce((a, b) => a + b, 0);
  const reports = [];
  for (const s of sinks) reports.push(await s.report());
  r.child.kill('SIGTERM');
  await new Promise((res) => r.child.on('exit', res));
  for (const s of sinks) await s.stop();
  console.log(
    `transform ${transform} on 1 of 4 destinations: relay ${relayCpu.toFixed(2)} CPU s + its ffmpeg ${ffmpegCpu.toFixed(2)} CPU s over ${seconds} s (${(ffmpegCpu / seconds).toFixed(2)} cores)${plainCpu ? `; the relay alone with 4 copies: ${plainCpu.toFixed(2)} s` : ''}; frames/dest ${reports.map((x) => x.videoFrames).join(',')}`,
  );
}
