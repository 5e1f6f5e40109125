import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Constant-time comparison (hashes first, so the length of the token leaks nothing either). */
export function tokenMatches(given: string, token: string): boolean {
  if (!given || !token) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

export function newShowToken(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Writes per client address: a token bucket (a helper tapping fast is fine, a script hammering
 * the ledger is not). Returns 0 to go ahead, or the ms to wait.
 */
export class WriteLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond = 10,
    private readonly burst = 20,
    private readonly now: () => number = Date.now,
  ) {}

  take(client: string): number {
    const t = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (this.buckets.size > 1000) this.buckets.clear();
    this.buckets.set(client, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
  }
}
