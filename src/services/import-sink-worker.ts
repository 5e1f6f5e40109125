// Store side of a large import on its own thread (see import-sink.ts): its own connection to
// the store file, one write transaction from 'ready' to 'end'. Messages are handled in order.
import { parentPort, workerData } from 'node:worker_threads';
import { errorToData } from '../core/errors.js';
import { openStore, type Store } from '../adapters/store/database.js';
import { StoreSink, type FromSinkWorker, type SinkOptions, type ToSinkWorker } from './import-sink.js';

const port = parentPort;
if (!port) throw new Error('import-sink-worker runs as a worker thread');
const post = (m: FromSinkWorker) => port.postMessage(m);
const { file, opts } = workerData as { file: string; opts: SinkOptions };

let store: Store | undefined;
let sink: StoreSink | undefined;
try {
  store = openStore(file);
  sink = new StoreSink(store, opts);
  post({ type: 'ready' });
} catch (err) {
  store?.close();
  post({ type: 'error', error: errorToData(err) });
}

port.on('message', (m: ToSinkWorker) => {
  if (!sink || !store) return;
  try {
    if (m.type === 'write') {
      sink.write(m.rows);
      post({ type: 'written' });
    } else if (m.type === 'totals') {
      post({ type: 'totals', totals: sink.totals() });
    } else {
      const s = sink;
      sink = undefined;
      let error: unknown;
      try {
        s.end(m.commit);
      } catch (err) {
        error = err;
      } finally {
        store.close();
      }
      post(error === undefined ? { type: 'ended' } : { type: 'ended', error: errorToData(error) });
    }
  } catch (err) {
    post({ type: 'error', error: errorToData(err) });
  }
});
