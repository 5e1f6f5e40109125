import got, { type Got } from 'got';
import { PlatformError } from '../../core/errors.js';
import type { Redactor } from '../../core/redact.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | FormData | Buffer;
}

/** What the platform adapter decides about a response: done, retry (after at least delayMs), or fail. */
export type RetryDecision = { retry: false } | { retry: true; delayMs?: number; reason: string };

export interface PlatformHttpOptions {
  platform: string;
  redactor: Redactor;
  timeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * A platform's HTTP client: one got instance with a timeout and no automatic retry (`send`
 * retries itself, since got cannot see the rate-limit signals inside a 200 envelope), and every
 * error text passed through the redactor.
 */
export class PlatformHttp {
  readonly got: Got;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly opts: PlatformHttpOptions) {
    this.got = got.extend({
      timeout: { request: opts.timeoutMs ?? 20_000 },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: true,
      headers: { 'user-agent': 'lotcast' },
    });
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = opts.random ?? Math.random;
  }

  get platform(): string {
    return this.opts.platform;
  }

  redact(text: string): string {
    return this.opts.redactor.redact(text);
  }

  /**
   * Sends the request (rebuilt by `build` on every attempt, so signatures and timestamps are
   * fresh) and retries network failures, 5xx and whatever `decide` calls retryable, with
   * exponential backoff, jitter and a cap, never sooner than a Retry-After says.
   */
  async send(
    build: () => RequestSpec,
    decide: (r: RawResponse) => RetryDecision,
    beforeEach?: () => Promise<void>,
  ): Promise<RawResponse> {
    let lastReason = '';
    for (let attempt = 1; ; attempt++) {
      await beforeEach?.();
      const spec = build();
      let response: RawResponse | null = null;
      let minDelay = 0;
      try {
        const r = await this.got(spec.url, {
          method: spec.method,
          headers: spec.headers ?? {},
          ...(spec.body !== undefined ? { body: spec.body } : {}),
          responseType: 'text',
        });
        response = { status: r.statusCode, headers: r.headers, body: r.body };
      } catch (err) {
        lastReason = this.redact(`${(err as NodeJS.ErrnoException).code ?? ''} ${(err as Error).message}`.trim());
      }
      if (response) {
        const d =
          response.status >= 500 ? { retry: true as const, reason: `HTTP ${response.status}` } : decide(response);
        if (!d.retry) return response;
        lastReason = d.reason;
        minDelay = Math.max(d.delayMs ?? 0, retryAfterMs(response.headers['retry-after']) ?? 0);
        if (attempt >= this.maxAttempts) {
          if (response.status < 500) return response;
          throw new PlatformError(
            this.opts.platform,
            `${this.opts.platform} is unavailable (HTTP ${response.status}, ${attempt} attempts).`,
            {
              status: response.status,
              hint: 'The platform is having trouble; lotcast keeps trying. Check its status page if it lasts.',
            },
          );
        }
      } else if (attempt >= this.maxAttempts) {
        throw new PlatformError(
          this.opts.platform,
          `${this.opts.platform} did not answer after ${attempt} attempts: ${lastReason}`,
          {
            hint: `Check the connection; lotcast retries by itself. The API base can be changed with LOTCAST_${this.opts.platform.toUpperCase()}_API_BASE.`,
          },
        );
      }
      const backoff = Math.min(8_000, 400 * 2 ** (attempt - 1));
      await this.sleep(Math.max(minDelay, backoff / 2 + this.random() * (backoff / 2)));
    }
  }
}

/** Retry-After in seconds or as an HTTP date, to milliseconds. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.ceil(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

export function parseJson(platform: string, r: RawResponse): unknown {
  try {
    return r.body === '' ? {} : JSON.parse(r.body);
  } catch {
    throw new PlatformError(platform, `${platform} answered HTTP ${r.status} with something that is not JSON.`, {
      status: r.status,
      hint: 'Check the API base URL setting; a proxy or captive portal may be answering instead.',
    });
  }
}
