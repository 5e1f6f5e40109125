import { Option, type Command } from 'commander';
import { isChannel, type Channel } from '../../core/channel-types.js';
import { UsageError } from '../../core/errors.js';
import { parseDuration, formatMinutes } from '../../core/plan/duration.js';
import { STRATEGIES, type Strategy } from '../../core/plan/ordering.js';
import { addItemFilterOptions, parseItemFilter, type ItemFilterFlags } from '../item-filter-options.js';
import { contextOf } from '../context.js';
import { table } from '../../ui/output.js';
import { PLAN_FORMATS, emitPlan, type PlanFormat } from '../plan-output.js';
import { commandGroup, jsonOption } from '../options.js';

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

export function parseChannels(raw: string): Channel[] {
  const list = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const bad = list.filter((c) => !isChannel(c));
  if (bad.length || list.length === 0)
    throw new UsageError(`--channels: unknown channel ${bad.join(', ') || '(none)'}.`, {
      hint: 'Use whatnot, tiktok, or whatnot,tiktok for a simulcast.',
    });
  return list as Channel[];
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

export function registerShow(program: Command): void {
  const show = commandGroup(program, 'show', 'plan shows, see and edit their rundowns, follow them live');

  addItemFilterOptions(
    show
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
    const duration = parseDuration(flags.duration);
    if (!duration.ok) throw new UsageError(`--duration ${duration.message}.`);
    const seed = flags.seed === undefined ? undefined : Number(flags.seed);
    if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0))
      throw new UsageError(`--seed must be a whole number (got "${flags.seed}").`);
    if (flags.id !== undefined && !/^[a-z0-9][a-z0-9-]{0,31}$/.test(flags.id))
      throw new UsageError(`--id "${flags.id}": use 1-32 lowercase letters, digits and dashes.`);
    const { planAndSaveShow } = await import('../../services/show-plan.js');
    const { plan } = planAndSaveShow(ctx.store(), {
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
    });
    emitPlan(ctx.out, plan, flags.format, flags.out);
    if (!flags.dryRun && flags.format === 'text' && !flags.out)
      ctx.out.line(
        ctx.out.color.dim(
          `Saved as ${plan.show.id}. Next: lotcast show view ${plan.show.id} --format html --out cue-sheet.html`,
        ),
      );
  });

  show
    .command('list')
    .description('list shows')
    .addOption(jsonOption())
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { ShowRepo } = await import('../../adapters/store/show-repo.js');
      const shows = new ShowRepo(ctx.store()).list();
      const rows = shows.map((s) => ({
        id: s.id,
        name: s.name,
        status: s.status,
        start: s.startAt,
        durationS: s.durationS,
        lotCount: s.plan.summary.lotCount,
        channels: s.channels,
      }));
      if (flags.json) return ctx.out.json({ shows: rows });
      if (rows.length === 0)
        return ctx.out.line('No shows yet. Plan one: lotcast show plan --name "Sunday Drop" --duration 2h');
      ctx.out.line(
        table(
          ['ID', 'Name', 'Status', 'Start', 'Length', 'Lots'],
          rows.map((r) => [r.id, r.name, r.status, r.start ?? '-', formatMinutes(r.durationS), String(r.lotCount)]),
        ),
      );
    });

  show
    .command('view <show>')
    .description("print a show's rundown")
    .addOption(new Option('--format <format>', 'output').choices([...PLAN_FORMATS]).default('text'))
    .option('--out <file>', 'write to a file')
    .action(async (ref: string, flags: { format: PlanFormat; out?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { ShowRepo } = await import('../../adapters/store/show-repo.js');
      emitPlan(ctx.out, new ShowRepo(ctx.store()).require(ref).plan, flags.format, flags.out);
    });
}
