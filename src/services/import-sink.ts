import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorFromData, type ErrorData } from '../core/errors.js';
import type { Store } from '../adapters/store/database.js';
import { BATCH_ROWS, InventoryWriter, skuOf, titleOf, type UpsertOutcome } from '../adapters/store/inventory-writer.js';
import type { ValidRows } from './import-rows.js';
import { createWaiter } from '../adapters/waiter.js';

export interface SinkOptions {
  /** ISO time stamped on created/updated items. */
  now: string;
  addQuantity: boolean;
  dryRun: boolean;
}

/** A row whose SKU an earlier row of the same file already had. */
export interface DuplicateRow {
  line: number;
  /** Line of the first row with that SKU. */
  first: number;
  sku: string;
  /** Both rows had no SKU: lotcast derived the same one from their contents. */
  generated: boolean;
}

export interface ImportChange {
  sku: string;
  title: string;
  line: number;
  action: UpsertOutcome;
  /** Fields that change (dry run only). */
  fields?: string[];
}

/** What the store side of an import did, once every row has reached it. */
export interface SinkTotals {
  created: number;
  updated: number;
  unchanged: number;
  generatedSkus: number;
  duplicates: DuplicateRow[];
  /** Per-item outcomes (dry run only). */
  changes: ImportChange[];
}

/**
 * The store side of an import: one write transaction from the first row to the decision to
 * keep it. Rows arrive in batches; duplicates within the file are found here (they need every
 * earlier row), so the commit waits for totals.
 */
export interface ImportSink {
  /** Hands over a batch; resolves when the sink can take the next one. */
  write(rows: ValidRows): Promise<void>;
  /** Waits until every batch is written; what happened. */
  totals(): Promise<SinkTotals>;
  /** Commits (true) or rolls everything back (false), and lets go. Safe to call again. */
  end(commit: boolean): Promise<void>;
}

/** Writes in this thread, synchronously (the worker runs one of these too). */
export class StoreSink {
  private readonly tx: { end(commit: boolean): void };
  private readonly writer: InventoryWriter;
  private readonly sums: SinkTotals = {
    created: 0,
    updated: 0,
    unchanged: 0,
    generatedSkus: 0,
    duplicates: [],
    changes: [],
  };

  constructor(
    store: Store,
    private readonly opts: SinkOptions,
  ) {
    this.tx = store.begin();
    try {
      this.writer = new InventoryWriter(store);
    } catch (err) {
      this.tx.end(false);
      throw err;
    }
  }

  write(rows: ValidRows): void {
    for (let i = 0; i < rows.values.length; i += BATCH_ROWS) {
      const end = i + BATCH_ROWS;
      this.writeChunk({
        values: rows.values.slice(i, end),
        lines: rows.lines.slice(i, end),
        generated: rows.generated.slice(i, end),
      });
    }
  }

  private writeChunk({ values, lines, generated }: ValidRows): void {
    const dups = this.writer.duplicates(values, lines);
    const ok = dups.size === 0 ? values : values.filter((_, i) => !dups.has(i));
    values.forEach((v, i) => {
      const first = dups.get(i);
      if (first !== undefined)
        this.sums.duplicates.push({ line: lines[i]!, first, sku: skuOf(v), generated: generated[i]! });
      else if (generated[i]) this.sums.generatedSkus++;
    });
    if (this.opts.dryRun) {
      values.forEach((v, i) => {
        if (dups.has(i)) return;
        const preview = this.writer.preview(v, this.opts.addQuantity);
        this.sums.changes.push({
          sku: skuOf(v),
          title: titleOf(v),
          line: lines[i]!,
          action: preview.outcome,
          fields: preview.fields,
        });
        this.sums[preview.outcome]++;
      });
      return;
    }
    for (const outcome of this.writer.writeBatch(ok, this.opts.now, this.opts.addQuantity)) this.sums[outcome]++;
  }

  totals(): SinkTotals {
    return this.sums;
  }

  end(commit: boolean): void {
    try {
      this.writer.dispose();
    } finally {
      this.tx.end(commit && !this.opts.dryRun);
    }
  }
}

/** Messages between the import and its store worker (import-sink-worker.ts). */
export type ToSinkWorker = { type: 'write'; rows: ValidRows } | { type: 'totals' } | { type: 'end'; commit: boolean };
export type FromSinkWorker =
  | { type: 'written' }
  | { type: 'totals'; totals: SinkTotals }
  | { type: 'ended'; error?: ErrorData }
  | { type: 'error'; error: ErrorData };

