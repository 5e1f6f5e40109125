import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { LotcastPaths } from '../adapters/paths.js';
import { ConfigStore } from '../adapters/config-store.js';
import { inspectStore } from '../adapters/store/database.js';
import { LotcastError } from '../core/errors.js';
import { lastFeedFindings, relayFindings, type Finding } from './doctor-relay.js';
import { describeChannels, tiktokCredentials, whatnotToken } from './channel-connect.js';

export async function runDoctor(
  paths: LotcastPaths,
  o: { env: NodeJS.ProcessEnv; nodeVersion: string; minNode: string; nowS?: number },
): Promise<Finding[]> {
  const out: Finding[] = [];
  const [maj = 0, min = 0] = o.nodeVersion.replace(/^v/, '').split('.').map(Number);
  const [needMaj = 0, needMin = 0] = o.minNode.split('.').map(Number);
  const nodeOk = maj > needMaj || (maj === needMaj && min >= needMin);
  out.push(
    nodeOk
      ? { check: 'node', status: 'ok', detail: `Node ${o.nodeVersion}` }
      : {
          check: 'node',
          status: 'fail',
          detail: `Node ${o.nodeVersion} is too old (lotcast needs ${o.minNode} or newer)`,
          fix: 'Install Node 24 LTS from nodejs.org, or `nvm install 24`.',
        },
  );

  out.push(
    writable(
      'data folder',
      paths.dataDir,
      'Pass --data-dir (or LOTCAST_DATA_DIR) pointing at a folder you can write, or fix its permissions.',
    ),
  );
  const store = inspectStore(paths.dbFile);
  out.push(
    store.ok
      ? { check: 'store', status: 'ok', detail: store.detail }
      : {
          check: 'store',
          status: 'fail',
          detail: `${store.error.where ? `${store.error.where}: ` : ''}${store.error.message}`,
          ...(store.error.hint ? { fix: store.error.hint } : {}),
        },
  );
  const configW = writable(
    'config folder',
    paths.configDir,
    'Set LOTCAST_CONFIG_DIR to a folder you can write, or fix its permissions.',
  );
  out.push(configW);

  let config: ConfigStore | null = null;
  if (configW.status === 'ok') {
    try {
      config = new ConfigStore(paths.configDir);
    } catch (err) {
      out.push({
        check: 'config files',
        status: 'fail',
        detail: (err as Error).message,
        fix: err instanceof LotcastError && err.hint ? err.hint : 'Fix the file named above in a text editor.',
      });
    }
  }

  const ingest = config?.settings().ingest ?? { host: '127.0.0.1', port: 1935, app: 'live' };
  out.push(await portFree(ingest.host, ingest.port));
  if (config) {
    out.push(
      config.secrets().ingestKey
        ? { check: 'ingest key', status: 'ok', detail: 'set (OBS uses it; `lotcast relay` prints it)' }
        : {
            check: 'ingest key',
            status: 'warn',
            detail: 'not generated yet',
            fix: 'Run `lotcast init` (or the first `lotcast relay` makes one).',
          },
    );
  }

  const ffmpeg = spawnSync(o.env.LOTCAST_FFMPEG || 'ffmpeg', ['-version'], { encoding: 'utf8' });
  out.push(
    ffmpeg.status === 0
      ? { check: 'ffmpeg', status: 'ok', detail: (ffmpeg.stdout.split('\n')[0] ?? 'ffmpeg').slice(0, 60) }
      : {
          check: 'ffmpeg',
          status: 'warn',
          detail:
            'not installed: the relay\'s "be right back" slate and `lotcast clips` need it (the relay, the dashboard and the demo work without it)',
          fix: 'Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg.',
        },
  );

  out.push(...lastFeedFindings(join(paths.dataDir, 'last-feed.json')));
  if (config) out.push(...relayFindings(config.settings(), ffmpeg.status === 0, o.env.LOTCAST_FFMPEG || 'ffmpeg'));

  if (config) {
    const dests = config.settings().destinations;
    const keys = config.secrets().destinationKeys;
    if (!dests.length)
      out.push({
        check: 'destinations',
        status: 'warn',
        detail: 'none configured: the relay has nowhere to send',
        fix: 'lotcast destination add tiktok --preset tiktok --server <url> --key-stdin (or `lotcast init`).',
      });
    for (const d of dests) {
      const problems = [
        !/^rtmps?:\/\/[^/]+\/.+/.test(d.server) && `server "${d.server}" is not an rtmp:// or rtmps:// URL with an app`,
        !keys[d.name] && 'no stream key',
      ].filter(Boolean) as string[];
      out.push(
        problems.length
          ? {
              check: `destination ${d.name}`,
              status: 'fail',
              detail: problems.join('; '),
              fix: `lotcast destination add ${d.name} --preset ${d.preset} --server <url> --key-stdin`,
            }
          : {
              check: `destination ${d.name}`,
              status: 'ok',
              detail: `${d.preset}, ${d.server}${d.enabled ? '' : ' (disabled)'}`,
            },
      );
    }

    const nowS = o.nowS ?? Math.floor(Date.now() / 1000);
    const [wn, tt] = describeChannels(config, o.env, nowS);
    out.push(
      whatnotToken(config, o.env)
        ? {
            check: 'whatnot',
            status: 'ok',
            detail: `token ${wn!.details.token} (${wn!.details.environment}, from ${wn!.source})`,
          }
        : {
            check: 'whatnot',
            status: 'warn',
            detail: 'not connected (listing and order sync off; manual sales still work)',
            fix: 'lotcast channel add whatnot --token-stdin',
          },
    );
    const t = tiktokCredentials(config, o.env);
    if (!t || !(t.accessToken || t.refreshToken)) {
      out.push({
        check: 'tiktok',
        status: 'warn',
        detail: t
          ? 'app key set but no access token'
          : 'not connected (listing and order sync off; manual sales still work)',
        fix: 'lotcast channel add tiktok --app-key <key> --app-secret-stdin --auth-code <code>',
      });
    } else {
      const exp = t.accessTokenExpiresAt;
      const refreshOk =
        Boolean(t.refreshToken) && (t.refreshTokenExpiresAt === undefined || t.refreshTokenExpiresAt > nowS);
      if (exp !== undefined && exp <= nowS && !refreshOk)
        out.push({
          check: 'tiktok',
          status: 'fail',
          detail: `access token expired ${new Date(exp * 1000).toISOString()} and cannot be refreshed`,
          fix: 'Authorise again: lotcast channel add tiktok --app-key <key> --app-secret-stdin --auth-code <code>',
        });
      else if (exp !== undefined && exp - nowS < 86400 && !refreshOk)
        out.push({
          check: 'tiktok',
          status: 'warn',
          detail: `access token expires ${new Date(exp * 1000).toISOString()} (no refresh token)`,
          fix: 'Authorise again before the show: lotcast channel add tiktok ... --auth-code <code>',
        });
      else
        out.push({
          check: 'tiktok',
          status: 'ok',
          detail: `token ${tt!.details.accessToken}, expires ${tt!.details.tokenExpires}${refreshOk ? ', refreshed automatically' : ''}`,
        });
    }
  }
  return out;
}

function writable(check: string, dir: string, fix: string): Finding {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.lotcast-doctor-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return { check, status: 'ok', detail: dir };
  } catch (err) {
    return {
      check,
      status: 'fail',
      detail: `${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      fix,
    };
  }
}

function portFree(host: string, port: number): Promise<Finding> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      const inUse = err.code === 'EADDRINUSE';
      resolve({
        check: 'ingest port',
        status: 'fail',
        detail: inUse
          ? `${host}:${port} is in use by another program`
          : `cannot listen on ${host}:${port} (${err.code ?? err.message})`,
        fix: inUse
          ? `Stop what holds it (another lotcast relay, an RTMP server; see \`ss -ltnp | grep :${port}\`), or use another port: lotcast config set ingest.port ${port + 1}`
          : 'Use a port above 1023 and an address of this machine: lotcast config set ingest.port 1935; lotcast config set ingest.host 127.0.0.1',
      });
    });
    srv.listen(port, host, () =>
      srv.close(() => resolve({ check: 'ingest port', status: 'ok', detail: `${host}:${port} is free` })),
    );
  });
}
