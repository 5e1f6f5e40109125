import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/adapters/store/database.js';
import { tempDir } from '../../helpers/cli.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function fresh(): { store: Store; file: string } {
  const t = tempDir();
  const file = join(t.dir, 'sub', 'lotcast.db');
  const store = openStore(file);
  cleanups.push(() => store.close(), t.cleanup);
  return { store, file };
}

describe('SQLite store', () => {
  it('creates the file in WAL mode with every migration applied once', () => {
    const { store, file } = fresh();
    expect(store.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
    const version = store.schemaVersion();
    expect(version).toBeGreaterThanOrEqual(1);
    store.close();
    const again = openStore(file);
    cleanups.push(() => again.close());
    expect(again.schemaVersion()).toBe(version);
    expect(again.all('SELECT version FROM schema_migrations').length).toBe(
      again.all('SELECT DISTINCT version FROM schema_migrations').length,
    );
  });

  it('rolls back a multi-row change that fails half-way', () => {
    const { store } = fresh();
    const now = new Date().toISOString();
    expect(() =>
      store.transaction(() => {
        store.run(
          'INSERT INTO items (sku, title, quantity, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
          'A',
          'a',
          1,
          now,
          now,
        );
        store.run(
          'INSERT INTO items (sku, title, quantity, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
          'B',
          'b',
          -1,
          now,
          now,
        );
      }),
    ).toThrow(/CHECK constraint/);
    expect(store.all('SELECT sku FROM items')).toEqual([]);
  });

  it('refuses a store written by a newer lotcast', () => {
    const { store, file } = fresh();
    store.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')");
    store.close();
    expect(() => openStore(file)).toThrow(/newer lotcast/);
  });

  it('lets a second process write while the first holds a transaction (busy timeout)', async () => {
    const { store, file } = fresh();
    const now = new Date().toISOString();
    // Another process inserts while we hold the write lock for ~300 ms; it must wait, not fail.
    const script = `
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(${JSON.stringify(file)});
      db.exec('PRAGMA busy_timeout = 5000');
      db.prepare("INSERT INTO items (sku, title, quantity, created_at, updated_at) VALUES ('OTHER','o',1,'x','x')").run();
      process.stdout.write('ok');
    `;
    let child!: ReturnType<typeof spawn>;
    const done = new Promise<string>((resolve) => {
      store.transaction(() => {
        store.run(
          'INSERT INTO items (sku, title, quantity, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
          'MINE',
          'm',
          1,
          now,
          now,
        );
        child = spawn(process.execPath, ['--no-warnings', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout!.on('data', (d) => (out += d));
        child.on('close', () => resolve(out));
        const until = Date.now() + 300;
        while (Date.now() < until) {
          // hold the lock
        }
      });
    });
    expect(await done).toBe('ok');
    expect(store.all<{ sku: string }>('SELECT sku FROM items ORDER BY sku').map((r) => r.sku)).toEqual([
      'MINE',
      'OTHER',
    ]);
  });

  it('begin() holds one transaction across awaits: end(true) commits, end(false) rolls back', async () => {
    const { store, file } = fresh();
    const insert = (sku: string) =>
      store.run("INSERT INTO items (sku, title, quantity, created_at, updated_at) VALUES (?, 't', 1, 'x', 'x')", sku);
    const other = openStore(file);
    cleanups.push(() => other.close());
    const count = () => other.get<{ n: number }>('SELECT COUNT(*) AS n FROM items')?.n;
    const tx = store.begin();
    insert('A');
    await new Promise((r) => setTimeout(r, 5));
    insert('B');
    expect(count()).toBe(0); // not visible to another connection before the commit
    expect(() => store.begin()).toThrow(/cannot nest/);
    tx.end(true);
    expect(count()).toBe(2);
    const tx2 = store.begin();
    insert('C');
    tx2.end(false);
    tx2.end(false); // ending twice is harmless
    expect(count()).toBe(2);
  });

  it('says the store is busy (and where) when another writer holds it past the busy timeout', () => {
    const { store, file } = fresh();
    const impatient = openStore(file, { busyTimeoutMs: 50 });
    cleanups.push(() => impatient.close());
    const tx = store.begin();
    try {
      expect(() => impatient.begin()).toThrow(
        expect.objectContaining({
          message: expect.stringMatching(/store is busy/),
          where: file,
          hint: expect.stringMatching(/finish/),
        }),
      );
      expect(() => impatient.transaction(() => 1)).toThrow(/store is busy/);
    } finally {
      tx.end(false);
    }
    expect(impatient.transaction(() => 1)).toBe(1);
  });
});
