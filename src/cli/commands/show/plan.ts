import { Option, type Command } from 'commander';
import { UsageError } from '../../../core/errors.js';
import { parseDuration } from '../../../core/plan/duration.js';
import { STRATEGIES, type Strategy } from '../../../core/plan/ordering.js';
import type { PlanShowOptions } from '../../../services/show-plan.js';
import { contextOf } from '../../context.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../../item-filter-options.js';
import { parseChannels } from '../../parse.js';
import { PLAN_FORMATS, emitPlan, type PlanFormat } from '../../plan-output.js';
import { group } from '../groups.js';

interface PlanFlags extends ItemFilterFlags {
  name: string;
  start?: string;
  duration: string;
  channels: string;
  profile: string;
  strategy: Strategy;
  seed?: string;
  id?: string;
  talkingPoints?: string;
  format: PlanFormat;
  out?: string;
  dryRun?: boolean;
}

function parseStart(raw: string | undefined): string | null {
  if (!raw) return null;
  const t = Date.parse(raw);
  if (Number.isNaN(t))
    throw new UsageError(`--start "${raw}" is not a date and time.`, {
      hint: 'Write it like 2026-11-29T19:00 (local time) or 2026-11-29T19:00-05:00.',
    });
  return new Date(t).toISOString();
}

function planInput(flags: PlanFlags): PlanShowOptions {
  const duration = parseDuration(flags.duration);
  if (!duration.ok) throw new UsageError(`--duration ${duration.message}.`);
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0))
    throw new UsageError(`--seed must be a whole number (got "${flags.seed}").`);
  if (flags.id !== undefined && !/^[a-z0-9][a-z0-9-]{0,31}$/.test(flags.id))
    throw new UsageError(`--id "${flags.id}": use 1-32 lowercase letters, digits and dashes.`);
  return {
    name: flags.name,
    startAt: parseStart(flags.start),
    durationS: duration.seconds,
    channels: parseChannels(flags.channels),
    profile: flags.profile,
    strategy: flags.strategy,
    ...(flags.id ? { id: flags.id } : {}),
    ...(seed !== undefined ? { seed } : {}),
    filter: parseItemFilter(flags),
    ...(flags.talkingPoints ? { talkingPoints: flags.talkingPoints } : {}),
    dryRun: Boolean(flags.dryRun),
    now: new Date().toISOString(),
  };
}

export function registerShowPlan(program: Command): void {
  addItemFilterOptions(
    group(program, 'show')
      .command('plan')
      .description('plan a show from inventory: lot order, timings, giveaways, flash sales, talking points')
      .requiredOption('--name <name>', 'show name, e.g. "Sunday Thrift Drop"')
      .option('--start <when>', 'planned start, e.g. 2026-11-29T19:00')
      .option('--duration <length>', 'show length: 90m, 2h, 1h30m', '2h')
      .option('--channels <list>', 'whatnot, tiktok, or whatnot,tiktok (simulcast)', 'whatnot,tiktok')
      .option(
        '--profile <name|file>',
        'show profile: standard, fast-auction, bin-heavy, or a .yaml/.json file',
        'standard',
      )
      .addOption(new Option('--strategy <strategy>', 'lot order').choices([...STRATEGIES]).default('hook'))
      .option('--seed <n>', 'make the ordering reproducible')
      .option('--id <id>', 'choose the show id (letters, digits, dashes) instead of a generated one')
      .option('--talking-points <file>', 'your talking-points template (see templates/talking-points.txt)')
      .addOption(new Option('--format <format>', 'output').choices([...PLAN_FORMATS]).default('text'))
      .option('--out <file>', 'write the rundown to a file')
      .option('--dry-run', 'print the plan without saving the show'),
  ).action(async (flags: PlanFlags, cmd: Command) => {
    const ctx = contextOf(cmd);
    const input = planInput(flags);
    const { planAndSaveShow } = await import('../../../services/show-plan.js');
    const { plan } = planAndSaveShow(ctx.store(), input);
    emitPlan(ctx.out, plan, flags.format, flags.out);
    if (!flags.dryRun && flags.format === 'text' && !flags.out)
      ctx.out.line(
        ctx.out.color.dim(
          `Saved as ${plan.show.id}. Next: lotcast show view ${plan.show.id} --format html --out cue-sheet.html`,
        ),
      );
  });
}
