import type { Channel } from '../core/channel-types.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { maskSecret, Redactor } from '../core/redact.js';
import type { ConfigStore, Secrets } from '../adapters/config-store.js';
import { PlatformHttp } from '../adapters/channels/http.js';
import { TikTokClient } from '../adapters/channels/tiktok-client.js';
import {
  TIKTOK_DEFAULT_API_BASE,
  TIKTOK_DEFAULT_AUTH_BASE,
  type TikTokCredentials,
} from '../adapters/channels/tiktok-api.js';
import { WhatnotClient, WHATNOT_DEFAULT_API_BASE } from '../adapters/channels/whatnot-client.js';

/**
 * Channel credentials come from the environment first (scripts, CI), then from secrets.json.
 * Base URLs likewise, so sandboxes and test servers are one variable away.
 */
export interface ChannelEnv {
  env: NodeJS.ProcessEnv;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function tiktokCredentials(config: ConfigStore, env: NodeJS.ProcessEnv): TikTokCredentials | null {
  const s = config.secrets().tiktok;
  const appKey = env.LOTCAST_TIKTOK_APP_KEY || s.appKey;
  const appSecret = env.LOTCAST_TIKTOK_APP_SECRET || s.appSecret;
  if (!appKey || !appSecret) return null;
  const envToken = env.LOTCAST_TIKTOK_ACCESS_TOKEN;
  return {
    appKey,
    appSecret,
    ...(envToken
      ? { accessToken: envToken }
      : {
          accessToken: s.accessToken,
          accessTokenExpiresAt: s.accessTokenExpiresAt,
          refreshToken: s.refreshToken,
          refreshTokenExpiresAt: s.refreshTokenExpiresAt,
        }),
    shopCipher: env.LOTCAST_TIKTOK_SHOP_CIPHER || s.shopCipher,
    sellerName: s.sellerName,
  };
}

export function whatnotToken(config: ConfigStore, env: NodeJS.ProcessEnv): string | undefined {
  return env.LOTCAST_WHATNOT_TOKEN || config.secrets().whatnot.token || undefined;
}

export function channelBases(
  config: ConfigStore,
  env: NodeJS.ProcessEnv,
): { tiktokApi: string; tiktokAuth: string; whatnotApi: string } {
  const c = config.settings().channels;
  return {
    tiktokApi: env.LOTCAST_TIKTOK_API_BASE || c.tiktok.apiBase || TIKTOK_DEFAULT_API_BASE,
    tiktokAuth: env.LOTCAST_TIKTOK_AUTH_BASE || c.tiktok.authBase || TIKTOK_DEFAULT_AUTH_BASE,
    whatnotApi: env.LOTCAST_WHATNOT_API_BASE || c.whatnot.apiBase || WHATNOT_DEFAULT_API_BASE,
  };
}

/** Every channel secret in play (env included), for masking output. */
export function channelSecretValues(config: ConfigStore, env: NodeJS.ProcessEnv): string[] {
  const t = tiktokCredentials(config, env);
  return [t?.appSecret, t?.accessToken, t?.refreshToken, whatnotToken(config, env)].filter((v): v is string =>
    Boolean(v),
  );
}

function redactorFor(config: ConfigStore, env: NodeJS.ProcessEnv, extra: string[] = []): Redactor {
  return new Redactor().add(...config.allSecretValues(), ...channelSecretValues(config, env), ...extra);
}

export function configuredChannels(config: ConfigStore, env: NodeJS.ProcessEnv): Channel[] {
  const out: Channel[] = [];
  if (whatnotToken(config, env)) out.push('whatnot');
  const t = tiktokCredentials(config, env);
  if (t && (t.accessToken || t.refreshToken)) out.push('tiktok');
  return out;
}

/** A ConfigError saying how to connect the channel, unless it is connected (what `list` needs). */
export function requireConnected(config: ConfigStore, channel: Channel, env: NodeJS.ProcessEnv): void {
  if (configuredChannels(config, env).includes(channel)) return;
  if (channel === 'whatnot')
    throw new ConfigError('Whatnot is not set up.', {
      hint: 'Run `lotcast channel add whatnot --token-stdin`, or set LOTCAST_WHATNOT_TOKEN.',
    });
  if (tiktokCredentials(config, env))
    throw new ConfigError('TikTok Shop has an app key but no access token.', {
      hint: 'Authorise the shop: lotcast channel add tiktok --app-key <key> --app-secret-stdin --auth-code <code>, or set LOTCAST_TIKTOK_ACCESS_TOKEN.',
    });
  throw new ConfigError('TikTok Shop is not set up.', {
    hint: 'Run `lotcast channel add tiktok`, or set LOTCAST_TIKTOK_APP_KEY, LOTCAST_TIKTOK_APP_SECRET and LOTCAST_TIKTOK_ACCESS_TOKEN.',
  });
}

export function tiktokClient(config: ConfigStore, ce: ChannelEnv, creds?: TikTokCredentials): TikTokClient {
  const c = creds ?? tiktokCredentials(config, ce.env);
  if (!c)
    throw new ConfigError('TikTok Shop is not set up.', {
      hint: 'Run `lotcast channel add tiktok`, or set LOTCAST_TIKTOK_APP_KEY, LOTCAST_TIKTOK_APP_SECRET and LOTCAST_TIKTOK_ACCESS_TOKEN.',
    });
  const bases = channelBases(config, ce.env);
  const http = new PlatformHttp({
    platform: 'tiktok',
    redactor: redactorFor(config, ce.env, [c.appSecret, c.accessToken ?? '', c.refreshToken ?? '']),
    ...(ce.sleep ? { sleep: ce.sleep } : {}),
  });
  const fromEnv = Boolean(ce.env.LOTCAST_TIKTOK_ACCESS_TOKEN);
  return new TikTokClient(c, {
    apiBase: bases.tiktokApi,
    authBase: bases.tiktokAuth,
    http,
    ...(ce.now ? { now: ce.now } : {}),
    // Refreshed tokens and a discovered shop cipher are kept, so the next run need not ask again.
    onCredentials: (n) => {
      if (fromEnv) return;
      config.updateSecrets((s) => ({ ...s, tiktok: { ...s.tiktok, ...definedOnly(n) } }));
    },
  });
}

export function whatnotClient(config: ConfigStore, ce: ChannelEnv): WhatnotClient {
  const token = whatnotToken(config, ce.env);
  if (!token)
    throw new ConfigError('Whatnot is not set up.', {
      hint: 'Run `lotcast channel add whatnot --token-stdin`, or set LOTCAST_WHATNOT_TOKEN.',
    });
  const http = new PlatformHttp({
    platform: 'whatnot',
    redactor: redactorFor(config, ce.env, [token]),
    ...(ce.sleep ? { sleep: ce.sleep } : {}),
  });
  return new WhatnotClient({
    apiBase: channelBases(config, ce.env).whatnotApi,
    token,
    http,
    ...(ce.now ? { now: ce.now } : {}),
    ...(ce.sleep ? { sleep: ce.sleep } : {}),
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// -- channel add / remove / list --

export type AddChannelInput =
  | { channel: 'whatnot'; token: string; verify: boolean }
  | {
      channel: 'tiktok';
      appKey: string;
      appSecret: string;
      accessToken?: string;
      authCode?: string;
      shopCipher?: string;
      verify: boolean;
    };

export interface ChannelInfo {
  channel: Channel;
  configured: boolean;
  source: 'env' | 'config' | 'none';
  details: Record<string, string>;
}

/**
 * Saves a channel's credentials after checking them against the platform (unless verify is
 * off): a token that does not work is refused rather than stored.
 */
export async function addChannel(config: ConfigStore, input: AddChannelInput, ce: ChannelEnv): Promise<ChannelInfo> {
  if (input.channel === 'whatnot') {
    if (!/^wn_access_tk_/.test(input.token) && input.token.length < 16)
      throw new UsageError('That does not look like a Whatnot API token (they start with wn_access_tk_).');
    if (input.verify) {
      // The token under test goes in through the env overlay, so nothing is saved before it works.
      const ok = await whatnotClient(config, {
        ...ce,
        env: { ...ce.env, LOTCAST_WHATNOT_TOKEN: input.token },
      }).health();
      if (!ok)
        throw new ConfigError('Whatnot did not confirm the token (health check failed).', {
          hint: 'Check LOTCAST_WHATNOT_API_BASE / the token, or pass --no-verify to save it anyway.',
        });
    }
    config.updateSecrets((s) => ({ ...s, whatnot: { token: input.token } }));
    return describeChannels(config, {})[0]!;
  }
  if (!input.accessToken && !input.authCode)
    throw new UsageError('TikTok needs --auth-code (from the authorisation redirect) or --access-token.');
  let creds: TikTokCredentials = {
    appKey: input.appKey,
    appSecret: input.appSecret,
    ...(input.accessToken ? { accessToken: input.accessToken } : {}),
    ...(input.shopCipher ? { shopCipher: input.shopCipher } : {}),
  };
  const scratchEnv = stripTikTokEnv(ce.env);
  const client = tiktokClient(config, { ...ce, env: scratchEnv }, creds);
  if (input.authCode) creds = await client.exchangeCode(input.authCode);
  if (input.verify || input.authCode) {
    await client.shopCipher();
    creds = client.credentials;
  }
  config.updateSecrets((s) => ({ ...s, tiktok: definedOnly(creds) as Secrets['tiktok'] }));
  return describeChannels(config, {})[1]!;
}

export function removeChannel(config: ConfigStore, channel: Channel): boolean {
  const had = channel === 'whatnot' ? Boolean(config.secrets().whatnot.token) : Boolean(config.secrets().tiktok.appKey);
  config.updateSecrets((s) => (channel === 'whatnot' ? { ...s, whatnot: {} } : { ...s, tiktok: {} }));
  return had;
}

export function describeChannels(
  config: ConfigStore,
  env: NodeJS.ProcessEnv,
  nowS = Math.floor(Date.now() / 1000),
): ChannelInfo[] {
  const bases = channelBases(config, env);
  const wt = whatnotToken(config, env);
  const whatnot: ChannelInfo = {
    channel: 'whatnot',
    configured: Boolean(wt),
    source: env.LOTCAST_WHATNOT_TOKEN ? 'env' : wt ? 'config' : 'none',
    details: {
      token: maskSecret(wt),
      api: bases.whatnotApi,
      environment: wt?.startsWith('wn_access_tk_test_') ? 'staging' : wt ? 'production' : '-',
    },
  };
  const t = tiktokCredentials(config, env);
  const exp = t?.accessTokenExpiresAt;
  const tiktok: ChannelInfo = {
    channel: 'tiktok',
    configured: Boolean(t && (t.accessToken || t.refreshToken)),
    source: env.LOTCAST_TIKTOK_APP_KEY || env.LOTCAST_TIKTOK_ACCESS_TOKEN ? 'env' : t ? 'config' : 'none',
    details: {
      appKey: t?.appKey ?? '(not set)',
      appSecret: maskSecret(t?.appSecret),
      accessToken: maskSecret(t?.accessToken),
      tokenExpires: exp
        ? `${new Date(exp * 1000).toISOString()}${exp < nowS ? ' (expired)' : ''}`
        : t?.accessToken
          ? 'unknown'
          : '-',
      refreshToken: t?.refreshToken ? 'yes' : 'no',
      shop: t?.sellerName ?? '-',
      shopCipher: t?.shopCipher ? 'known' : 'discovered on first use',
      api: bases.tiktokApi,
    },
  };
  return [whatnot, tiktok];
}

function stripTikTokEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    LOTCAST_TIKTOK_APP_KEY: _a,
    LOTCAST_TIKTOK_APP_SECRET: _b,
    LOTCAST_TIKTOK_ACCESS_TOKEN: _c,
    LOTCAST_TIKTOK_SHOP_CIPHER: _d,
    ...rest
  } = env;
  return rest;
}
