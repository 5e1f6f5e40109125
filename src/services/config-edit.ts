import { UsageError } from '../core/errors.js';
import { maskSecret } from '../core/redact.js';
import { defaultSettings, type ConfigStore } from '../adapters/config-store.js';
import { CONFIG_KEYS, type KeySpec } from './config-keys.js';

/**
 * `lotcast config`: dotted keys over settings.json and secrets.json. Secrets live under the
 * `secrets.` prefix and are only ever shown masked.
 */

export interface ConfigEntry {
  key: string;
  value: string | number | boolean | null;
  secret: boolean;
  file: 'settings' | 'secrets';
}

/** Whether a key holds a secret (its value is masked wherever it could be shown). */
export function isSecretConfigKey(key: string): boolean {
  try {
    return findSpec(key).spec.secret;
  } catch {
    // An unknown key is refused before its value is used; mask it meanwhile if it looks secret.
    return key.startsWith('secrets.');
  }
}

function findSpec(key: string): { spec: KeySpec; sub?: string } {
  for (const spec of CONFIG_KEYS) {
    if (spec.key === key) return { spec };
    if (spec.family && key.startsWith(`${spec.key}.`) && key.length > spec.key.length + 1)
      return { spec, sub: unquote(key.slice(spec.key.length + 1)) };
  }
  if (key === 'destinations' || key.startsWith('destinations.'))
    throw new UsageError('Destinations have their own commands.', {
      hint: 'Use `lotcast destination add|list|enable|disable|remove`.',
    });
  const near = closest(
    key,
    CONFIG_KEYS.map((s) => s.key),
  );
  throw new UsageError(`Unknown config key "${key}".`, {
    hint: `${near ? `Did you mean ${near}? ` : ''}See \`lotcast config list\` for every key.`,
  });
}

function unquote(s: string): string {
  return /^".*"$/.test(s) ? (JSON.parse(s) as string) : s;
}

function closest(key: string, keys: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of keys) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(3, Math.floor(key.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function pathOf(spec: KeySpec, sub?: string): { file: 'settings' | 'secrets'; path: string[] } {
  const parts = spec.key.split('.');
  const file = parts[0] === 'secrets' ? 'secrets' : 'settings';
  const path = file === 'secrets' ? parts.slice(1) : parts;
  return { file, path: sub === undefined ? path : [...path, sub] };
}

function read(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function write(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const clone = structuredClone(obj);
  let cur: Record<string, unknown> = clone;
  for (const p of path.slice(0, -1)) {
    if (cur[p] === null || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return clone;
}

function show(spec: KeySpec, v: unknown): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (spec.secret) return maskSecret(String(v));
  return v as string | number | boolean;
}

export function listConfig(config: ConfigStore): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const sources = { settings: config.settings() as unknown, secrets: config.secrets() as unknown };
  for (const spec of CONFIG_KEYS) {
    const { file, path } = pathOf(spec);
    const v = read(sources[file], path);
    if (spec.family) {
      for (const [sub, val] of Object.entries((v as Record<string, unknown>) ?? {})) {
        out.push({
          key: `${spec.key}.${/^[\w-]+$/.test(sub) ? sub : JSON.stringify(sub)}`,
          value: show(spec, val),
          secret: spec.secret,
          file,
        });
      }
    } else out.push({ key: spec.key, value: show(spec, v), secret: spec.secret, file });
  }
  return out;
}

export function getConfig(config: ConfigStore, key: string): ConfigEntry {
  const { spec, sub } = findSpec(key);
  const { file, path } = pathOf(spec, sub);
  if (spec.family && sub === undefined) throw new UsageError(`${key} holds one value per name: ask for ${key}.<name>.`);
  const v = read(file === 'secrets' ? config.secrets() : config.settings(), path);
  return { key, value: show(spec, v), secret: spec.secret, file };
}

export function setConfig(config: ConfigStore, key: string, raw: string): ConfigEntry {
  const { spec, sub } = findSpec(key);
  if (spec.family && sub === undefined)
    throw new UsageError(`${key} holds one value per name: set ${key}.<name> <value>.`);
  const value = parseValue(spec, key, raw);
  const { file, path } = pathOf(spec, sub);
  if (file === 'secrets')
    config.updateSecrets((s) => write(s as unknown as Record<string, unknown>, path, value) as unknown as typeof s);
  else config.updateSettings((s) => write(s as unknown as Record<string, unknown>, path, value) as unknown as typeof s);
  return getConfig(config, key);
}

export function unsetConfig(config: ConfigStore, key: string): ConfigEntry {
  const { spec, sub } = findSpec(key);
  const { file, path } = pathOf(spec, sub);
  // Back to the default where there is one, removed otherwise.
  const def = file === 'settings' ? read(defaultSettings, path) : undefined;
  if (file === 'secrets')
    config.updateSecrets((s) => write(s as unknown as Record<string, unknown>, path, undefined) as unknown as typeof s);
  else
    config.updateSettings(
      (s) =>
        write(
          s as unknown as Record<string, unknown>,
          path,
          def === undefined ? undefined : structuredClone(def),
        ) as unknown as typeof s,
    );
  return getConfig(config, key);
}

function parseValue(spec: KeySpec, key: string, raw: string): string | number | boolean {
  let v: string | number | boolean = raw.trim();
  if (spec.kind === 'number') {
    if (!/^-?\d+(\.\d+)?$/.test(v)) throw new UsageError(`${key} takes a number (got "${raw}").`);
    v = Number(v);
  } else if (spec.kind === 'boolean') {
    if (!/^(true|false|yes|no|on|off)$/i.test(v)) throw new UsageError(`${key} takes true or false (got "${raw}").`);
    v = /^(true|yes|on)$/i.test(v);
  } else if (v === '')
    throw new UsageError(`${key} cannot be empty; use \`lotcast config unset ${key}\` to remove it.`);
  const problem = spec.validate?.(v);
  if (problem) throw new UsageError(`${key}: ${problem} (got "${raw}").`);
  return v;
}
