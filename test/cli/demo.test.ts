import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir();
const session = `lotcast-demo-${process.pid}`;
const term = tmuxSession(session);
afterAll(() => {
  term.kill();
  tmp.cleanup();
});

// Generated stream keys look like these; none may ever be printed.
const KEYS = /standin_[0-9a-f]{16}|demo_[0-9a-f]{16}/;

/** Everything the demo started has stopped: nothing listens on the ports it announced, no stand-in runs. */
async function expectStopped(ports: number[]): Promise<void> {
  expect(ports.length).toBeGreaterThan(0);
  for (const port of ports) {
    expect(port).toBeGreaterThan(0);
    const listening = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    expect(listening, `port ${port} still listening`).toBe(false);
    expect(
      spawnSync('pgrep', ['-f', `stand-in-main.js ${port} `]).status,
      `stand-in on ${port} still running`,
    ).not.toBe(0);
  }
}

const portsIn = (text: string) => [...text.matchAll(/rtmp:\/\/127\.0\.0\.1:(\d+)\/live/g)].map((m) => Number(m[1]));

describe('lotcast demo (built CLI, no TTY)', () => {
  it('runs the sample show with buyers on both channels, the last-unit race and the stream to both stand-ins', async () => {
    const r = await runCli(['demo', '--duration', '3s', '--json'], {
      dataDir: tmp.dir,
      env: { CI: 'true' },
      timeoutMs: 30_000,
    });
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
      expect(x.url).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/\*\*\*\*$/);
      expect(x.framesSent).toBeGreaterThan(30);
      expect(x.received.videoFrames).toBe(x.framesSent);
      expect(x.received.audioFrames).toBeGreaterThan(30);
      expect(x.received.publishes).toBe(1);
      expect(x.received.firstVideoKeyframe).toBe(true);
      expect(x.framesDropped).toBe(0);
      expect(x.reconnects).toBe(0);
      expect(x.bytesSent).toBeGreaterThan(50_000);
      expect(x.avgKbps).toBeGreaterThan(100);
    }
    expect(r.stdout).not.toMatch(KEYS);
    await expectStopped(portsIn(r.stdout));
    // The demo store is a real lotcast store: the show is ended and queryable.
    const status = JSON.parse((await runCli(['--data-dir', s.dataDir, 'show', 'status', 'demo', '--json'])).stdout);
    expect(status.show.ended).toBe(true);
    // Every sale recorded is an order or an oversell (oversold sales are never money).
    expect(status.totals.orders + status.totals.oversells).toBe(s.sales);
  });

  it('prints one line per event and the summary in plain mode, then leaves nothing running', async () => {
    const r = await runCli(['demo', '--duration', '3s', '--plain'], {
      dataDir: tmp.dir,
      env: { CI: 'true' },
      timeoutMs: 30_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/show started: Demo Thrift Drop/);
    expect(r.stdout).toMatch(/SALE (Whatnot|TikTok) /);
    expect(r.stdout).toMatch(/OVERSELL: cancel this order/);
    expect(r.stdout).toMatch(/Show Demo Thrift Drop \(demo\) summary:/);
    expect(r.stdout).toMatch(/OVERSOLD 1: cancel/);
    expect(r.stdout).toMatch(/stream 1\. tiktok live/);
    expect(r.stdout).toMatch(/stream 2\. whatnot live/);
    for (const name of ['tiktok', 'whatnot']) {
      const sent = new RegExp(
        `${name} +relay sent (\\d+) video frames, [\\d.]+ MB \\(avg \\d+ kb/s\\); dropped 0, reconnects 0\\n +stand-in received (\\d+) video`,
      ).exec(r.stdout);
      expect(sent, r.stdout).not.toBeNull();
      expect(Number(sent![1])).toBeGreaterThan(0);
      expect(sent![2]).toBe(sent![1]);
    }
    expect(r.stdout).not.toMatch(KEYS);
    // The relay's ingest and both stand-ins, as announced at the start.
    const ports = portsIn(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('stream: '))
        .join('\n'),
    );
    expect(ports).toHaveLength(3);
    await expectStopped(ports);
  });

  it('Ctrl-C ends it early and cleanly: summary, exit 0, nothing left running', async () => {
    const child = spawn(process.execPath, [binPath, 'demo', '--duration', '2m', '--plain'], {
      env: { ...process.env, NO_COLOR: '1', CI: 'true', LOTCAST_DATA_DIR: tmp.dir },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/stream 1\. tiktok live/.test(out) && /stream 2\. whatnot live/.test(out) && !child.killed)
        child.kill('SIGINT');
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(guard);
    expect(code, out).toBe(0);
    expect(out).toMatch(/show ended[\s\S]*summary:[\s\S]*whatnot +relay sent/);
    await expectStopped(portsIn(out));
  });

  it('--no-relay leaves the stream part out', async () => {
    const r = await runCli(['demo', '--duration', '1s', '--json', '--no-relay'], {
      dataDir: tmp.dir,
      timeoutMs: 30_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stream).toBeNull();
  });
});

describe.runIf(hasTmux)('lotcast demo in a real terminal (tmux)', () => {
  it('shows both destinations in the stream panel, 1 and 2 switch them, the summary follows', async () => {
    const dataDir = join(tmp.dir, 'tty');
    term.tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      `NO_COLOR=1 ${process.execPath} ${binPath} --data-dir ${dataDir} demo --duration 5s; echo EXIT=$?; sleep 30`,
    );
    await term.screenMatches(/1\. tiktok +live[\s\S]*2\. whatnot +live/);
    term.tmux('send-keys', '-t', session, '2');
    await term.screenMatches(/1\. tiktok +live[\s\S]*2\. whatnot +off/);
    term.tmux('send-keys', '-t', session, '2');
    await term.screenMatches(/2\. whatnot +(connecting|live)/);
    const screen = await term.screenMatches(/EXIT=\d+/, 12_000);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/whatnot +relay sent \d+ video frames.*reconnects 1/);
    expect(screen).toMatch(/over 2 connections/);
    expect(screen).not.toMatch(KEYS);
  });
});
