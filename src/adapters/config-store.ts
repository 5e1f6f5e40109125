import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Conf from 'conf';
import { ConfigError } from '../core/errors.js';

/** Non-secret settings (settings.json in the config folder). */
export interface Settings {
  ingest: { host: string; port: number; app: string };
  /** Stream destinations; each one's key lives in secrets.destinationKeys[name]. */
  destinations: DestinationSetting[];
  channels: {
    tiktok: { apiBase?: string; authBase?: string; warehouseId?: string; categoryMap?: Record<string, string> };
    whatnot: { apiBase?: string; categoryMap?: Record<string, string> };
  };
  live: { orderPollSeconds: number };
  /** The overlays and producer page (`lotcast live` serves them). */
  overlay: {
    port: number;
    /** Buyer handles on pages: full, short ("@ja…") or hidden. */
    buyers: 'full' | 'short' | 'hidden';
    /** A show goal for /overlay/goal, in dollars (0: no goal). */
    goal: number;
    /** A CSS file layered over every overlay. */
    css?: string;
  };
  relay: RelaySettings;
}

export interface RelaySettings {
  /** The "be right back" slate while the encoder is gone (needs ffmpeg). */
  slate: { enabled: boolean; image?: string; maxMinutes: number };
}

export interface DestinationSetting {
  name: string;
  /** tiktok | whatnot | youtube | facebook | instagram | kick | twitch | custom */
  preset: string;
  /** Server URL without the key, rtmp:// or rtmps:// */
  server: string;
  enabled: boolean;
  /** Re-encode this destination alone (`vertical,bitrate=2500`); absent: a copy of the feed. */
  transform?: string;
}

/**
 * The secrets.json fields whose values are secret: masked in every output (`config list`
 * included) and redacted from every message. A family (destinationKeys) holds one per name.
 * The TikTok app key and shop cipher are identifiers, kept in secrets.json but shown.
 */
export const SECRET_FIELDS = [
  'ingestKey',
  'destinationKeys',
  'tiktok.appSecret',
  'tiktok.accessToken',
  'tiktok.refreshToken',
  'whatnot.token',
] as const;

/** Secrets (secrets.json, mode 0600). Never printed: use maskSecret/Redactor. */
export interface Secrets {
  ingestKey?: string;
  destinationKeys: Record<string, string>;
  tiktok: {
    appKey?: string;
    appSecret?: string;
    accessToken?: string;
    accessTokenExpiresAt?: number; // unix seconds
    refreshToken?: string;
    refreshTokenExpiresAt?: number;
    shopCipher?: string;
    sellerName?: string;
  };
  whatnot: { token?: string };
}

export const defaultSettings: Settings = {
  ingest: { host: '127.0.0.1', port: 1935, app: 'live' },
  destinations: [],
  channels: { tiktok: {}, whatnot: {} },
  live: { orderPollSeconds: 3 },
  // 4477: not OBS's own 4455 (obs-websocket), nor the RTMP ingest's 1935.
  overlay: { port: 4477, buyers: 'full', goal: 0 },
  relay: { slate: { enabled: true, maxMinutes: 10 } },
};

const defaultSecrets: Secrets = { destinationKeys: {}, tiktok: {}, whatnot: {} };

/**
 * Typed wrapper around conf: settings.json for everything shown freely, secrets.json
 * (0600, readable by the user alone) for keys and tokens.
 */
export class ConfigStore {
  private readonly settingsConf: Conf<Settings>;
  private readonly secretsConf: Conf<Secrets>;

