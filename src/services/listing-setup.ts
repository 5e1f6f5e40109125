import type { Channel } from '../core/channel-types.js';
import type { Redactor } from '../core/redact.js';
import type { ConfigStore } from '../adapters/config-store.js';
import { PlatformHttp } from '../adapters/channels/http.js';
import { TikTokPublisher, WhatnotPublisher, type ListingPublisher } from './listing-publishers.js';
import {
  channelSecretValues,
  configuredChannels,
  requireConnected,
  tiktokClient,
  whatnotClient,
} from './channel-connect.js';

/**
 * Publishers for `lotcast list`. A dry run works without credentials (values the platform
 * hands out show as placeholders); a real run needs them and says how to add them.
 */
export function buildPublishers(
  config: ConfigStore,
  channels: Channel[],
  o: { env: NodeJS.ProcessEnv; dryRun: boolean; imageBaseDir: string; redactor: Redactor },
): ListingPublisher[] {
  o.redactor.add(...channelSecretValues(config, o.env));
  const connected = configuredChannels(config, o.env);
  const settings = config.settings().channels;
  return channels.map((ch) => {
    const live = connected.includes(ch);
    // A dry run works without credentials; a real one says how to connect the channel.
    if (!o.dryRun) requireConnected(config, ch, o.env);
    if (ch === 'tiktok') {
      const http = new PlatformHttp({ platform: 'tiktok', redactor: o.redactor });
      return new TikTokPublisher(live ? tiktokClient(config, { env: o.env }) : null, http, {
        categoryMap: settings.tiktok.categoryMap ?? {},
        warehouseId: settings.tiktok.warehouseId,
        imageBaseDir: o.imageBaseDir,
      });
    }
    return new WhatnotPublisher(live ? whatnotClient(config, { env: o.env }) : null, {
      categoryMap: settings.whatnot.categoryMap ?? {},
    });
  });
}
