import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where lotcast keeps its data (the SQLite store, recordings) and its config (settings,
 * secrets). Precedence for data: --data-dir, LOTCAST_DATA_DIR, then the platform's usual place.
 * Config follows the data folder when one is given, so a --data-dir is a whole, separate
 * lotcast (tests and the demo rely on that); otherwise LOTCAST_CONFIG_DIR or the usual place.
 */
export interface LotcastPaths {
  dataDir: string;
  configDir: string;
  dbFile: string;
}

export function resolvePaths(
  opts: { dataDir?: string | undefined } = {},
  env: NodeJS.ProcessEnv = process.env,
): LotcastPaths {
  const explicit = opts.dataDir ?? env.LOTCAST_DATA_DIR;
  const dataDir = explicit && explicit.trim() !== '' ? explicit : defaultDataDir(env);
  const configDir =
    env.LOTCAST_CONFIG_DIR && env.LOTCAST_CONFIG_DIR.trim() !== ''
      ? env.LOTCAST_CONFIG_DIR
      : explicit && explicit.trim() !== ''
        ? join(dataDir, 'config')
        : defaultConfigDir(env);
  return { dataDir, configDir, dbFile: join(dataDir, 'lotcast.db') };
}

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'lotcast');
    case 'win32':
      return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'lotcast', 'Data');
    default:
      return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'lotcast');
  }
}

function defaultConfigDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Preferences', 'lotcast');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'lotcast', 'Config');
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'lotcast');
  }
}
