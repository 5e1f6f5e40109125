// A stand-in platform ingest for tests and benches: lotcast's own RTMP ingest (the Ingest
// adapter) that accepts one stream key and reports what it received.
// usage: node rtmp-sink.mjs PORT KEY [tls-key.pem tls-cert.pem]
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Ingest } from '../../../dist/adapters/relay/ingest.js';

const [port, key, tlsKey, tlsCert] = process.argv.slice(2);
const ingest = new Ingest({
  host: '127.0.0.1',
  port: Number(port),
  app: 'live',
  key,
  ...(tlsKey ? { tls: { keyFile: tlsKey, certFile: tlsCert } } : {}),
});
const stats = {
  publishes: 0,
  unpublishes: 0,
  videoFrames: 0,
  audioFrames: 0,
  headers: 0,
  bytes: 0,
  firstMediaIsKeyframe: [],
  headersBeforeMedia: [],
  lastQuery: null,
  digest: '',
  // Media frames whose timestamp went back against the previous one of their type (a platform
  // rejects that), and the largest forward jump between two video frames.
  tsBackwards: 0,
  maxVideoGapMs: 0,
};
const lastTs = { 8: null, 9: null };
let hash = createHash('sha256');
let sawMedia = false;
let headersThisPublish = 0;
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
ingest.on('publish', (p) => {
  stats.publishes++;
  stats.lastQuery = p.query;
  sawMedia = false;
  headersThisPublish = 0;
  out({ event: 'publish', query: p.query });
});
ingest.on('unpublish', () => {
  stats.unpublishes++;
  out({ event: 'unpublish' });
});
ingest.on('frame', (f) => {
  stats.bytes += f.payload.length;
  if (f.header) {
    stats.headers++;
    headersThisPublish++;
    // When each header came (bench:relay times the switches to and from the slate by them).
    if (sawMedia) out({ event: 'header', type: f.type, at: Date.now() });
    return;
  }
  const prev = lastTs[f.type];
  if (prev !== null && f.timestamp < prev) stats.tsBackwards++;
  if (prev !== null && f.type === 9) stats.maxVideoGapMs = Math.max(stats.maxVideoGapMs, f.timestamp - prev);
  lastTs[f.type] = f.timestamp;
  if (!sawMedia && f.type === 9) {
    sawMedia = true;
    stats.firstMediaIsKeyframe.push(f.keyframe);
    stats.headersBeforeMedia.push(headersThisPublish);
  }
  if (f.type === 9) stats.videoFrames++;
  else stats.audioFrames++;
  hash.update(Buffer.from([f.type]));
  hash.update(f.payload);
});
await ingest.start();
out({ event: 'listening' });
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'report') out({ event: 'report', ...stats, digest: hash.copy().digest('hex') });
  if (line === 'reset') {
    hash = createHash('sha256');
    Object.assign(stats, { videoFrames: 0, audioFrames: 0, headers: 0, bytes: 0 });
  }
});
process.on('SIGTERM', () => process.exit(0));
