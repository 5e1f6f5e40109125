#!/usr/bin/env node
// Tiny launcher: check Node first (in syntax every Node can parse), then load the built CLI.
import { createRequire } from 'node:module';

const { isSupportedNode, tooOldMessage } = createRequire(import.meta.url)('../scripts/node-version.cjs');
if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(tooOldMessage(process.versions.node));
  process.exit(1);
}
// node:sqlite is stable enough for us but still prints an ExperimentalWarning on Node 22/24;
// keep the seller's terminal clean while letting every other warning through.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name === 'ExperimentalWarning' && /SQLite/i.test(w.message)) return;
  process.stderr.write(`${w.name}: ${w.message}\n`);
});
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv))
  .catch((err) => {
    process.stderr.write(`${String(err?.stack || err)}\n`);
    process.exit(1);
  });
