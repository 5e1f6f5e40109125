import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, LotcastError } from '../../core/errors.js';

/** Another lotcast process held the store's write lock past the busy timeout. */
export class StoreBusyError extends LotcastError {}

/** SQLite's primary result codes that say something the user can act on. */
export const SQLITE = { busy: 5, readonly: 8, ioerr: 10, corrupt: 11, full: 13, cantopen: 14, notadb: 26 } as const;

/**
 * A SQLite failure as a lotcast error that says what happened to the store and what to do
 * (never to delete it); anything else is passed through unchanged. The one place that knows
 * SQLite's result codes.
 */
export function storeError(err: unknown, file = 'the lotcast store', busyTimeoutMs = 5000): unknown {
  const code = (err as { errcode?: number }).errcode;
  if (err instanceof LotcastError || typeof code !== 'number') return err;
  const where = file;
  const detail = (err as Error).message;
  // SQLite says "disk I/O error" when growing its side files (-wal, -shm) hits a full disk.
  const primary = (code & 0xff) === SQLITE.ioerr && diskNearlyFull(file) ? SQLITE.full : code & 0xff;
  switch (primary) {
    case SQLITE.busy:
      return new StoreBusyError(
        `The lotcast store is busy: another lotcast command has been writing to it for over ${busyTimeoutMs / 1000} s.`,
        {
          where,
          hint: 'Let that command (an import, a listing run or a live show) finish, then run this again.',
          cause: err,
        },
      );
    case SQLITE.full:
      return new LotcastError('The disk holding the lotcast store is full: this change was not saved.', {
        where,
        hint: `Free some space on that disk (see \`df -h ${dirname(file)}\`), then do it again; everything saved before is intact.`,
        cause: err,
      });
    case SQLITE.readonly:
      return new ConfigError('The lotcast store is read-only for this user: nothing was saved.', {
        where,
        hint: 'Make the file and its folder writable (check `ls -l` on them), or choose another data folder with --data-dir.',
        cause: err,
      });
    case SQLITE.corrupt:
      return new ConfigError(`The lotcast store is damaged (${detail}).`, {
        where,
        hint: `Keep a copy of the file first. \`sqlite3 ${file} .recover | sqlite3 recovered.db\` often saves the data (then put recovered.db in its place); or start a fresh store with --data-dir and import your sheet again.`,
        cause: err,
      });
    case SQLITE.notadb:
      return new ConfigError('This file is not a lotcast store (it is not an SQLite database).', {
        where,
        hint: 'Point lotcast at its own data folder with --data-dir or LOTCAST_DATA_DIR; if the file is yours, move it somewhere else rather than deleting it.',
        cause: err,
      });
    case SQLITE.cantopen:
      return new ConfigError(`Cannot open the lotcast store (${detail}).`, {
        where,
        hint: 'Check that the data folder exists and is writable, or choose another with --data-dir or LOTCAST_DATA_DIR.',
        cause: err,
      });
    case SQLITE.ioerr:
      return new LotcastError(
        `The disk failed while reading or writing the lotcast store (${detail}): nothing was saved.`,
        {
          where,
          hint: 'Check the disk (space, a removed USB drive, a network folder that went away), then do it again.',
          cause: err,
        },
      );
    default:
      return err;
  }
}

function diskNearlyFull(file: string): boolean {
  try {
    const s = statfsSync(dirname(file));
    return s.bavail * s.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}
