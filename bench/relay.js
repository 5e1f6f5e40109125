// npm run bench:relay [-- --seconds=60]: an ffmpeg-made 720x1280 30 fps H.264+AAC stream at
// about 6 Mbit/s, published in real time, relayed to 4 and to 8 local destinations that count
// what they receive; lotcast against node-media-server's push relay, ffmpeg -f tee and (when
// installed) nginx-rtmp push; then one destination throttled to a tenth of the bitrate.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sink, freePort, throttlingProxy } from '../test/helpers/relay/support.mjs';
import { relayProcess, slateSwitch, transformCost } from './relay-extra.js';

// --only=extra runs the slate switch, the destination at a tenth of the bitrate and the transform's CPU.
// --only=lotcast runs just lotcast's rows (quick A/B while tuning); --only=ratio runs lotcast and
// node-media-server's push relay at 4 destinations and prints the CPU ratio alone.
// --only=floor runs a Node process that copies the feed's bytes to 4 sockets with no RTMP, reading
// as bytes arrive and every 200 ms: the floor under any Node relay.
// --cpu-prof=DIR writes a V8 CPU profile of each lotcast relay process there.
const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const cpuProfDir = process.argv.find((a) => a.startsWith('--cpu-prof='))?.split('=')[1];
const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 60);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lotcast-bench-relay-'));
if (spawnSync('ffmpeg', ['-version']).status !== 0) {
  console.log('bench:relay needs ffmpeg (apt-get install ffmpeg).');
  process.exit(1);
}
const feed = join(dir, 'feed.flv');
console.log(`encoding a ${seconds} s 720x1280 30 fps H.264 (~6 Mbit/s, 2 s GOP) + AAC feed...`);
execFileSync('ffmpeg', [
  '-hide_banner',
  '-loglevel',
  'error',
  '-y',
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=720x1280:rate=30',
  '-f',
  'lavfi',
  '-i',
  'sine=frequency=440:sample_rate=48000',
  '-t',
  String(seconds),
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-tune',
  'zerolatency',
  '-b:v',
  '6M',
  '-maxrate',
  '6M',
  '-bufsize',
  '12M',
  '-g',
  '60',
  '-keyint_min',
  '60',
  '-sc_threshold',
  '0',
  '-pix_fmt',
  'yuv420p',
  '-c:a',
  'aac',
  '-b:a',
  '128k',
  '-f',
  'flv',
  feed,
]);
const sent = Number(
  execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v',
      '-count_packets',
      '-show_entries',
      'stream=nb_read_packets',
      '-of',
      'csv=p=0',
      feed,
    ],
    { encoding: 'utf8' },
  ).trim(),
);

