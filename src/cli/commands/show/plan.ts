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
import { parseTimeZone } from '../../history-filter-options.js';
import type { ForwardLot } from '../../../core/plan/pricing.js';
import { formatCents } from '../../../core/money.js';

function staleLine(forward: ForwardLot[]): string {
  if (forward.length === 0) return 'No stale stock in this plan: nothing in it went unsold in enough closed shows.';
  return `Stale stock first (${forward.length}): ${forward.map((f) => (f.startCents === undefined ? f.sku : `${f.sku} from ${formatCents(f.startCents)}`)).join(', ')}.`;
}

type StartSuggestion = Awaited<ReturnType<typeof import('../../../services/insights.js').suggestStart>>;
function startLine(s: StartSuggestion, timeZone: string): string {
  const cell = (c: NonNullable<StartSuggestion['best']>) =>
    `${c.weekday} ${String(c.hour).padStart(2, '0')}:00 (${timeZone}), ${formatCents(c.grossPerHourCents ?? 0)} per hour on air over ${c.shows} show${c.shows === 1 ? '' : 's'}`;
  if (s.best) return `Best-paying start from ${s.shows} closed shows: ${cell(s.best)}.`;
  if (s.thin)
    return `No start time has ${s.minShows} closed shows behind it yet; so far the best is ${cell(s.thin)}: too few shows to call it a pattern.`;
  return 'No closed shows yet: close a show after it ends (lotcast show close) to get a suggested start.';
}

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
  staleFirst?: boolean;
  staleAfter: string;
  suggestStart?: boolean;
  tz?: string;
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

function wholeNumber(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number from ${min} (got "${raw}").`);
  return n;
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
    ...(flags.staleFirst ? { staleFirst: { staleAfter: wholeNumber('--stale-after', flags.staleAfter, 1) } } : {}),
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
      .option('--dry-run', 'print the plan without saving the show')
      .option(
        '--stale-first',
        'bring stale stock (offered in past shows, never sold) to the front with its suggested start',
      )
      .option('--stale-after <n>', 'with --stale-first: shows an item went unsold in to count as stale', '2')
      .option('--suggest-start', 'also print the best-paying weekday and hour to go live, from your closed shows')
      .option('--tz <zone>', 'with --suggest-start: time zone for weekdays and hours (default: this computer)'),
  ).action(async (flags: PlanFlags, cmd: Command) => {
    const ctx = contextOf(cmd);
    const input = planInput(flags);
    const timeZone = flags.suggestStart ? parseTimeZone(flags.tz) : null;
    const { planAndSaveShow } = await import('../../../services/show-plan.js');
    const { plan, forward } = planAndSaveShow(ctx.store(), input);
    emitPlan(ctx.out, plan, flags.format, flags.out);
    // Notes go to stdout under a text rundown on screen, else to stderr (never into a document).
    const say = (text: string) =>
      flags.format === 'text' && !flags.out ? ctx.out.line(ctx.out.color.dim(text)) : ctx.out.note(text);
    if (flags.staleFirst) say(staleLine(forward));
    if (timeZone) {
      const { suggestStart } = await import('../../../services/insights.js');
      say(startLine(suggestStart(ctx.store(), { timeZone, now: input.now, minShows: 3 }), timeZone));
    }
    if (!flags.dryRun && flags.format === 'text' && !flags.out)
      say(`Saved as ${plan.show.id}. Next: lotcast show view ${plan.show.id} --format html --out cue-sheet.html`);
  });
}
