import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { ConfigError, LotcastError } from '../../core/errors.js';
import { migrations as allMigrations, type Migration } from './migrations.js';
import { SQLITE, storeError } from './store-errors.js';

export type Row = Record<string, SQLInputValue>;

/**
 * The embedded store: one SQLite file (WAL, busy timeout so a dashboard and a `lotcast sale`
 * in another terminal can share it), versioned migrations, and a transaction helper that every
 * multi-row change goes through.
 */
export class Store {
  readonly db: DatabaseSync;
  readonly file: string;
  private depth = 0;

  /** How long a writer waits for another process's lock (a worker's own connection uses the same). */
  busyTimeoutMs: number;

  constructor(file: string, db: DatabaseSync, busyTimeoutMs = 5000) {
    this.file = file;
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
  }

  /** BEGIN IMMEDIATE, with a clear error when another process keeps the store locked past the busy timeout. */
  private beginImmediate(): void {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      throw storeError(err, this.file, this.busyTimeoutMs);
    }
  }

  /** How long a write waits for another process's lock from now on (a live dashboard waits briefly and retries). */
  setBusyTimeout(ms: number): void {
    this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(ms))}`);
    this.busyTimeoutMs = ms;
  }

  /**
   * Runs fn in one transaction (BEGIN IMMEDIATE so writers queue on the busy timeout rather
   * than failing mid-way). Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) {
      this.depth++;
      try {
        return fn();
      } finally {
        this.depth--;
      }
    }
    this.beginImmediate();
    this.depth = 1;
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      // Also after a failed COMMIT (disk full): nothing half written stays.
      if (this.db.isOpen && this.db.isTransaction) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // The failed statement may already have ended the transaction.
        }
      }
      throw storeError(err, this.file, this.busyTimeoutMs);
    } finally {
      this.depth = 0;
    }
  }

  /**
   * A write transaction held open across awaits and messages (an import whose rows arrive in
   * batches): `end(true)` commits, `end(false)` rolls back. Nothing else may use this Store
   * meanwhile; an interrupted process leaves nothing behind because an uncommitted SQLite
   * transaction never reaches the file.
   */
  begin(): { end(commit: boolean): void } {
    if (this.depth > 0) throw new Error('begin() cannot nest');
    this.beginImmediate();
    this.depth = 1;
    return {
      end: (commit) => {
        if (this.depth === 0) return;
        this.depth = 0;
        try {
          if (commit) this.db.exec('COMMIT');
        } catch (err) {
          throw storeError(err, this.file, this.busyTimeoutMs);
        } finally {
          // Also after a failed COMMIT (disk full): nothing half written stays.
          if (this.db.isOpen && this.db.isTransaction) this.db.exec('ROLLBACK');
        }
      },
    };
  }

  all<T = Row>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  get<T = Row>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.db.prepare(sql).get(...params) as T | undefined;
  }

  run(sql: string, ...params: SQLInputValue[]): { changes: number; lastInsertRowid: number } {
    const r = this.db.prepare(sql).run(...params);
    return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
  }

  schemaVersion(): number {
    const row = this.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return row?.v ?? 0;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * What `lotcast doctor` says about the store: opened read-only (nothing written, no migration),
 * checked to be a lotcast store and not damaged.
 */
export function inspectStore(file: string): { ok: true; detail: string } | { ok: false; error: LotcastError } {
  if (!existsSync(file)) return { ok: true, detail: `none yet at ${file} (the first import creates it)` };
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const store = new Store(file, db);
    requireLotcastStore(store);
    const check = store.get<{ quick_check: string }>('PRAGMA quick_check(1)')?.quick_check;
    if (check !== 'ok')
      throw Object.assign(new Error(`database disk image is malformed: ${check}`), { errcode: SQLITE.corrupt });
    const count = (table: string) => store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0;
    return { ok: true, detail: `${file}: ${count('items')} items, ${count('shows')} shows` };
  } catch (err) {
    const mapped = storeError(err, file);
    return {
      ok: false,
      error:
        mapped instanceof LotcastError
          ? mapped
          : new ConfigError(`Cannot open the lotcast store: ${(err as Error).message}`, {
              where: file,
              hint: 'Check the file and its folder, or choose another data folder with --data-dir.',
            }),
    };
  } finally {
    if (db?.isOpen) db.close();
  }
}

export interface OpenStoreOptions {
  /** Milliseconds a writer waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
  migrations?: Migration[];
}

export function openStore(file: string, opts: OpenStoreOptions = {}): Store {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new ConfigError(`Cannot create the data folder ${dirname(file)}.`, {
      hint: 'Choose a writable folder with --data-dir or LOTCAST_DATA_DIR.',
      cause: err,
    });
  }
  const busyTimeoutMs = Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000));
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file);
    db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    const store = new Store(file, db, busyTimeoutMs);
    requireLotcastStore(store);
    migrate(store, opts.migrations ?? allMigrations);
    return store;
  } catch (err) {
    if (db?.isOpen) db.close();
    const mapped = storeError(err, file, busyTimeoutMs);
    if (mapped !== err) throw mapped;
    if (err instanceof LotcastError) throw err;
    throw new ConfigError(`Cannot open the lotcast store at ${file}: ${(err as Error).message}`, {
      hint: 'Check that the folder is writable, or choose another with --data-dir or LOTCAST_DATA_DIR.',
      cause: err,
    });
  }
}

/**
 * An SQLite file that holds tables but not lotcast's bookkeeping is someone else's database:
 * lotcast refuses it instead of adding its own tables to it.
 */
function requireLotcastStore(store: Store): void {
  const tables = store.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
  if (tables.length === 0 || tables.includes('schema_migrations')) return;
  throw new ConfigError('This file is an SQLite database, but not a lotcast store.', {
    where: store.file,
    hint: 'Point lotcast at its own data folder with --data-dir or LOTCAST_DATA_DIR; the file was left as it was.',
  });
}

function migrate(store: Store, migrations: Migration[]): void {
  store.db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const newest = sorted.at(-1)?.version ?? 0;
  const current = store.schemaVersion();
  if (current > newest) {
    throw new ConfigError(
      `The store at ${store.file} was written by a newer lotcast (schema ${current}, this one knows ${newest}).`,
      { hint: 'Upgrade lotcast (npm install -g lotcast@latest) or use another --data-dir.' },
    );
  }
  for (const m of sorted) {
    if (m.version <= current) continue;
    // Each migration and its bookkeeping row commit together; a second process racing us
    // re-checks inside the write lock.
    store.transaction(() => {
      const done = store.get('SELECT 1 AS x FROM schema_migrations WHERE version = ?', m.version);
      if (done) return;
      store.db.exec(m.sql);
      store.run(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        m.version,
        m.name,
        new Date().toISOString(),
      );
    });
  }
}