const HZ = 100;
function cpuSeconds(pid) {
  const [user, sys] = cpuSplit(pid);
  return user + sys;
}
/** User and system CPU seconds: on loopback the kernel's TCP work is the sender's system time. */
function cpuSplit(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [Number(f[11]) / HZ, Number(f[12]) / HZ];
}
function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
const waitLine = (child, re, ms = 20000) =>
  new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`timeout waiting for ${re}: ${buf}`)), ms);
    child.stdout.on('data', (d) => {
      buf += d;
      if (re.test(buf)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
const publish = (url) =>
  new Promise((resolve) => {
    const p = spawn(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-re', '-i', feed, '-c', 'copy', '-f', 'flv', url],
      { stdio: 'ignore' },
    );
    p.on('exit', resolve);
  });

async function sinks(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await new Sink(await freePort(), `dest${i}`).start());
  return out;
}

async function run(name, n, startRelay, opts = {}) {
  const ss = await sinks(n);
  const proxy = opts.throttleFirst ? await throttlingProxy(ss[0].port, opts.throttleFirst) : null;
  const urls = ss.map((s, i) => `rtmp://127.0.0.1:${i === 0 && proxy ? proxy.port : s.port}/live/dest${i}`);
  const port = await freePort();
  const { child, ingest } = await startRelay(port, urls);
  await new Promise((r) => setTimeout(r, 300));
  const cpu0 = child ? cpuSeconds(child.pid) : 0;
  const split0 = child ? cpuSplit(child.pid) : [0, 0];
  const rss0 = child ? rssMb(child.pid) : 0;
  let maxLagSlow = 0;
  let lagSlow = 0;
  let uplinkAdvice = null;
  if (opts.throttleFirst)
    child.stdout.on('data', (d) => {
      for (const l of String(d).split('\n')) {
        if (l.includes('"status"')) {
          try {
            lagSlow = JSON.parse(l).destinations[0].lagMs;
            maxLagSlow = Math.max(maxLagSlow, lagSlow);
          } catch {}
        }
        if (l.includes('"uplink"') && !l.includes('"status"')) {
          try {
            uplinkAdvice ??= JSON.parse(l).uplink.advice;
          } catch {}
        }
      }
    });
  // Steady state: CPU from 3 s into the stream to its end, as seconds per minute of stream
  // (start-up and connection set-up left out; they are in the whole-run figure).
  const cpuNow = () => (child ? cpuSeconds(child.pid) : opts.teeCpu());
  let steady0 = null;
  const t3 = setTimeout(() => (steady0 = { cpu: cpuNow(), at: Date.now() }), 3000);
  await (ingest ? publish(ingest) : opts.tee(urls));
  const lagAtEnd = lagSlow;
  clearTimeout(t3);
  const steady = steady0 ? (cpuNow() - steady0.cpu) / ((Date.now() - steady0.at) / 60000) : NaN;
  await new Promise((r) => setTimeout(r, 1500));
  const cpu = child ? cpuSeconds(child.pid) - cpu0 : opts.teeCpu();
  const split = child ? cpuSplit(child.pid).map((v, i) => v - split0[i]) : null;
  const peak = child ? peakRssMb(child.pid) : opts.teePeak();
  const reports = [];
  for (const s of ss) reports.push(await s.report());
  if (child) {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
  proxy?.close();
  for (const s of ss) await s.stop();
  const frames = reports.map((r) => r.videoFrames);
  if (opts.record) opts.record.steady = steady;
  if (opts.record) opts.record.peak = peak;
  if (opts.record) opts.record.cpu = cpu;
  const vsPlain =
    opts.throttleFirst && peaks.lotcast4
      ? `, peak RSS ${(peak - peaks.lotcast4).toFixed(1)} MB above the same relay with no slow destination`
      : '';
  console.log(
    `${name.padEnd(34)} ${String(n).padStart(2)} dest  CPU ${cpu.toFixed(2).padStart(5)} s${split ? ` (user ${split[0].toFixed(2)}, sys ${split[1].toFixed(2)})` : ''} (steady ${steady.toFixed(2)} s/min)  peak RSS ${peak.toFixed(0).padStart(4)} MB  frames/dest ${frames.join(',')} of ${sent}${opts.throttleFirst ? `  (RSS growth since idle ${(peak - rss0).toFixed(1)} MB${vsPlain}, slow one's max lag ${maxLagSlow} ms, lag when the stream ended ${lagAtEnd} ms, got ${frames[0]} video + ${reports[0].audioFrames} audio frames (the others ${reports[1].audioFrames} audio))` : ''}`,
  );
  if (opts.throttleFirst) console.log(`  uplink warning: ${uplinkAdvice ?? '(none)'}`);
}

const lotcast =
  (extra = []) =>
  async (port, urls) => {
    // Frame counts and CPU are the relay's own: the slate has its own figures below.
    const args = [...urls.flatMap((u) => ['--to', u]), '--no-slate', ...extra];
    const flags = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
    const { child } = relayProcess(root, join(dir, 'data'), port, args, flags);
    await waitLine(child, /"ready"/);
    return { child, ingest: `rtmp://127.0.0.1:${port}/live/benchkey` };
  };
const nmsPush = async (port, urls) => {
  const child = spawn(
    process.execPath,
    [join(root, 'bench/nms-push.cjs'), String(port), 'benchkey', join(dir, `nms-store-${port}`), ...urls],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await waitLine(child, /ready/);
  return { child, ingest: `rtmp://127.0.0.1:${port}/live/benchkey` };
};
let teeProc = null;
let teeUsage = { cpu: 0, peak: 0 };
const teeRun = (urls) =>
  new Promise((resolve) => {
    teeProc = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-re',
        '-i',
        feed,
        '-c',
        'copy',
        '-map',
        '0',
        '-f',
        'tee',
        urls.map((u) => `[f=flv:onfail=ignore]${u}`).join('|'),
      ],
      { stdio: 'ignore' },
    );
    const pid = teeProc.pid;
    teeUsage = { cpu: 0, peak: 0 };
    const sample = setInterval(() => {
      try {
        const peak = peakRssMb(pid);
        if (Number.isFinite(peak)) teeUsage = { cpu: cpuSeconds(pid), peak };
      } catch {}
    }, 200);
    teeProc.on('exit', () => {
      clearInterval(sample);
      resolve();
    });
  });

const hasNginx = spawnSync('nginx', ['-V']).status === 0 && existsSync('/usr/lib/nginx/modules/ngx_rtmp_module.so');
// nginx-rtmp with push, in one process (master_process off) so its CPU and memory are one pid's.
const nginxPush = async (port, urls) => {
  const prefix = mkdtempSync(join(dir, 'nginx-'));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off; master_process off; worker_processes 1; pid ${prefix}/nginx.pid; error_log stderr warn;
events { worker_connections 256; }
rtmp { server { listen 127.0.0.1:${port}; chunk_size 4096; application live { live on; ${urls.map((u) => `push ${u};`).join(' ')} } } }
`,
  );
  const child = spawn('nginx', ['-p', prefix, '-e', 'stderr', '-c', conf], { stdio: ['ignore', 'pipe', 'inherit'] });
  const until = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise((r) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, ingest: `rtmp://127.0.0.1:${port}/live/benchkey` };
};

console.log(
  `node ${process.version}; ${seconds} s feed, ${sent} video frames; CPU = relay process user+system seconds over the run`,
);
const peaks = { lotcast4: 0 };
const steadyAt = {};
// The target: lotcast's relay at most 0.6x node-media-server's push relay's CPU, same run.
const printRatio = (n, ours, theirs) =>
  console.log(
    `CPU ratio at ${n} destinations: lotcast / node-media-server push = ${(ours.cpu / theirs.cpu).toFixed(2)} (${ours.cpu.toFixed(2)} s / ${theirs.cpu.toFixed(2)} s; target <= 0.60)`,
  );
if (only === 'extra') {
  await slateSwitch({ root, dir, feed });
  await run('lotcast, one dest at 1/10 bitrate', 4, lotcast(['--stats-every', '1']), { throttleFirst: 75_000 });
  const plain = {};
  await run('lotcast relay', 4, lotcast(), { record: plain });
  await transformCost({ root, dir, feed, seconds, plainCpu: plain.cpu });
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
if (only === 'floor') {
  // What any Node relay pays before RTMP: the feed's bytes copied to 4 sockets by a process that
  // reads them as they arrive, or every 200 ms (lotcast's batched reads).
  for (const every of [0, 200]) {
    const drains = [];
    for (let i = 0; i < 4; i++) {
      const server = createServer((c) => c.on('data', () => undefined).on('error', () => undefined));
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      drains.push(server);
    }
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [join(root, 'bench/node-copy.cjs'), String(port), String(every), ...drains.map((d) => String(d.address().port))],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await waitLine(child, /ready/);
    await new Promise((r) => setTimeout(r, 300));
    const [u0, s0] = cpuSplit(child.pid);
    await new Promise((resolve) =>
      spawn(
        'ffmpeg',
        ['-hide_banner', '-loglevel', 'error', '-re', '-i', feed, '-c', 'copy', '-f', 'flv', `tcp://127.0.0.1:${port}`],
        {
          stdio: 'ignore',
        },
      ).on('exit', resolve),
    );
    await new Promise((r) => setTimeout(r, 500));
    const [u1, s1] = cpuSplit(child.pid);
    console.log(
      `Node byte copy to 4 sockets, no RTMP, ${every ? `read every ${every} ms` : 'read as bytes arrive'}: CPU ${(u1 + s1 - u0 - s0).toFixed(2)} s (user ${(u1 - u0).toFixed(2)}, sys ${(s1 - s0).toFixed(2)})`,
    );
    child.kill('SIGTERM');
    for (const d of drains) d.close();
  }
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
if (only === 'ratio') {
  const ours = {};
  const theirs = {};
  await run('lotcast relay', 4, lotcast(), { record: ours });
  await run('node-media-server 4.4.3 push', 4, nmsPush, { record: theirs });
  printRatio(4, ours, theirs);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
for (const n of [4, 8]) {
  const rec = {};
  await run('lotcast relay', n, lotcast(), { record: rec });
  steadyAt[n] = rec.steady;
  if (n === 4) peaks.lotcast4 = rec.peak;
  if (n === 4) peaks.cpu4 = rec.cpu;
  if (only === 'lotcast') continue;
  const theirs = {};
  await run('node-media-server 4.4.3 push', n, nmsPush, { record: theirs });
  printRatio(n, rec, theirs);
  await run('ffmpeg -f tee (-c copy)', n, async () => ({ child: null, ingest: null }), {
    tee: teeRun,
    teeCpu: () => teeUsage.cpu,
    teePeak: () => teeUsage.peak,
  });
  if (hasNginx) await run('nginx-rtmp push (1 process)', n, nginxPush);
}
// The cost of one more destination, measured where it stands out of the ingest's noise.
{
  const rec = {};
  await run('lotcast relay', 24, lotcast(), { record: rec });
  console.log(
    `lotcast: each added destination ${((rec.steady - steadyAt[4]) / 20).toFixed(3)} CPU s per minute of stream (steady state, 4 -> 24 destinations)`,
  );
}
if (!hasNginx) console.log('nginx-rtmp push: not installed (apt-get install nginx libnginx-mod-rtmp to compare)');
await run('lotcast, one dest at 1/10 bitrate', 4, lotcast(['--stats-every', '1']), { throttleFirst: 75_000 });
{
  await slateSwitch({ root, dir, feed });
  await transformCost({ root, dir, feed, seconds, plainCpu: peaks.cpu4 });
}
rmSync(dir, { recursive: true, force: true });
process.exit(0);
