import type { Command } from 'commander';
import { jsonOption } from '../../options.js';
import { group } from '../groups.js';
import { parsePosition, runShowEdit } from './edit-run.js';

export function registerShowAdd(program: Command): void {
  group(program, 'show')
    .command('add <show>')
    .description('add an item as a lot')
    .requiredOption('--sku <sku>', 'the item to add')
    .option('--at <position>', 'position in the rundown (default: just before the closing)')
    .addOption(jsonOption())
    .action((ref: string, f: { sku: string; at?: string; json?: boolean }, cmd: Command) => {
      const at = parsePosition(f.at, '--at');
      return runShowEdit(cmd, ref, { kind: 'add', sku: f.sku, ...(at !== undefined ? { at } : {}) }, f.json);
    });
}