/** Batches the reader may run ahead of the store: memory stays flat when SQLite is the slower side. */
export const WRITE_AHEAD = 8;

/**
 * Files at least this big get the store on a worker thread: reading and mapping on this thread
 * and SQLite on the other then share two cores. Smaller files finish before a worker has started.
 */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;

const WORKER_URL = new URL('./import-sink-worker.js', import.meta.url);

export interface OpenSinkOptions extends SinkOptions {
  /** Size of the file being imported, to choose where to write. */
  fileBytes: number;
  /** 'auto': a worker for files of WORKER_MIN_BYTES and up (when the built worker is there: not under the TypeScript sources). */
  threads: 'auto' | 'on' | 'off';
  /** The built worker (tests running the TypeScript sources point at dist/). */
  workerUrl?: URL;
}

export async function openImportSink(store: Store, opts: OpenSinkOptions): Promise<ImportSink> {
  const url = opts.workerUrl ?? WORKER_URL;
  const onWorker =
    opts.threads === 'on' ||
    (opts.threads === 'auto' &&
      opts.fileBytes >= WORKER_MIN_BYTES &&
      store.file !== ':memory:' &&
      existsSync(fileURLToPath(url)));
  const sinkOpts: SinkOptions = { now: opts.now, addQuantity: opts.addQuantity, dryRun: opts.dryRun };
  if (!onWorker) {
    const sink = new StoreSink(store, sinkOpts);
    let ended = false;
    return {
      write: async (rows) => sink.write(rows),
      totals: async () => sink.totals(),
      end: async (commit) => {
        if (ended) return;
        ended = true;
        try {
          sink.end(commit);
        } catch (err) {
          if (commit) throw err; // a failed rollback must not hide the error that caused it
        }
      },
    };
  }
  return openWorkerSink({ file: store.file, busyTimeoutMs: store.busyTimeoutMs }, sinkOpts, url);
}

/** A StoreSink on a worker thread with its own connection to the same store file. */
function openWorkerSink(storeAt: { file: string; busyTimeoutMs: number }, opts: SinkOptions, url: URL): ImportSink {
  // The thread allocates little that lives; a fixed young generation keeps its memory flat.
  const worker = new Worker(url, {
    workerData: { ...storeAt, opts },
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  const replies: FromSinkWorker[] = [];
  let failure: Error | undefined;
  let exited = false;
  const { wait, wake } = createWaiter();
  worker.on('message', (m: FromSinkWorker) => {
    if (m.type === 'error') failure ??= errorFromData(m.error);
    else replies.push(m);
    wake();
  });
  worker.on('error', (err) => {
    failure ??= err;
    wake();
  });
  worker.on('exit', () => {
    exited = true;
    wake();
  });
  /** The next reply of the given type, throwing what the worker threw (unless ending anyway). */
  const reply = async <T extends FromSinkWorker['type']>(
    type: T,
    ending = false,
  ): Promise<Extract<FromSinkWorker, { type: T }>> => {
    for (;;) {
      if (failure && !ending) throw failure;
      const i = replies.findIndex((r) => r.type === type);
      if (i >= 0) return replies.splice(i, 1)[0] as Extract<FromSinkWorker, { type: T }>;
      if (exited) throw new Error('The import store worker stopped unexpectedly.');
      await wait();
    }
  };
  const send = (m: ToSinkWorker) => worker.postMessage(m);
  // Not waiting for the thread to start: it loads and opens the store while the first rows
  // are read, and batches queue until it can take them. A failure to open arrives at the next
  // write or at totals().
  let inFlight = 0;
  let ended = false;
  return {
    write: async (rows) => {
      if (failure) throw failure;
      send({ type: 'write', rows });
      inFlight++;
      while (inFlight >= WRITE_AHEAD) {
        await reply('written');
        inFlight--;
      }
    },
    totals: async () => {
      send({ type: 'totals' });
      return (await reply('totals')).totals;
    },
    end: async (commit) => {
      if (ended) return;
      ended = true;
      try {
        if (!exited) {
          // Also after a failure: the worker rolls back and closes its connection (one left
          // open would hold the store's write lock for the rest of this process).
          send({ type: 'end', commit: commit && !failure });
          const done = await reply('ended', true);
          if (done.error) throw errorFromData(done.error);
        }
        if (commit && (failure || exited))
          throw failure ?? new Error('The import store worker stopped before committing.');
      } catch (err) {
        // Rolling back after another error must not hide that error.
        if (commit) throw err;
      } finally {
        await worker.terminate();
      }
    },
  };
}
