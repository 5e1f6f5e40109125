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

/** `--listen rtmp://HOST[:PORT]/APP`: where the local ingest listens. */
export function parseListen(url: string): { host: string; port: number; app: string } {
  const m = /^rtmp:\/\/([^/:]+)(?::(\d+))?\/([A-Za-z0-9_-]+)\/?$/.exec(url.trim());
  if (!m) throw new UsageError(`--listen ${url}: write it like rtmp://127.0.0.1:1935/live.`);
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 1935, app: m[3]! };
}

/** A `<channel>` argument: whatnot or tiktok. */
export function parseChannel(name: string): Channel {
  if (!isChannel(name)) throw new UsageError(`Unknown channel "${name}": use whatnot or tiktok.`);
  return name;
}
