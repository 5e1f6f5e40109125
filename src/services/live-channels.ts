import type { Channel, ChannelLink } from '../core/channel-types.js';
import type { Redactor } from '../core/redact.js';
import type { ConfigStore } from '../adapters/config-store.js';
import type { Store } from '../adapters/store/database.js';
import { ListingRepo } from '../adapters/store/listing-repo.js';
import { TikTokLink, WhatnotLink } from '../adapters/channels/links.js';
import { channelSecretValues, configuredChannels, tiktokClient, whatnotClient } from './channel-connect.js';
import { startChannelSync, type RunningChannelSync } from './channel-sync.js';
import type { LiveShow } from './live-show.js';

/**
 * Connects a live show to the platforms it sells on that lotcast has credentials for.
 * Credentials are checked now; the sync itself starts once the show is live (`start`).
 * Returns null (and the show runs on manual keys alone) when none are connected.
 */
export function prepareLiveChannels(
  show: LiveShow,
  store: Store,
  config: ConfigStore,
  o: { env: NodeJS.ProcessEnv; pollSeconds?: number | undefined; redactor: Redactor; onLog?: (line: string) => void },
): { channels: Channel[]; start: () => RunningChannelSync } | null {
  o.redactor.add(...channelSecretValues(config, o.env));
  const wanted = show.plan.show.channels;
  const channels = configuredChannels(config, o.env).filter((c) => wanted.includes(c));
  if (!channels.length) return null;
  const listings = new ListingRepo(store);
  const clients = {
    tiktok: channels.includes('tiktok') ? tiktokClient(config, { env: o.env }) : null,
    whatnot: channels.includes('whatnot') ? whatnotClient(config, { env: o.env }) : null,
  };
  const pollMs = Math.max(1, o.pollSeconds ?? config.settings().live.orderPollSeconds) * 1000;
  const start = () => {
    // From the show's start, so orders placed while lotcast was down (a crash, a restart) still count.
    const since = new Date(show.current.startedAt ?? Date.now());
    const links: ChannelLink[] = channels.map((c) =>
      c === 'tiktok'
        ? new TikTokLink(clients.tiktok!, listings, since)
        : new WhatnotLink(clients.whatnot!, listings, since),
    );
    return startChannelSync(show, links, {
      pollMs,
      redact: (t) => o.redactor.redact(t),
      ...(o.onLog ? { onLog: o.onLog } : {}),
    });
  };
  return { channels, start };
}