  constructor(readonly dir: string) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.settingsConf = new Conf<Settings>({
        cwd: dir,
        configName: 'settings',
        defaults: structuredClone(defaultSettings) as never,
      });
      this.secretsConf = new Conf<Secrets>({
        cwd: dir,
        configName: 'secrets',
        defaults: structuredClone(defaultSecrets) as never,
        configFileMode: 0o600,
      });
      // conf only applies the mode when it writes; tighten a file someone copied in.
      if (existsSync(this.secretsConf.path)) chmodSync(this.secretsConf.path, 0o600);
    } catch (err) {
      throw configError(err, dir, 'read');
    }
  }

  get settingsPath(): string {
    return this.settingsConf.path;
  }

  get secretsPath(): string {
    return this.secretsConf.path;
  }

  settings(): Settings {
    const s = this.settingsConf.store;
    return {
      ...defaultSettings,
      ...s,
      ingest: { ...defaultSettings.ingest, ...s.ingest },
      channels: { ...defaultSettings.channels, ...s.channels },
      live: { ...defaultSettings.live, ...s.live },
      overlay: { ...defaultSettings.overlay, ...s.overlay },
      relay: { ...s.relay, slate: { ...defaultSettings.relay.slate, ...s.relay?.slate } },
    };
  }

  updateSettings(patch: (s: Settings) => Settings): Settings {
    const next = patch(this.settings());
    try {
      this.settingsConf.store = next;
    } catch (err) {
      throw configError(err, this.dir, 'save');
    }
    return next;
  }

  secrets(): Secrets {
    const s = this.secretsConf.store;
    return {
      ...defaultSecrets,
      ...s,
      destinationKeys: { ...s.destinationKeys },
      tiktok: { ...s.tiktok },
      whatnot: { ...s.whatnot },
    };
  }

  updateSecrets(patch: (s: Secrets) => Secrets): Secrets {
    const next = patch(this.secrets());
    try {
      this.secretsConf.store = next;
      chmodSync(this.secretsConf.path, 0o600);
    } catch (err) {
      throw configError(err, this.dir, 'save');
    }
    return next;
  }

  /** Every secret value, so output can mask them wherever they would appear. */
  allSecretValues(): string[] {
    const s = this.secrets() as unknown as Record<string, unknown>;
    const values = SECRET_FIELDS.flatMap((path) => {
      const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);
      return v !== null && typeof v === 'object' ? Object.values(v) : [v];
    });
    return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
  }
}

/**
 * A config folder or file problem, said so the user can act on it: never a hint to delete
 * secrets.json (it holds stream keys and tokens that cannot be read back from anywhere).
 */
function configError(err: unknown, dir: string, doing: 'read' | 'save'): ConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  const nothing = doing === 'save' ? ' Nothing was changed.' : '';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new ConfigError(
      `lotcast cannot write its config folder ${dir}: ${code === 'EROFS' ? 'it is on a read-only disk' : 'this user may not write there'}.${nothing}`,
      {
        hint: `Make the folder writable (check \`ls -ld ${dir}\`), or keep lotcast's config in a folder you can write: LOTCAST_CONFIG_DIR=<folder> (or --data-dir <folder> for a whole separate lotcast).`,
        cause: err,
      },
    );
  if (code === 'ENOSPC')
    return new ConfigError(`The disk holding lotcast's config (${dir}) is full.${nothing}`, {
      hint: 'Free some space on that disk, then do it again; the settings saved before are intact.',
      cause: err,
    });
  const broken = brokenJsonFile(dir);
  if (broken)
    return new ConfigError(`${basename(broken)} is not valid JSON, so lotcast cannot read its settings.`, {
      where: broken,
      hint: `Fix it in a text editor${broken.endsWith('secrets.json') ? ' (it holds your stream keys and tokens: keep a copy first)' : ''}, or move it aside (\`mv ${broken} ${broken}.broken\`) and set things again with \`lotcast init\`.`,
      cause: err,
    });
  return new ConfigError(`Cannot ${doing} lotcast's config in ${dir}: ${(err as Error).message}`, {
    hint: 'Run `lotcast doctor`: it checks the config folder and says what to fix.',
    cause: err,
  });
}

function brokenJsonFile(dir: string): string | null {
  for (const name of ['settings.json', 'secrets.json']) {
    const file = join(dir, name);
    try {
      JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      if (err instanceof SyntaxError) return file;
    }
  }
  return null;
}
