import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { commandGroup, jsonOption } from '../options.js';
import type { ShowEdit } from '../../services/show-edit.js';

function position(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a position from 1 (got "${raw}").`);
  return n;
}

async function run(cmd: Command, ref: string, edit: ShowEdit, json?: boolean): Promise<void> {
  const ctx = contextOf(cmd);
  const { editShow } = await import('../../services/show-edit.js');
  const { renderText } = await import('../../core/plan/render.js');
  const { plan, message } = editShow(ctx.store(), ref, edit, new Date().toISOString());
  if (json) return ctx.out.json({ message, plan });
  ctx.out.line(message);
  ctx.out.line(renderText(plan));
}

export function registerShowEdit(program: Command): void {
  const show = commandGroup(program, 'show', 'plan shows, see and edit their rundowns, follow them live');
  show
    .command('move <show> <lot>')
    .description('move a lot (label like L07, or its SKU) to another position; the rest is re-timed')
    .requiredOption('--to <position>', 'new position in the rundown (1 = first)')
    .addOption(jsonOption())
    .action((ref: string, lot: string, f: { to: string; json?: boolean }, cmd: Command) =>
      run(cmd, ref, { kind: 'move', label: lot, to: position(f.to, '--to')! }, f.json),
    );
  show
    .command('drop <show> <lot>')
    .description('drop a lot from the rundown (the item stays in inventory for the next show)')
    .addOption(jsonOption())
    .action((ref: string, lot: string, f: { json?: boolean }, cmd: Command) =>
      run(cmd, ref, { kind: 'drop', label: lot }, f.json),
    );
  show
    .command('add <show>')
    .description('add an item as a lot')
    .requiredOption('--sku <sku>', 'the item to add')
    .option('--at <position>', 'position in the rundown (default: just before the closing)')
    .addOption(jsonOption())
    .action((ref: string, f: { sku: string; at?: string; json?: boolean }, cmd: Command) => {
      const at = position(f.at, '--at');
      return run(cmd, ref, { kind: 'add', sku: f.sku, ...(at !== undefined ? { at } : {}) }, f.json);
    });
}
