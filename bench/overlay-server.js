// Child process for bench/overlay.js: a live show with its overlay server, as `lotcast live`
// runs it. Answers "usage" over IPC with its CPU time and (after a GC) its memory.
import { openStore } from '../dist/adapters/store/database.js';
import { LiveShow } from '../dist/services/live-show.js';
import { startShowOverlay } from '../dist/services/show-overlay.js';

const [dbFile, showId, dataDir] = process.argv.slice(2);
const store = openStore(dbFile);
const show = LiveShow.open(store, showId);
show.start();
const overlay = await startShowOverlay({ store, show, dataDir, port: 0, lan: false, goalCents: 500_000 });
process.send({ type: 'ready', port: overlay.port, producer: overlay.urls.producer });
process.on('message', async (m) => {
  if (m === 'usage') {
    globalThis.gc?.();
    process.send({ type: 'usage', cpu: process.cpuUsage(), mem: process.memoryUsage(), at: performance.now() });
  }
  if (m === 'stop') {
    await overlay.stop();
    store.close();
    process.exit(0);
  }
});
