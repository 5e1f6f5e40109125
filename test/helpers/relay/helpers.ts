import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFlv } from '../../../src/adapters/relay/flv.js';
import { repoRoot } from '../cli.js';

export { Sink, freePort, throttlingProxy } from './support.mjs';

export const FEED = join(repoRoot, 'test/fixtures/feed-4s.flv');

/** What a destination must receive: every media frame of the feed, byte for byte. */
export function feedDigest(file = FEED): { digest: string; videoFrames: number; audioFrames: number } {
  const h = createHash('sha256');
  let videoFrames = 0;
  let audioFrames = 0;
  for (const f of readFlv(file)) {
    if (f.header) continue;
    if (f.type === 9) videoFrames++;
    else audioFrames++;
    h.update(Buffer.from([f.type]));
    h.update(f.payload);
  }
  return { digest: h.digest('hex'), videoFrames, audioFrames };
}
