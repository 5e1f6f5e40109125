import { isChannel, type Channel } from '../core/channel-types.js';
import { UsageError } from '../core/errors.js';

/** `--channels whatnot,tiktok`: at least one known channel, each once. */
export function parseChannels(raw: string): Channel[] {
  const list = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const bad = list.filter((c) => !isChannel(c));
  if (bad.length || list.length === 0)
    throw new UsageError(`--channels: unknown channel ${bad.join(', ') || '(none)'}.`, {
      hint: 'Use whatnot, tiktok, or whatnot,tiktok for a simulcast.',
    });
  return list as Channel[];
}

export interface ListenAddress {
  host: string;
  port: number;
  app: string;
  /** An rtmps:// ingest: the certificate and key files it serves. */
  tls?: { certFile: string; keyFile: string };
}

/**
 * `--listen rtmp://HOST[:PORT]/APP` (or `rtmps://` with `--tls-cert` and `--tls-key`): where the
 * ingest listens.
 */
export function parseListen(url: string, tls: { tlsCert?: string; tlsKey?: string } = {}): ListenAddress {
  const m = /^(rtmps?):\/\/([^/:]+)(?::(\d+))?\/([A-Za-z0-9_-]+)\/?$/.exec(url.trim());
  if (!m)
    throw new UsageError(
      `--listen ${url}: write it like rtmp://127.0.0.1:1935/live (or rtmps://0.0.0.0:1936/live with --tls-cert and --tls-key).`,
    );
  const secure = m[1] === 'rtmps';
  const port = m[3] ? Number(m[3]) : secure ? 443 : 1935;
  if (!(port >= 1 && port <= 65535)) throw new UsageError(`--listen ${url}: the port must be 1 to 65535.`);
  const address = { host: m[2]!, port, app: m[4]! };
  if (!secure) {
    if (tls.tlsCert || tls.tlsKey)
      throw new UsageError('--tls-cert and --tls-key are for an rtmps:// ingest.', {
        hint: 'Write --listen rtmps://HOST:PORT/live to serve RTMPS.',
      });
    return address;
  }
  if (!tls.tlsCert || !tls.tlsKey)
    throw new UsageError(`--listen ${url}: an rtmps:// ingest needs --tls-cert FILE and --tls-key FILE (PEM).`, {
      hint: "Use your server's certificate (e.g. Let's Encrypt fullchain.pem and privkey.pem), or rtmp:// on 127.0.0.1.",
    });
  return { ...address, tls: { certFile: tls.tlsCert, keyFile: tls.tlsKey } };
}

/** A `<channel>` argument: whatnot or tiktok. */
export function parseChannel(name: string): Channel {
  if (!isChannel(name)) throw new UsageError(`Unknown channel "${name}": use whatnot or tiktok.`);
  return name;
}
