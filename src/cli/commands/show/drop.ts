import type { Command } from 'commander';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';
import { runShowEdit } from './edit-run.js';

export function registerShowDrop(program: Command): void {
  group(program, 'show')
    .command('drop <show> <lot>')
    .description('drop a lot from the rundown (the item stays in inventory for the next show)')
    .addOption(jsonOption())
    .action((ref: string, lot: string, f: { json?: boolean }, cmd: Command) =>
      runShowEdit(cmd, ref, { kind: 'drop', label: lot }, f.json),
    );
}
