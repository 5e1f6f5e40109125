// Store side of a large import on its own thread (see import-sink.ts): its own connection to
// the store file, one write transaction from start to 'end'. Messages are handled in order.
import { parentPort, workerData } from 'node:worker_threads';
import { errorToData } from '../core/errors.js';
import { openStore, type Store } from '../adapters/store/database.js';
import { storeError } from '../adapters/store/store-errors.js';
import { StoreSink, type FromSinkWorker, type SinkOptions, type ToSinkWorker } from './import-sink.js';

const port = parentPort;
if (!port) throw new Error('import-sink-worker runs as a worker thread');
const post = (m: FromSinkWorker) => port.postMessage(m);
const { file, busyTimeoutMs, opts } = workerData as { file: string; busyTimeoutMs: number; opts: SinkOptions };

let store: Store | undefined;
let sink: StoreSink | undefined;
try {
  store = openStore(file, { busyTimeoutMs });
  sink = new StoreSink(store, opts);
} catch (err) {
  store?.close();
  post({ type: 'error', error: errorToData(storeError(err, file)) });
}

port.on('message', (m: ToSinkWorker) => {
  if (m.type === 'end') {
    // Answered even when the store never opened: the import waits for it before letting go.
    let error: unknown;
    try {
      sink?.end(m.commit);
    } catch (err) {
      error = err;
    } finally {
      sink = undefined;
      store?.close();
      store = undefined;
    }
    post(error === undefined ? { type: 'ended' } : { type: 'ended', error: errorToData(storeError(error, file)) });
    return;
  }
  if (!sink) return; // the store did not open: the import has the error already
  try {
    if (m.type === 'write') {
      sink.write(m.rows);
      post({ type: 'written' });
    } else {
      post({ type: 'totals', totals: sink.totals() });
    }
  } catch (err) {
    post({ type: 'error', error: errorToData(storeError(err, file)) });
  }
});
