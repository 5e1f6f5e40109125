/**
 * A stand-in platform ingest (for `lotcast demo`): lotcast's own RTMP ingest in its own
 * process, accepting one stream key and reporting what reached
 * it as JSON lines. Usage: node stand-in-main.js PORT KEY; "report" on stdin prints the counts;
 * closing stdin (the parent ending, or dying) ends it.
 */
import { createInterface } from 'node:readline';
import { Ingest } from './ingest.js';

const [port, key] = process.argv.slice(2);
const ingest = new Ingest({ host: '127.0.0.1', port: Number(port), app: 'live', key: key ?? '' });
const stats = { publishes: 0, videoFrames: 0, audioFrames: 0, bytes: 0, firstVideoKeyframe: null as boolean | null };
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
ingest.on('publish', () => stats.publishes++);
ingest.on('frame', (f: { type: number; header: boolean; keyframe: boolean; payload: Buffer }) => {
  stats.bytes += f.payload.length;
  if (f.header) return;
  if (f.type === 9) {
    if (stats.firstVideoKeyframe === null) stats.firstVideoKeyframe = f.keyframe;
    stats.videoFrames++;
  } else stats.audioFrames++;
});
// Ctrl-C in a terminal reaches the whole process group: the parent decides when this stops, so
// it can still ask what arrived; if the parent dies instead, stdin closes and this exits.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => process.exit(0));
try {
  await ingest.start();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
out({ event: 'listening', port: Number(port) });
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line === 'report') out({ event: 'report', ...stats });
  })
  .on('close', () => {
    ingest.stop();
    process.exit(0);
  });
