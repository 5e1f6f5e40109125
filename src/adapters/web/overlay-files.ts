import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../atomic-file.js';
import { templatesDir } from '../templates.js';
import { newShowToken } from './guards.js';

/**
 * Per-show producer tokens (producer-tokens.json in the data folder, mode 0600): the same token
 * across restarts of a show, so the helper's phone keeps working; a new show gets a new one.
 */
export function showToken(dataDir: string, showId: string): string {
  const file = join(dataDir, 'producer-tokens.json');
  let tokens: Record<string, string> = {};
  try {
    if (existsSync(file)) tokens = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    tokens = {};
  }
  const have = tokens[showId];
  if (typeof have === 'string' && have.length >= 16) return have;
  const token = newShowToken();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...tokens, [showId]: token }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Where a running overlay server listens, for `lotcast overlay urls` in another terminal. */
export interface OverlayServerInfo {
  pid: number;
  showId: string;
  port: number;
  lanHosts: string[];
}

const infoFile = (dataDir: string) => join(dataDir, 'overlay-server.json');

export function writeServerInfo(dataDir: string, info: OverlayServerInfo): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(infoFile(dataDir), `${JSON.stringify(info)}\n`);
}

export function clearServerInfo(dataDir: string, pid: number): void {
  if (readServerInfo(dataDir)?.pid === pid) rmSync(infoFile(dataDir), { force: true });
}

/** The running server's info, or null when none runs (a file left by a crash is ignored). */
export function readServerInfo(dataDir: string): OverlayServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(infoFile(dataDir), 'utf8')) as OverlayServerInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

/**
 * The page OBS's browser sources open first (templates/web/obs-loader.html), copied into the
 * data folder: it must outlive the scene-collection file, which a seller may delete once it is
 * imported, and its path must not change when lotcast is reinstalled. Returns its file:// URL.
 */
export function writeObsLoader(dataDir: string): string {
  const file = join(dataDir, 'obs-overlay-loader.html');
  mkdirSync(dataDir, { recursive: true });
  writeFileAtomic(file, readFileSync(join(templatesDir(), 'web', 'obs-loader.html')));
  return pathToFileURL(file).href;
}
