import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
const dataDir = join(tmp.dir, 'store');
const env = { TZ: 'UTC' };
const planArgs = [
  'show',
  'plan',
  '--name',
  'Sunday Thrift Drop',
  '--start',
  '2026-11-29T19:00:00Z',
  '--duration',
  '90m',
  '--seed',
  '7',
  '--channels',
  'whatnot,tiktok',
];

beforeAll(async () => {
  const r = await runCli(['inventory', 'import', join(repoRoot, 'templates/sample-inventory.csv')], { dataDir });
  expect(r.code).toBe(0);
});
afterAll(() => tmp.cleanup());

/** Golden files: regenerate with UPDATE_GOLDEN=1 and read the diff before committing. */
function golden(name: string, actual: string): void {
  const file = join(repoRoot, 'test/golden', name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('lotcast show plan (built CLI)', () => {
  it.each(['md', 'html', 'csv'])('renders the %s rundown exactly as the golden file', async (format) => {
    const r = await runCli([...planArgs, '--id', `golden-${format}`, '--format', format], { dataDir, env });
    expect(r.code).toBe(0);
    golden(`plan.${format}`, r.stdout.replaceAll(`golden-${format}`, 'golden'));
  });

  it('prints the table, saves the show, and lists it (--json)', async () => {
    const r = await runCli([...planArgs, '--id', 'sunday'], { dataDir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Sunday Thrift Drop \(sunday\): 1h 30m on Whatnot \+ TikTok; \d+ lots/);
    expect(r.stdout).toMatch(/19:00 +OPEN/);
    const list = await runCli(['show', 'list', '--json'], { dataDir });
    const shows = JSON.parse(list.stdout).shows as Array<Record<string, unknown>>;
    expect(shows.find((s) => s.id === 'sunday')).toMatchObject({
      name: 'Sunday Thrift Drop',
      status: 'planned',
      durationS: 5400,
      start: '2026-11-29T19:00:00.000Z',
    });
  });

  it('json is the versioned plan document, identical for the same seed', async () => {
    const a = await runCli([...planArgs, '--dry-run', '--id', 'same', '--format', 'json'], { dataDir, env });
    const b = await runCli([...planArgs, '--dry-run', '--id', 'same', '--format', 'json'], { dataDir, env });
    const docA = JSON.parse(a.stdout);
    expect(docA.schema).toBe('lotcast.show-plan/1');
    expect({ ...docA, createdAt: 0 }).toEqual({ ...JSON.parse(b.stdout), createdAt: 0 });
    const list = await runCli(['show', 'list', '--json'], { dataDir });
    expect(JSON.parse(list.stdout).shows.some((s: { id: string }) => s.id === 'same')).toBe(false);
  });

  it('moves, drops and adds lots and re-times the rest', async () => {
    await runCli([...planArgs, '--id', 'edit-me'], { dataDir, env });
    const view = async () =>
      JSON.parse((await runCli(['show', 'view', 'edit-me', '--format', 'json'], { dataDir })).stdout);
    const before = await view();
    const l05 = before.segments.find((s: { label: string }) => s.label === 'L05');
    const moved = await runCli(['show', 'move', 'edit-me', 'L05', '--to', '2'], { dataDir, env });
    expect(moved.code).toBe(0);
    const after = await view();
    expect(after.segments[1]).toMatchObject({
      label: 'L05',
      sku: l05.sku,
      offsetS: before.segments[1].offsetS,
      edited: true,
    });
    const dropped = await runCli(['show', 'drop', 'edit-me', l05.sku, '--json'], { dataDir });
    const afterDrop = JSON.parse(dropped.stdout).plan;
    expect(afterDrop.segments.some((s: { sku?: string; kind: string }) => s.sku === l05.sku && s.kind === 'lot')).toBe(
      false,
    );
    expect(
      afterDrop.carried.some(
        (c: { sku: string; reason: string }) => c.sku === l05.sku && c.reason === 'dropped by hand',
      ),
    ).toBe(true);
    expect(afterDrop.summary.plannedS).toBe(after.summary.plannedS - l05.durationS);
    const added = await runCli(['show', 'add', 'edit-me', '--sku', l05.sku, '--at', '3'], { dataDir, env });
    expect(added.code).toBe(0);
    expect((await view()).segments[2].sku).toBe(l05.sku);
  });

  it.each([
    [['--duration', 'abc'], 2, /--duration "abc" is not a duration/],
    [['--channels', 'ebay'], 2, /unknown channel ebay/],
    [['--profile', 'nope'], 4, /No profile "nope"/],
    [['--category', 'Spaceships'], 2, /No item in stock matches/],
  ])('rejects bad input %j without saving', async (extra, code, message) => {
    const before = JSON.parse((await runCli(['show', 'list', '--json'], { dataDir })).stdout).shows.length;
    const r = await runCli(['show', 'plan', '--name', 'Bad', ...extra], { dataDir });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(JSON.parse((await runCli(['show', 'list', '--json'], { dataDir })).stdout).shows.length).toBe(before);
  });

  it('names the file, line and column of a bad profile key', async () => {
    const file = join(tmp.dir, 'typo.yaml');
    writeFileSync(file, 'name: mine\nauction:\n  timerS: 20\n  counterBid: 5\ngiveaways:\n  seconds: -1\n');
    const r = await runCli(['show', 'plan', '--name', 'Typo', '--profile', file], { dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:4: 3: auction.counterBid: unknown key "counterBid" (did you mean "counterBidS"?)`,
    );
    expect(r.stderr).toContain(`${file}:6: 3: giveaways.seconds: must not be negative`);
  });
});
