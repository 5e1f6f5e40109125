import type { Channel } from '../core/channel-types.js';
import type { Redactor } from '../core/redact.js';
import type { ConfigStore } from '../adapters/config-store.js';
import { PlatformHttp } from '../adapters/channels/http.js';
import { TikTokPublisher, WhatnotPublisher, type ListingPublisher } from './listing-publishers.js';
import { channelSecretValues, configuredChannels, tiktokClient, whatnotClient } from './channel-connect.js';

/**
 * Publishers for `lotcast list`. A dry run works without credentials (values the platform
 * hands out show as placeholders); a real run needs them and says how to add them.
 */
export function buildPublishers(config: ConfigStore, channels: Channel[], o: { env: NodeJS.ProcessEnv; dryRun: boolean; imageBaseDir: string; redactor: Redactor }): ListingPublisher[] {
  o.redactor.add(...channelSecretValues(config, o.env));
  const connected = configuredChannels(config, o.env);
  const settings = config.settings().channels;
  return channels.map((ch) => {
    const live = connected.includes(ch);
    if (!live && !o.dryRun) {
      // Throws the ConfigError that says how to connect this channel.
      if (ch === 'tiktok') tiktokClient(config, { env: o.env });
      else whatnotClient(config, { env: o.env });
    }
    if (ch === 'tiktok') {
      const http = new PlatformHttp({ platform: 'tiktok', redactor: o.redactor });
      return new TikTokPublisher(live ? tiktokClient(config, { env: o.env }) : null, http, { categoryMap: settings.tiktok.categoryMap ?? {}, warehouseId: settings.tiktok.warehouseId, imageBaseDir: o.imageBaseDir });
    }
    return new WhatnotPublisher(live ? whatnotClient(config, { env: o.env }) : null, { categoryMap: settings.whatnot.categoryMap ?? {} });
  });
}
