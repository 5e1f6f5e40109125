import { NotFoundError, StateError, UsageError } from '../core/errors.js';
import { lotSegment, retime } from '../core/plan/planner.js';
import type { PlanDocument, PlanSegment } from '../core/show/plan-types.js';
import type { Store } from '../adapters/store/database.js';
import { ItemRepo } from '../adapters/store/item-repo.js';
import { ShowRepo } from '../adapters/store/show-repo.js';
import { loadProfile, loadTalkingPoints } from '../adapters/templates.js';

export type ShowEdit =
  | { kind: 'move'; label: string; to: number }
  | { kind: 'drop'; label: string }
  | { kind: 'add'; sku: string; at?: number };

/**
 * Moves, drops or adds a lot in a planned show and re-times everything after it. Edited
 * segments are marked so a re-plan can say what it would discard.
 */
export function editShow(
  store: Store,
  showRef: string,
  edit: ShowEdit,
  now: string,
): { plan: PlanDocument; message: string } {
  const shows = new ShowRepo(store);
  return store.transaction(() => {
    const show = shows.require(showRef);
    if (show.status !== 'planned') {
      throw new StateError(`Show ${show.id} is ${show.status}; only a planned show can be edited.`, {
        hint: 'Plan a new show, or edit before going live.',
      });
    }
    const plan = show.plan;
    const segs: Array<Omit<PlanSegment, 'index' | 'offsetS'>> = plan.segments.map(
      ({ index: _i, offsetS: _o, ...s }) => s,
    );
    const carried = [...plan.carried];
    const findLabel = (label: string) => {
      const i = segs.findIndex(
        (s) => s.label.toLowerCase() === label.toLowerCase() || (s.sku !== undefined && s.sku === label),
      );
      if (i < 0)
        throw new NotFoundError(`Show ${show.id} has no segment "${label}".`, {
          hint: `Use a label from \`lotcast show view ${show.id}\` (L01, G1, F1, ...) or a SKU.`,
        });
      return i;
    };
    const position = (p: number) => {
      if (!Number.isInteger(p) || p < 1 || p > segs.length + 1)
        throw new UsageError(`Position ${p} is outside the rundown (1-${segs.length}).`);
      // Never before the opening or after the closing.
      const first = segs[0]?.kind === 'opening' ? 1 : 0;
      const last = segs.at(-1)?.kind === 'closing' ? segs.length - 1 : segs.length;
      return Math.min(Math.max(p - 1, first), last);
    };
    let message: string;
    if (edit.kind === 'move') {
      const i = findLabel(edit.label);
      const [seg] = segs.splice(i, 1);
      if (seg!.kind === 'opening' || seg!.kind === 'closing')
        throw new UsageError('The opening and closing stay where they are.');
      segs.splice(position(edit.to), 0, { ...seg!, edited: true });
      message = `Moved ${seg!.label} to position ${edit.to}.`;
    } else if (edit.kind === 'drop') {
      const i = findLabel(edit.label);
      const seg = segs[i]!;
      if (seg.kind === 'opening' || seg.kind === 'closing')
        throw new UsageError('The opening and closing cannot be dropped.');
      segs.splice(i, 1);
      if (seg.sku && seg.kind !== 'giveaway')
        carried.push({ sku: seg.sku, title: seg.title, quantity: seg.quantity ?? 1, reason: 'dropped by hand' });
      message = `Dropped ${seg.label} (${seg.title}); ${seg.sku ? 'it goes back to inventory for the next show' : 'done'}.`;
    } else {
      const item = new ItemRepo(store).get(edit.sku);
      if (!item)
        throw new NotFoundError(`No item with SKU ${edit.sku}.`, { hint: 'Check `lotcast inventory list --sku ...`.' });
      if (item.quantity <= 0) throw new UsageError(`${edit.sku} is out of stock.`);
      if (segs.some((s) => s.sku === edit.sku && s.kind !== 'giveaway'))
        throw new UsageError(`${edit.sku} is already in this show.`);
      const { profile } = loadProfile(plan.show.profile);
      const lotNo = Math.max(0, ...segs.filter((s) => s.kind === 'lot').map((s) => Number(s.label.slice(1)) || 0)) + 1;
      const seg = {
        ...lotSegment(
          item,
          lotNo,
          { channels: plan.show.channels, profile, talkingPointsTemplate: loadTalkingPoints() },
          [],
        ),
        edited: true,
      };
      const at =
        edit.at === undefined ? (segs.at(-1)?.kind === 'closing' ? segs.length - 1 : segs.length) : position(edit.at);
      segs.splice(at, 0, seg);
      const ci = carried.findIndex((c) => c.sku === edit.sku);
      if (ci >= 0) carried.splice(ci, 1);
      message = `Added ${seg.label} ${item.title} at position ${at + 1}.`;
    }
    const next = retime({ ...plan, carried }, segs);
    if (next.summary.spareS < 0) {
      next.warnings = [
        ...next.warnings.filter((w) => w.field !== 'fit'),
        {
          field: 'fit',
          severity: 'warning',
          message: `the rundown now runs ${Math.ceil(-next.summary.spareS / 60)} min over the show's length`,
        },
      ];
    } else {
      next.warnings = next.warnings.filter((w) => w.field !== 'fit');
    }
    shows.updatePlan(show.id, next, now);
    return { plan: next, message };
  });
}
