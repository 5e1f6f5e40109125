import { NotFoundError, UsageError } from '../core/errors.js';
import { presetById } from '../core/relay/presets.js';
import { formatTransform, parseTransform } from '../core/relay/transform.js';
import { maskSecret } from '../core/redact.js';
import type { ConfigStore } from '../adapters/config-store.js';

export interface DestinationInput {
  name: string;
  preset: string;
  server?: string | undefined;
  key: string;
  /** `vertical,bitrate=2500`: this destination re-encoded by ffmpeg; absent: a copy. */
  transform?: string | undefined;
}

/** Validates one stream destination; returns its server URL (the preset's when none given). */
export function checkDestination(
  d: DestinationInput,
  flagHint = '--server',
): { server: string; label: string; preset: string } {
  if (!/^[a-z0-9][a-z0-9_-]{0,23}$/.test(d.name))
    throw new UsageError(`Destination name "${d.name}": use lowercase letters, digits, - and _.`);
  const preset = presetById(d.preset);
  if (!preset)
    throw new UsageError(`Unknown destination preset "${d.preset}".`, {
      hint: 'Presets: tiktok, whatnot, youtube, facebook, instagram, kick, twitch, custom.',
    });
  const server = d.server ?? preset.server;
  if (!server)
    throw new UsageError(`The ${preset.label} server URL differs per account: pass ${flagHint}.`, {
      hint: preset.note,
    });
  if (!/^rtmps?:\/\/[^/]+\/[^/]+/.test(server))
    throw new UsageError(`${flagHint} ${server}: write it like rtmp://host/app or rtmps://host:443/app.`);
  if (!d.key)
    throw new UsageError(`The stream key for ${d.name} is empty.`, {
      hint: "Copy it from the platform's live settings.",
    });
  return { server, label: preset.label, preset: preset.id };
}

/** Validates and saves one stream destination (settings) and its key (secrets). */
export function saveDestination(
  config: ConfigStore,
  d: DestinationInput,
  flagHint = '--server',
): { name: string; server: string; label: string } {
  const { server, label, preset } = checkDestination(d, flagHint);
  let transform: string | undefined;
  if (d.transform !== undefined) {
    const t = parseTransform(d.transform);
    if (typeof t === 'string')
      throw new UsageError(`--transform ${d.transform}: ${t}.`, {
        hint: 'For example --transform vertical,bitrate=2500 (vertical, scale=WxH, bitrate=K, fps=N).',
      });
    transform = formatTransform(t);
  }
  config.updateSettings((s) => ({
    ...s,
    destinations: [
      ...s.destinations.filter((x) => x.name !== d.name),
      { name: d.name, preset, server, enabled: true, ...(transform ? { transform } : {}) },
    ],
  }));
  config.updateSecrets((s) => ({ ...s, destinationKeys: { ...s.destinationKeys, [d.name]: d.key } }));
  return { name: d.name, server, label };
}

/** Every destination in the order the relay numbers them, keys masked. */
export function listDestinations(config: ConfigStore) {
  const keys = config.secrets().destinationKeys;
  return config.settings().destinations.map((d, i) => ({ index: i + 1, ...d, key: maskSecret(keys[d.name]) }));
}

export function setDestinationEnabled(config: ConfigStore, name: string, enabled: boolean): void {
  if (!config.settings().destinations.some((d) => d.name === name))
    throw new NotFoundError(`No destination ${name}.`, { hint: 'See `lotcast destination list`.' });
  config.updateSettings((s) => ({
    ...s,
    destinations: s.destinations.map((d) => (d.name === name ? { ...d, enabled } : d)),
  }));
}

/** Removes a destination and forgets its key. */
export function removeDestination(config: ConfigStore, name: string): void {
  if (!config.settings().destinations.some((d) => d.name === name)) throw new NotFoundError(`No destination ${name}.`);
  config.updateSettings((s) => ({ ...s, destinations: s.destinations.filter((d) => d.name !== name) }));
  config.updateSecrets((s) => {
    const { [name]: _gone, ...rest } = s.destinationKeys;
    return { ...s, destinationKeys: rest };
  });
}
