import type { Command } from 'commander';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';
import { parsePosition, runShowEdit } from './edit-run.js';

export function registerShowMove(program: Command): void {
  group(program, 'show')
    .command('move <show> <lot>')
    .description('move a lot (label like L07, or its SKU) to another position; the rest is re-timed')
    .requiredOption('--to <position>', 'new position in the rundown (1 = first)')
    .addOption(jsonOption())
    .action((ref: string, lot: string, f: { to: string; json?: boolean }, cmd: Command) =>
      runShowEdit(cmd, ref, { kind: 'move', label: lot, to: parsePosition(f.to, '--to')! }, f.json),
    );
}
