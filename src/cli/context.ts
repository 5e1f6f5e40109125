import type { Command } from 'commander';
import { resolvePaths, type LotcastPaths } from '../adapters/paths.js';
import { openStore, type Store } from '../adapters/store/database.js';
import { ConfigStore } from '../adapters/config-store.js';
import { Output } from '../ui/output.js';

/**
 * What every command gets: resolved paths, output, and lazily opened store and config.
 * Built once per run from the root program's global options.
 */
export class CliContext {
  readonly paths: LotcastPaths;
  readonly out: Output;
  private storeInstance: Store | undefined;
  private configInstance: ConfigStore | undefined;

  constructor(opts: { dataDir?: string | undefined; color?: boolean | undefined }) {
    this.paths = resolvePaths({ dataDir: opts.dataDir });
    this.out = new Output(process.stdout, process.stderr, { color: opts.color });
  }

  store(): Store {
    this.storeInstance ??= openStore(this.paths.dbFile);
    return this.storeInstance;
  }

  config(): ConfigStore {
    if (!this.configInstance) {
      this.configInstance = new ConfigStore(this.paths.configDir);
      // From here on every known secret is masked in whatever this run prints.
      this.out.redactor.add(...this.configInstance.allSecretValues());
    }
    return this.configInstance;
  }

  close(): void {
    this.storeInstance?.close();
    this.storeInstance = undefined;
  }
}

/** The context for a command action: global options live on the root program. */
export function contextOf(cmd: Command): CliContext {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const ctx = (root as Command & { lotcastContext?: CliContext }).lotcastContext;
  if (ctx) return ctx;
  const opts = root.opts<{ dataDir?: string; color?: boolean }>();
  const created = new CliContext({ dataDir: opts.dataDir, color: opts.color });
  (root as Command & { lotcastContext?: CliContext }).lotcastContext = created;
  return created;
}
