import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/cli.js';
import { FEED, Sink, feedDigest, freePort, selfSignedCert } from '../../helpers/relay/helpers.js';
import { rawSession } from '../../helpers/relay/raw-rtmp.js';
import { startRelayProcess } from '../../helpers/relay/relay-process.js';

const tmp = tempDir();
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  tmp.cleanup();
});

/** ffmpeg as the encoder, publishing over RTMPS; resolves with its exit code and stderr. */
function ffmpegPublish(url: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      '-i',
      FEED,
      '-c',
      'copy',
      '-f',
      'flv',
      url,
    ]);
    let stderr = '';
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('lotcast relay with an RTMPS ingest (a relay on a server)', () => {
  it('ffmpeg publishes over rtmps:// to 127.0.0.1 and every frame reaches the destination; a plain-RTMP client on that port is closed, the relay carries on', async () => {
    const { certFile, keyFile } = selfSignedCert(tmp.dir);
    const sink = await new Sink(await freePort(), 'tlsdest').start();
    cleanups.push(() => sink.stop());
    const port = await freePort();
    const relay = await startRelayProcess(
      tmp.dir,
      'tlsingestkey',
      [`rtmp://127.0.0.1:${sink.port}/live/tlsdest`],
      ['--tls-cert', certFile, '--tls-key', keyFile],
      `rtmps://127.0.0.1:${port}/live`,
    );
    cleanups.push(() => relay.stop());
    expect(relay.out()).toContain(`Server:     rtmps://127.0.0.1:${port}/live`);
    // Someone speaking plain RTMP to the TLS port: a failed TLS handshake, logged, nothing else.
    expect((await rawSession(port, Buffer.alloc(0))).closedByServer).toBe(true);
    const pub = await ffmpegPublish(`rtmps://127.0.0.1:${port}/live/tlsingestkey`);
    expect(pub.code, pub.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const expected = feedDigest();
    const r = await sink.report();
    expect([r.publishes, r.videoFrames, r.audioFrames]).toEqual([1, expected.videoFrames, expected.audioFrames]);
    expect(r.digest).toBe(expected.digest);
    expect(relay.alive()).toBe(true);
    expect(relay.out()).toMatch(/TLS handshake failed from 127\.0\.0\.1/);
    for (const secret of ['tlsingestkey', 'tlsdest']) expect(relay.out()).not.toContain(secret);
    expect(await relay.stop()).toBe(0);
  }, 60_000);

  it('says what is missing: rtmps:// without a certificate, TLS files with rtmp://, a remote address without --allow-remote, an unreadable certificate', async () => {
    const dataDir = join(tmp.dir, 'usage');
    const to = ['--to', 'rtmp://127.0.0.1:1/live/k', '--key', 'abcd'];
    const noCert = await runCli(['relay', '--listen', 'rtmps://127.0.0.1:19443/live', ...to], { dataDir });
    expect(noCert.code).toBe(2);
    expect(noCert.stderr).toMatch(/an rtmps:\/\/ ingest needs --tls-cert FILE and --tls-key FILE/);
    const plain = await runCli(['relay', '--listen', 'rtmp://127.0.0.1:19443/live', '--tls-cert', 'c.pem', ...to], {
      dataDir,
    });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/--tls-cert and --tls-key are for an rtmps:\/\/ ingest/);
    const remote = await runCli(
      ['relay', '--listen', 'rtmps://0.0.0.0:19443/live', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', ...to],
      { dataDir },
    );
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/--allow-remote/);
    const missing = join(tmp.dir, 'missing.pem');
    const unreadable = await runCli(
      [
        'relay',
        '--listen',
        `rtmps://127.0.0.1:${await freePort()}/live`,
        '--tls-cert',
        missing,
        '--tls-key',
        missing,
        ...to,
      ],
      { dataDir },
    );
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/Cannot read the TLS key or certificate: .*missing\.pem/);
  }, 30_000);
});
