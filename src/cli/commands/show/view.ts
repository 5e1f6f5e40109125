import { Option, type Command } from 'commander';
import { contextOf } from '../../context.js';
import { PLAN_FORMATS, emitPlan, type PlanFormat } from '../../plan-output.js';
import { group } from '../groups.js';

export function registerShowView(program: Command): void {
  group(program, 'show')
    .command('view <show>')
    .description("print a show's rundown")
    .addOption(new Option('--format <format>', 'output').choices([...PLAN_FORMATS]).default('text'))
    .option('--out <file>', 'write to a file')
    .action(async (ref: string, flags: { format: PlanFormat; out?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { ShowRepo } = await import('../../../adapters/store/show-repo.js');
      emitPlan(ctx.out, new ShowRepo(ctx.store()).require(ref).plan, flags.format, flags.out);
    });
}
