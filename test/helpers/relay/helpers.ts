import { execFileSync } from 'node:child_process';
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

/** A self-signed certificate for localhost and 127.0.0.1 in `dir` (an rtmps:// destination or ingest). */
export function selfSignedCert(dir: string): { certFile: string; keyFile: string } {
  const keyFile = join(dir, 'tls-key.pem');
  const certFile = join(dir, 'tls-cert.pem');
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { certFile, keyFile };
}
