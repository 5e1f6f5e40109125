import type { Channel } from '../core/channel-types.js';
import type { Item, ItemFilter } from '../core/inventory/item.js';
import type { ListingProblem } from '../core/channels/listing-rules.js';
import { ConfigError, PlatformError } from '../core/errors.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { ListingRepo } from '../adapters/store/listing-repo.js';
import { fingerprintHash, type ListingPublisher } from './listing-publishers.js';

/**
 * `lotcast list`: every selected item on every selected channel, one at a time per channel,
 * each success saved the moment it happens so a crash or Ctrl-C loses nothing and a re-run
 * skips what is listed and updates only what changed.
 */
export type ListOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'blocked'
  | 'skipped'
  | 'failed'
  | 'would-create'
  | 'would-update';

export interface ListItemResult {
  channel: Channel;
  sku: string;
  title: string;
  outcome: ListOutcome;
  remoteId?: string;
  problems?: ListingProblem[];
  error?: string;
  hint?: string;
  note?: string;
  payload?: Record<string, unknown> | null;
}

export type ListEvent =
  | { type: 'start'; total: number; channels: Channel[] }
  | { type: 'item'; done: number; total: number; result: ListItemResult };

export interface ListSummary {
  dryRun: boolean;
  interrupted: boolean;
  counts: Record<ListOutcome, number>;
  results: ListItemResult[];
  /** SKUs that need another run (failed or blocked), per channel. */
  retry: Partial<Record<Channel, string[]>>;
}

export interface ListOptions {
  filter: ItemFilter;
  dryRun: boolean;
  now: () => string;
  /** Checked between items; true stops the batch cleanly (Ctrl-C). */
  shouldStop?: () => boolean;
}

export function selectItems(store: Store, filter: ItemFilter): Item[] {
  return new ItemRepo(store).list(filter);
}

export async function runListing(
  store: Store,
  publishers: ListingPublisher[],
  opts: ListOptions,
  onEvent: (e: ListEvent) => void = () => {},
): Promise<ListSummary> {
  const items = selectItems(store, opts.filter);
  const repo = new ListingRepo(store);
  const total = items.length * publishers.length;
  const results: ListItemResult[] = [];
  let interrupted = false;
  onEvent({ type: 'start', total, channels: publishers.map((p) => p.channel) });
  // Channels run side by side (each at its own platform's pace); items in order within one.
  await Promise.all(
    publishers.map(async (pub) => {
      let refused: ListItemResult | null = null;
      for (const item of items) {
        if (opts.shouldStop?.()) {
          interrupted = true;
          return;
        }
        // A refused token fails every item the same way: say so once, do not hammer the platform.
        let result: ListItemResult;
        if (refused)
          result = {
            channel: pub.channel,
            sku: item.sku,
            title: item.title,
            outcome: 'failed',
            error: `not tried: ${refused.error}`,
            ...(refused.hint ? { hint: refused.hint } : {}),
          };
        else {
          const one = await listOne(pub, item, repo, opts);
          result = one.result;
          if (one.credentialsRefused) refused = result;
        }
        results.push(result);
        onEvent({ type: 'item', done: results.length, total, result });
      }
    }),
  );
  const counts = Object.fromEntries(
    (
      [
        'created',
        'updated',
        'unchanged',
        'blocked',
        'skipped',
        'failed',
        'would-create',
        'would-update',
      ] as ListOutcome[]
    ).map((o) => [o, 0]),
  ) as Record<ListOutcome, number>;
  const retry: ListSummary['retry'] = {};
  for (const r of results) {
    counts[r.outcome]++;
    if (r.outcome === 'failed' || r.outcome === 'blocked') {
      const skus = retry[r.channel] ?? [];
      skus.push(r.sku);
      retry[r.channel] = skus;
    }
  }
  return { dryRun: opts.dryRun, interrupted, counts, results, retry };
}

async function listOne(
  pub: ListingPublisher,
  item: Item,
  repo: ListingRepo,
  opts: ListOptions,
): Promise<{ result: ListItemResult; credentialsRefused: boolean }> {
  const base = { channel: pub.channel, sku: item.sku, title: item.title };
  const existing = repo.get(item.sku, pub.channel);
  try {
    return { result: await attempt(), credentialsRefused: false };
  } catch (err) {
    const e = err as Error & { hint?: string };
    if (!opts.dryRun) repo.saveFailed(item.sku, pub.channel, e.message, opts.now());
    return {
      result: { ...base, outcome: 'failed', error: e.message, ...(e.hint ? { hint: e.hint } : {}) },
      credentialsRefused: isCredentialError(err),
    };
  }

  async function attempt(): Promise<ListItemResult> {
    const d = await pub.plan(item, existing);
    const extra = {
      ...(d.note ? { note: d.note } : {}),
      ...(existing?.remoteId ? { remoteId: existing.remoteId } : {}),
    };
    if (d.action === 'blocked') return { ...base, outcome: 'blocked', problems: d.problems, ...extra };
    if (d.action === 'unchanged' || d.action === 'skipped') return { ...base, outcome: d.action, ...extra };
    if (opts.dryRun)
      return {
        ...base,
        outcome: d.action === 'create' ? 'would-create' : 'would-update',
        payload: d.payload,
        ...extra,
      };
    const sent = await pub.send(item, existing, d, (r) =>
      repo.savePartial(item.sku, pub.channel, r.remoteId, r.remoteSkuId, opts.now()),
    );
    repo.saveListed({
      sku: item.sku,
      channel: pub.channel,
      remoteId: sent.remoteId,
      remoteSkuId: sent.remoteSkuId,
      extra: sent.extra,
      contentHash: fingerprintHash(d.fingerprint),
      now: opts.now(),
    });
    return {
      ...base,
      outcome: d.action === 'create' ? 'created' : 'updated',
      remoteId: sent.remoteId,
      ...(d.note ? { note: d.note } : {}),
    };
  }
}

function isCredentialError(err: unknown): boolean {
  if (err instanceof ConfigError) return true;
  if (!(err instanceof PlatformError)) return false;
  return (
    err.status === 401 ||
    err.status === 403 ||
    err.code === 106001 ||
    (typeof err.code === 'number' && Math.floor(err.code / 1000) === 105)
  );
}
