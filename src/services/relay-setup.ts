import { UsageError } from '../core/errors.js';
import { joinStreamUrl } from '../core/relay/presets.js';
import type { ConfigStore } from '../adapters/config-store.js';
import { ensureIngestKey } from './ingest-key.js';
import type { RelayOptions } from './relay.js';
import type { SlateOptions } from './relay-slate.js';
import { slateFromSettings } from './relay-slate-setup.js';

type Listen = RelayOptions['listen'];

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

/** Configured destinations with their keys, as relay destinations (full URLs, secret). */
export function configuredDestinations(config: ConfigStore): RelayOptions['destinations'] {
  const secrets = config.secrets();
  return config.settings().destinations.map((d) => ({
    name: d.name,
    url: joinStreamUrl(d.server, secrets.destinationKeys[d.name] ?? ''),
    enabled: d.enabled,
    preset: d.preset,
    ...(d.transform ? { transform: d.transform } : {}),
  }));
}

/** The secret part of a destination URL (its stream key), to mask in everything printed. */
export function streamKeyOf(url: string): string {
  return url.replace(/^rtmps?:\/\/[^/]+\/[^/]+\//, '');
}

export interface RelayRequest {
  listen?: Listen | undefined;
  /** The ingest key given on the command line; default: the stored one (made on first use). */
  key?: string | undefined;
  /** Ad-hoc destination URLs instead of the configured ones. */
  to?: string[] | undefined;
  allowRemote: boolean;
  /** Send the "be right back" slate while OBS is gone (when the settings and ffmpeg allow). */
  slate: boolean;
}

/**
 * What `lotcast relay` runs: the ingest (loopback unless allowed otherwise), its key, and the
 * destinations (`--to` URLs, or every enabled configured one). Checked before anything binds.
 */
export function planRelay(
  config: ConfigStore,
  r: RelayRequest,
  env: NodeJS.ProcessEnv,
): {
  listen: Listen;
  key: string;
  destinations: RelayOptions['destinations'];
  slate: SlateOptions | null;
  /** What the seller should know (no ffmpeg for the slate, an unreadable slate image). */
  note: string | null;
} {
  const listen = r.listen ?? config.settings().ingest;
  if (!LOOPBACK.includes(listen.host) && !r.allowRemote) {
    throw new UsageError(`--listen on ${listen.host} would accept encoders from other machines.`, {
      hint: 'Add --allow-remote if you mean it (the stream key is still required), or use 127.0.0.1.',
    });
  }
  const key = r.key ?? ensureIngestKey(config);
  const destinations = r.to?.length
    ? r.to.map((url, i) => ({ name: r.to!.length === 1 ? 'to' : `to${i + 1}`, url }))
    : configuredDestinations(config)
        .filter((d) => d.enabled)
        .map(({ name, url, transform, preset }) => ({ name, url, preset, ...(transform ? { transform } : {}) }));
  if (destinations.length === 0)
    throw new UsageError('No destinations to relay to.', {
      hint: 'Add one with `lotcast destination add tiktok --preset tiktok`, or pass --to rtmp://host/app/KEY.',
    });
  const { slate, note } = r.slate ? slateFromSettings(config.settings(), { env }) : { slate: null, note: null };
  return { listen, key, destinations, slate, note };
}
