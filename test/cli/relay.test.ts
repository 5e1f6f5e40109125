import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishFlvFile } from '../../src/adapters/relay/publish-file.js';
import { CliProcess, runCli, tempDir } from '../helpers/cli.js';
import { FEED, Sink, feedDigest, freePort, selfSignedCert } from '../helpers/relay/helpers.js';
import { startLiveRelay } from '../helpers/relay/relay-process.js';

const tmp = tempDir();
const sinks: Sink[] = [];
// A failed assertion must not leave a relay running (and holding its ports) after the file ends.
const children: CliProcess[] = [];
afterAll(async () => {
  for (const c of children) await c.kill();
  for (const s of sinks) await s.stop();
  tmp.cleanup();
});

describe('lotcast relay (built CLI as a process)', () => {
  it('relays to rtmp:// and rtmps:// (self-signed CA via NODE_EXTRA_CA_CERTS), one line per change, summary on SIGTERM, keys never printed', async () => {
    const { keyFile, certFile } = selfSignedCert(tmp.dir);
    // Byte-identical feed only: no "be right back" slate after the publish ends (test/services/relay-slate.test.ts has it).
    expect(
      (await runCli(['config', 'set', 'relay.slate.enabled', 'false'], { dataDir: join(tmp.dir, 'data') })).code,
    ).toBe(0);
    const plain = await new Sink(await freePort(), 'plainsecret').start();
    const secure = await new Sink(await freePort(), 'tlssecret', { keyFile, certFile }).start();
    sinks.push(plain, secure);
    const port = await freePort();
    const relay = new CliProcess(
      [
        'relay',
        '--listen',
        `rtmp://127.0.0.1:${port}/live`,
        '--key',
        'ingestsecret',
        '--to',
        `rtmp://127.0.0.1:${plain.port}/live/plainsecret`,
        '--to',
        `rtmps://localhost:${secure.port}/live/tlssecret?token=abc&sig=xyz`,
        '--record',
        join(tmp.dir, 'rec'),
      ],
      { dataDir: join(tmp.dir, 'data'), env: { NODE_EXTRA_CA_CERTS: certFile } },
    );
    children.push(relay);
    // The ready block is several writes; wait for its last line before reading it.
    await relay.waitFor(/Relaying to .*Ctrl-C ends every stream cleanly/);
    expect(relay.out()).toContain(`Server:     rtmp://127.0.0.1:${port}/live`);
    await publishFlvFile(`rtmp://127.0.0.1:${port}/live/ingestsecret`, FEED, { realtime: true });
    await relay.waitFor(/2\. to2 live/);
    await new Promise((r) => setTimeout(r, 400));
    const expected = feedDigest();
    expect((await plain.report()).digest).toBe(expected.digest);
    expect((await secure.report()).digest).toBe(expected.digest);
    expect(await relay.stop()).toBe(0);
    const out = relay.out();
    expect(out).toMatch(/1\. to1 live/);
    expect(out).toMatch(/to2\s+rtmps:\/\/localhost:\d+\/live\/\*\*\*\*\s+\d+\s+0\s+0/);
    expect(out).toMatch(/Recording: .*rec\/live-\d{8}T\d{6}Z\.flv/);
    for (const secret of ['plainsecret', 'tlssecret', 'token=abc', 'sig=xyz', 'ingestsecret'])
      expect(out).not.toContain(secret);
    await secure.waitFor(/"unpublish"/);
  }, 60_000);

  it('explains a port already in use and refuses a remote bind without --allow-remote', async () => {
    const busy = await new Sink(await freePort(), 'x').start();
    sinks.push(busy);
    const r = await runCli(
      ['relay', '--listen', `rtmp://127.0.0.1:${busy.port}/live`, '--key', 'abcd', '--to', 'rtmp://127.0.0.1:1/live/k'],
      { dataDir: join(tmp.dir, 'd2') },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Port \d+ on 127\.0\.0\.1 is already in use/);
    const remote = await runCli(
      ['relay', '--listen', 'rtmp://0.0.0.0:19999/live', '--to', 'rtmp://127.0.0.1:1/live/k'],
      { dataDir: join(tmp.dir, 'd2') },
    );
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/--allow-remote/);
    const none = await runCli(['relay'], { dataDir: join(tmp.dir, 'd3') });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No destinations/);
    const slow = await runCli(['relay', '--read-every', '5000', '--to', 'rtmp://127.0.0.1:1/live/k'], {
      dataDir: join(tmp.dir, 'd3'),
    });
    expect(slow.code).toBe(2);
    expect(slow.stderr).toMatch(/--read-every is milliseconds, 0 to 1000/);
  }, 30_000);

  it('keeps configured destinations with their keys secret', async () => {
    const dataDir = join(tmp.dir, 'd4');
    const add = await runCli(['destination', 'add', 'yt', '--preset', 'youtube', '--key-stdin'], {
      dataDir,
      input: 'abcd-efgh-ijkl-mnop\n',
    });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).not.toContain('abcd-efgh-ijkl-mnop');
    const list = await runCli(['destination', 'list', '--json'], { dataDir });
    const [d] = JSON.parse(list.stdout).destinations;
    expect(d).toMatchObject({
      name: 'yt',
      preset: 'youtube',
      server: 'rtmps://a.rtmps.youtube.com:443/live2',
      key: 'abcd…****',
      enabled: true,
    });
    const mode = execFileSync('stat', ['-c', '%a', join(dataDir, 'config', 'secrets.json')], {
      encoding: 'utf8',
    }).trim();
    expect(mode).toBe('600');
    const tiktok = await runCli(['destination', 'add', 'tt', '--preset', 'tiktok', '--key', 'k'], { dataDir });
    expect(tiktok.code).toBe(2);
    expect(tiktok.stderr).toMatch(/pass --server/);
  });
});

describe('lotcast live --relay', () => {
  it('runs the relay with the configured destinations; a destination key (1-9) switches it via the journal', async () => {
    const s = await new Sink(await freePort(), 'livekey').start();
    sinks.push(s);
    const { live, port, key } = await startLiveRelay(tmp.dir, 'rs', { port: s.port, key: 'livekey' });
    children.push(live);
    const publishing = publishFlvFile(`rtmp://127.0.0.1:${port}/live/${key}`, FEED, { realtime: true });
    await live.waitFor(/stream 1\. wn live/);
    live.type('1');
    await live.waitFor(/destination wn off/);
    await live.waitFor(/stream 1\. wn off/);
    await s.waitFor(/"unpublish"/);
    await publishing;
    live.child.stdin.end();
    expect(await live.exited()).toBe(0);
    expect(live.out()).not.toContain('livekey');
  }, 40_000);
});
