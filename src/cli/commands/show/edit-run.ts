import type { Command } from 'commander';
import { UsageError } from '../../../core/errors.js';
import type { ShowEdit } from '../../../services/show-edit.js';
import { contextOf } from '../../context.js';

/** `--to 3` / `--at 3`: a position in the rundown, from 1. */
export function parsePosition(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a position from 1 (got "${raw}").`);
  return n;
}

/** What `show move`, `show drop` and `show add` share: apply the edit, print the re-timed rundown. */
export async function runShowEdit(cmd: Command, ref: string, edit: ShowEdit, json?: boolean): Promise<void> {
  const ctx = contextOf(cmd);
  const { editShow } = await import('../../../services/show-edit.js');
  const { renderText } = await import('../../../core/plan/render.js');
  const { plan, message } = editShow(ctx.store(), ref, edit, new Date().toISOString());
  if (json) return ctx.out.json({ message, plan });
  ctx.out.line(message);
  ctx.out.line(renderText(plan));
}
