import { createHmac, randomBytes } from 'node:crypto';

/** C0+C1 from the client, and S0+S1+S2 back, are this long; C2 is SIZE. */
export const HANDSHAKE_SIZE = 1536;

const CRUD = Buffer.from('f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae', 'hex');
const FMS_KEY = Buffer.from('Genuine Adobe Flash Media Server 001', 'latin1');
const FMS_KEY_CRUD = Buffer.concat([FMS_KEY, CRUD]);
const FP_KEY = Buffer.from('Genuine Adobe Flash Player 001', 'latin1');
const DIGEST = 32;

const hmac = (data: Buffer, key: Buffer) => createHmac('sha256', key).update(data).digest();
/** Where the 32-byte digest sits in a 1536-byte block, for either of the two schemes. */
const digestAt = (b: Buffer, scheme: 1 | 2) => {
  const base = scheme === 1 ? 8 : 772;
  return ((b[base]! + b[base + 1]! + b[base + 2]! + b[base + 3]!) % 728) + base + 4;
};
const withoutDigest = (b: Buffer, at: number) => Buffer.concat([b.subarray(0, at), b.subarray(at + DIGEST)]);

/** Which digest scheme a Flash-style client signed C1 with (0: a plain handshake). */
function clientScheme(c1: Buffer): 0 | 1 | 2 {
  for (const scheme of [2, 1] as const) {
    const at = digestAt(c1, scheme);
    if (hmac(withoutDigest(c1, at), FP_KEY).equals(c1.subarray(at, at + DIGEST))) return scheme;
  }
  return 0;
}

/**
 * The server's answer to C1: S0, S1 and S2. Encoders that sign C1 (the Flash scheme some
 * librtmp builds use) get signed S1/S2; everyone else gets the plain echo handshake.
 */
export function handshakeReply(c1: Buffer): Buffer {
  const scheme = clientScheme(c1);
  if (scheme === 0) return Buffer.concat([Buffer.from([3]), c1, c1]);
  const s1 = Buffer.concat([Buffer.from([0, 0, 0, 0, 1, 2, 3, 4]), randomBytes(HANDSHAKE_SIZE - 8)]);
  const at = digestAt(s1, scheme);
  hmac(withoutDigest(s1, at), FMS_KEY).copy(s1, at);
  const keyAt = digestAt(c1, scheme);
  const challenge = hmac(c1.subarray(keyAt, keyAt + DIGEST), FMS_KEY_CRUD);
  const s2 = randomBytes(HANDSHAKE_SIZE - DIGEST);
  return Buffer.concat([Buffer.from([3]), s1, s2, hmac(s2, challenge)]);
}
