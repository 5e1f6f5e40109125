import type { Channel } from '../core/channel-types.js';
import { UsageError } from '../core/errors.js';
import { isPort, PORT_RANGE } from '../core/port.js';
import type { ConfigStore } from '../adapters/config-store.js';
import { presetById } from '../core/relay/presets.js';
import { checkDestination, saveDestination } from './destinations.js';
import { ensureIngestKey } from './ingest-key.js';

/**
 * `lotcast init`, without the prompts: the answers (from the wizard or from flags) applied to
 * config in one go, and what to tell the seller afterwards.
 */
export interface SetupAnswers {
  channels: Channel[];
  destinations: Array<{ name: string; preset: string; server?: string | undefined; key: string }>;
  ingest: { host: string; port: number };
  newIngestKey: boolean;
}

export interface SetupResult {
  obs: { server: string; streamKey: string };
  destinations: Array<{ name: string; server: string; label: string }>;
  channels: Channel[];
  next: string[];
  configFiles: { settings: string; secrets: string };
}

export function applySetup(config: ConfigStore, a: SetupAnswers): SetupResult {
  if (!isPort(a.ingest.port))
    throw new UsageError(`Ingest port ${a.ingest.port}: give a port ${PORT_RANGE}.`, { where: '--ingest-port' });
  // Check every destination before saving any, so a bad one leaves config as it was.
  const names = new Set<string>();
  for (const d of a.destinations) {
    if (names.has(d.name)) throw new UsageError(`Destination ${d.name} is given twice.`);
    names.add(d.name);
    checkDestination(d, `--destination ${d.name}=<server URL>`);
  }
  for (const d of a.destinations) saveDestination(config, d);
  config.updateSettings((s) => ({ ...s, ingest: { ...s.ingest, host: a.ingest.host, port: a.ingest.port } }));
  const key = ensureIngestKey(config, { renew: a.newIngestKey });
  const ingest = config.settings().ingest;
  // Every destination now configured, those set up earlier included.
  const destinations = config
    .settings()
    .destinations.map((d) => ({ name: d.name, server: d.server, label: presetById(d.preset)?.label ?? d.preset }));
  const next = [
    'lotcast inventory import my-sheet.csv',
    ...(a.channels.length ? [`lotcast list --channel ${a.channels.length > 1 ? 'all' : a.channels[0]} --dry-run`] : []),
    `lotcast show plan --name "Sunday Thrift" --duration 2h --channels ${(a.channels.length ? a.channels : ['whatnot', 'tiktok']).join(',')}`,
    'lotcast live <show id> --relay      # then press Start Streaming in OBS',
    'lotcast doctor                      # checks everything above',
  ];
  return {
    obs: { server: `rtmp://${ingest.host}:${ingest.port}/${ingest.app}`, streamKey: key },
    destinations,
    channels: a.channels,
    next,
    configFiles: { settings: config.settingsPath, secrets: config.secretsPath },
  };
}
