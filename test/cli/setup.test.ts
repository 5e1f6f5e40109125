import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, runCli, tempDir } from '../helpers/cli.js';
import { hasTmux, tmuxSession } from '../helpers/tmux.js';

const tmp = tempDir();
let n = 0;
const fresh = () => join(tmp.dir, `d${++n}`);
const session = `lotcast-setup-${process.pid}`;
const { tmux, screenMatches: screen, kill } = tmuxSession(session);
afterAll(() => {
  kill();
  tmp.cleanup();
});
// biome-ignore lint/suspicious/noExplicitAny: the tests read settings files of any shape
const readJson = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, any>;
const TIKTOK_KEY = 'stream-8812?expire=1790000000&sign=ab12cd34';

describe('lotcast init', () => {
  it('with --yes takes every answer from flags and prints the OBS settings, never the stream keys', async () => {
    const dataDir = fresh();
    const r = await runCli(
      [
        'init',
        '--yes',
        '--channels',
        'whatnot,tiktok',
        '--destination',
        'tiktok=rtmp://push-rtmp-l1-va01.tiktokcdn.com/game',
        '--destination',
        'youtube',
        '--stream-key',
        `tiktok=${TIKTOK_KEY}`,
        '--stream-key',
        'youtube=yt-key-2222-3333',
        '--ingest-port',
        '19350',
      ],
      { dataDir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Server:     rtmp://127.0.0.1:19350/live');
    const key = /Stream Key: (lc_[0-9a-f]{24})/.exec(r.stdout)?.[1];
    expect(key).toBeDefined();
    expect(r.stdout).not.toContain('stream-8812');
    expect(r.stdout).not.toContain('yt-key-2222');
    expect(r.stdout).toMatch(/lotcast list --channel all --dry-run/);
    const settings = readJson(join(dataDir, 'config', 'settings.json'));
    expect(settings.ingest.port).toBe(19350);
    expect(settings.destinations.map((d: { name: string; server: string }) => [d.name, d.server])).toEqual([
      ['tiktok', 'rtmp://push-rtmp-l1-va01.tiktokcdn.com/game'],
      ['youtube', 'rtmps://a.rtmps.youtube.com:443/live2'],
    ]);
    const secretsFile = join(dataDir, 'config', 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(readJson(secretsFile).destinationKeys.tiktok).toBe(TIKTOK_KEY);
    expect(readJson(secretsFile).ingestKey).toBe(key);

    // Again: the ingest key OBS has stays, unless asked for a new one.
    const again = await runCli(['init', '--yes', '--json'], { dataDir });
    expect((JSON.parse(again.stdout) as { obs: { streamKey: string } }).obs.streamKey).toBe(key);
    const renewed = await runCli(['init', '--yes', '--new-ingest-key', '--json'], { dataDir });
    expect((JSON.parse(renewed.stdout) as { obs: { streamKey: string } }).obs.streamKey).not.toBe(key);
  });

  it('without a terminal and without --yes is a usage error naming the flag', async () => {
    const r = await runCli(['init'], { dataDir: fresh() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
  });

  it('a missing key or server saves nothing and names the flag', async () => {
    const dataDir = fresh();
    const noKey = await runCli(
      [
        'init',
        '--yes',
        '--destination',
        'youtube',
        '--destination',
        'twitch',
        '--stream-key',
        'youtube=yt-key-2222-3333',
      ],
      { dataDir },
    );
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--stream-key twitch=<key>/);
    const noServer = await runCli(
      [
        'init',
        '--yes',
        '--destination',
        'youtube',
        '--destination',
        'whatnot',
        '--stream-key',
        'youtube=yt-key-2222-3333',
        '--stream-key',
        'whatnot=wn-key-1',
      ],
      { dataDir },
    );
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toMatch(/--destination whatnot=<server URL>/);
    const list = await runCli(['destination', 'list', '--json'], { dataDir });
    expect((JSON.parse(list.stdout) as { destinations: unknown[] }).destinations).toEqual([]);
  });

  it.runIf(hasTmux)(
    'asks its questions in a real terminal, keys typed hidden',
    async () => {
      const dataDir = fresh();
      tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', 'sh');
      tmux(
        'send-keys',
        '-t',
        session,
        '-l',
        `LOTCAST_DATA_DIR=${dataDir} NO_COLOR=1 ${process.execPath} ${binPath} init`,
      );
      tmux('send-keys', '-t', session, 'Enter');
      const answer = async (re: RegExp, text: string | null) => {
        await screen(re);
        if (text) tmux('send-keys', '-t', session, '-l', text);
        tmux('send-keys', '-t', session, 'Enter');
      };
      await answer(/Where do you sell live\?/, null); // both, the default
      await answer(/Which platforms should the relay stream to\?/, null); // TikTok and Whatnot pre-picked
      await answer(/TikTok LIVE server URL/, 'rtmp://push-rtmp-l1-va01.tiktokcdn.com/game');
      await answer(/Whatnot server URL/, 'rtmps://live.whatnot.example:443/app');
      await answer(/TikTok LIVE stream key/, TIKTOK_KEY);
      await answer(/Whatnot stream key/, 'wn-stream-key-7777');
      await answer(/Local ingest port/, null);
      const done = await screen(/Stream Key: lc_/);
      expect(done).toContain('Server:     rtmp://127.0.0.1:1935/live');
      expect(done).not.toContain('stream-8812');
      expect(done).not.toContain('wn-stream-key-7777');
      const secrets = readJson(join(dataDir, 'config', 'secrets.json'));
      expect(secrets.destinationKeys).toEqual({ tiktok: TIKTOK_KEY, whatnot: 'wn-stream-key-7777' });
    },
    60_000,
  );
});

describe('lotcast config', () => {
  it('gets, sets, unsets with types checked; secrets only ever masked', async () => {
    const dataDir = fresh();
    expect((await runCli(['config', 'get', 'ingest.port'], { dataDir })).stdout.trim()).toBe('1935');
    expect((await runCli(['config', 'set', 'ingest.port', '2000'], { dataDir })).code).toBe(0);
    expect((await runCli(['config', 'get', 'ingest.port'], { dataDir })).stdout.trim()).toBe('2000');
    const bad = await runCli(['config', 'set', 'ingest.port', 'abc'], { dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ingest.port takes a number/);
    const typo = await runCli(['config', 'get', 'ingest.prot'], { dataDir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean ingest.port\?/);
    expect((await runCli(['config', 'unset', 'ingest.port'], { dataDir })).code).toBe(0);
    expect((await runCli(['config', 'get', 'ingest.port'], { dataDir })).stdout.trim()).toBe('1935');

    const token = 'wn_access_tk_supersecret_value_1';
    const set = await runCli(['config', 'set', 'secrets.whatnot.token'], { dataDir, input: token });
    expect(set.code, set.stderr).toBe(0);
    expect(readJson(join(dataDir, 'config', 'secrets.json')).whatnot.token).toBe(token);
    expect(statSync(join(dataDir, 'config', 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'config', 'settings.json'), 'utf8')).not.toContain(token);
    const get = await runCli(['config', 'get', 'secrets.whatnot.token'], { dataDir });
    expect(get.stdout.trim()).toBe('wn_a…****');
    const list = await runCli(['config', 'list', '--json'], { dataDir });
    expect(list.stdout).not.toContain(token);
    const entries = (JSON.parse(list.stdout) as { entries: Array<{ key: string; value: unknown }> }).entries;
    expect(entries.find((e) => e.key === 'secrets.whatnot.token')?.value).toBe('wn_a…****');

    expect(
      (await runCli(['config', 'set', 'channels.tiktok.categoryMap."Trading Cards"', '601226'], { dataDir })).code,
    ).toBe(0);
    expect(
      (await runCli(['config', 'get', 'channels.tiktok.categoryMap."Trading Cards"'], { dataDir })).stdout.trim(),
    ).toBe('601226');
    expect(readJson(join(dataDir, 'config', 'settings.json')).channels.tiktok.categoryMap).toEqual({
      'Trading Cards': '601226',
    });
    const dest = await runCli(['config', 'set', 'destinations', 'x'], { dataDir });
    expect(dest.code).toBe(2);
    expect(dest.stderr).toMatch(/lotcast destination add/);
  });
});

describe('lotcast doctor', () => {
  it('says what is fine and what to set up on a fresh machine (exit 0)', async () => {
    const dataDir = fresh();
    expect((await runCli(['config', 'set', 'ingest.port', '19411'], { dataDir })).code).toBe(0);
    const r = await runCli(['doctor', '--json'], {
      dataDir,
      env: { LOTCAST_WHATNOT_TOKEN: '', LOTCAST_TIKTOK_APP_KEY: '' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const f = (JSON.parse(r.stdout) as { findings: Array<{ check: string; status: string; fix?: string }> }).findings;
    const by = (c: string) => f.find((x) => x.check === c);
    expect(by('node')?.status).toBe('ok');
    expect(by('data folder')?.status).toBe('ok');
    expect(by('ingest port')?.status).toBe('ok');
    expect(by('destinations')?.status).toBe('warn');
    expect(by('whatnot')?.fix).toMatch(/channel add whatnot/);
  });

  it('finds an unwritable data folder and a taken ingest port, each with its fix (exit 1)', async () => {
    const blocker = join(tmp.dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const srv: Server = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    try {
      const configDir = fresh();
      const env = { LOTCAST_CONFIG_DIR: configDir };
      expect((await runCli(['config', 'set', 'ingest.port', String(port)], { dataDir: fresh(), env })).code).toBe(0);
      const r = await runCli(['doctor'], { dataDir: join(blocker, 'data'), env });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/FAIL data folder\s+.*a-file\/data is not writable \(ENOTDIR\)/);
      expect(r.stdout).toMatch(new RegExp(`FAIL ingest port\\s+127\\.0\\.0\\.1:${port} is in use`));
      expect(r.stdout).toMatch(new RegExp(`fix: .*lotcast config set ingest.port ${port + 1}`));
      expect(r.stdout).toMatch(/problem\(s\) to fix/);
    } finally {
      srv.close();
    }
  });

  it('flags a destination without a key and an expired TikTok token', async () => {
    const dataDir = fresh();
    const cfg = join(dataDir, 'config');
    expect((await runCli(['config', 'set', 'ingest.port', '19412'], { dataDir })).code).toBe(0);
    const settings = readJson(join(cfg, 'settings.json'));
    settings.destinations = [
      { name: 'yt', preset: 'youtube', server: 'rtmps://a.rtmps.youtube.com:443/live2', enabled: true },
    ];
    writeFileSync(join(cfg, 'settings.json'), JSON.stringify(settings));
    writeFileSync(
      join(cfg, 'secrets.json'),
      JSON.stringify({
        destinationKeys: {},
        whatnot: {},
        tiktok: {
          appKey: 'k',
          appSecret: 'secret-123456',
          accessToken: 'TTP_expired_token_1',
          accessTokenExpiresAt: 1_600_000_000,
        },
      }),
      { mode: 0o600 },
    );
    const r = await runCli(['doctor', '--json'], { dataDir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('TTP_expired_token_1');
    const f = (JSON.parse(r.stdout) as { findings: Array<{ check: string; status: string; detail: string }> }).findings;
    expect(f.find((x) => x.check === 'destination yt')).toMatchObject({ status: 'fail', detail: 'no stream key' });
    expect(f.find((x) => x.check === 'tiktok')).toMatchObject({ status: 'fail' });
    expect(f.find((x) => x.check === 'tiktok')?.detail).toMatch(/expired 2020-09-13/);
  });
});
