import { randomBytes, randomInt } from 'node:crypto';
import type { Channel } from '../core/channel-types.js';
import { StateError, UsageError } from '../core/errors.js';
import type { ItemFilter } from '../core/inventory/item.js';
import type { Strategy } from '../core/plan/ordering.js';
import { planShow } from '../core/plan/planner.js';
import type { ForwardLot } from '../core/plan/pricing.js';
import type { PlanDocument } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { ShowRepo } from '../adapters/store/show-repo.js';
import { loadProfile, loadTalkingPoints } from '../adapters/templates.js';
import { staleLotsForPlan } from './insights.js';

export interface PlanShowOptions {
  name: string;
  startAt: string | null;
  durationS: number;
  channels: Channel[];
  profile: string;
  strategy: Strategy;
  seed?: number;
  /** Chosen show id; generated from the name when absent. */
  id?: string;
  filter: ItemFilter;
  talkingPoints?: string;
  /** Plan and print only; nothing saved. */
  dryRun?: boolean;
  /** Bring stale stock (offered in this many closed shows, sold in none) to the front with its suggested start. */
  staleFirst?: { staleAfter: number };
  now: string;
}

/** Short, readable show id: "sunday-k7q2". */
export function newShowId(name: string): string {
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    if (slug && slug.length + w.length + 1 > 16) break;
    slug = slug ? `${slug}-${w}` : w.slice(0, 16);
  }
  slug ||= 'show';
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(4);
  return `${slug}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Plans a show from the store's inventory and saves it (status planned). Nothing saved on error. */
export function planAndSaveShow(
  store: Store,
  opts: PlanShowOptions,
): { plan: PlanDocument; profileFile: string; forward: ForwardLot[] } {
  const { profile, file } = loadProfile(opts.profile);
  const template = loadTalkingPoints(opts.talkingPoints);
  const items = new ItemRepo(store).list({ ...opts.filter, inStock: true });
  if (items.length === 0) {
    const total = new ItemRepo(store).count();
    throw new UsageError(
      total === 0
        ? 'The inventory is empty: nothing to plan.'
        : 'No item in stock matches the filters: nothing to plan.',
      {
        hint:
          total === 0
            ? 'Import your sheet first: lotcast inventory import <file.csv>.'
            : 'Loosen the filters; `lotcast inventory list` with the same filters shows what matches.',
      },
    );
  }
  if (opts.id && new ShowRepo(store).get(opts.id)) {
    throw new StateError(`A show with id ${opts.id} already exists.`, {
      hint: 'Pick another --id, or leave it out for a generated one.',
    });
  }
  const inPlan = new Set(items.map((i) => i.sku));
  const forward = opts.staleFirst
    ? staleLotsForPlan(store, opts.now, opts.staleFirst.staleAfter).filter((f) => inPlan.has(f.sku))
    : [];
  const plan = planShow({
    id: opts.id ?? newShowId(opts.name),
    name: opts.name,
    startAt: opts.startAt,
    durationS: opts.durationS,
    channels: opts.channels,
    items,
    profile,
    strategy: opts.strategy,
    seed: opts.seed ?? randomInt(1, 2 ** 31 - 1),
    talkingPointsTemplate: template,
    createdAt: opts.now,
    ...(forward.length ? { forward } : {}),
  });
  if (!opts.dryRun) new ShowRepo(store).insert(plan, opts.now);
  return { plan, profileFile: file, forward };
}
