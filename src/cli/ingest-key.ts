import { randomBytes } from 'node:crypto';
import type { ConfigStore } from '../adapters/config-store.js';

/** The local ingest key OBS publishes with: generated once, kept with the secrets. */
export function ensureIngestKey(config: ConfigStore): string {
  const existing = config.secrets().ingestKey;
  if (existing) return existing;
  const key = `lc_${randomBytes(12).toString('hex')}`;
  config.updateSecrets((s) => ({ ...s, ingestKey: key }));
  return key;
}
