import { randomBytes } from 'node:crypto';
import type { ConfigStore } from '../adapters/config-store.js';

/** A fresh key for a local ingest: `prefix_` and 2n hex digits, unguessable. */
export function newStreamKey(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('hex')}`;
}

/**
 * The local ingest key OBS publishes with: generated once (or again when `renew`), kept with
 * the secrets.
 */
export function ensureIngestKey(config: ConfigStore, opts: { renew?: boolean } = {}): string {
  const existing = config.secrets().ingestKey;
  if (existing && !opts.renew) return existing;
  const key = newStreamKey('lc');
  config.updateSecrets((s) => ({ ...s, ingestKey: key }));
  return key;
}
