import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = () => join(tmp.dir, `d${++n}`);
const sheet = join(tmp.dir, 'ok.csv');
writeFileSync(sheet, 'SKU,Title,Qty,Price\nA,Tee,1,20\n');

/** What every one of these must never say. */
function expectNoBugOrDanger(text: string): void {
  expect(text).not.toMatch(/bug in lotcast/);
  expect(text).not.toMatch(/\bdelete\b|\brm\b/i);
}

describe('each failure says what happened and what to do (built CLI)', () => {
  it('a folder given as the sheet', async () => {
    const r = await runCli(['inventory', 'import', tmp.dir], { dataDir: fresh() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${tmp.dir} is a folder, not a sheet.`);
    expect(r.stderr).toMatch(/hint: Give the path of the CSV or \.xlsx file itself/);
    expectNoBugOrDanger(r.stderr);
  });

  it('a named pipe with no writer is refused at once instead of hanging', async () => {
    const fifo = join(tmp.dir, 'haul.csv');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    const r = await runCli(['inventory', 'import', fifo], { dataDir: fresh(), timeoutMs: 10_000 });
    expect(r.code).toBe(2);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(r.stderr).toMatch(/is a named pipe \(FIFO\), not a file/);
    expect(r.stderr).toMatch(/hint: Save the data to a \.csv or \.xlsx file first/);
    expectNoBugOrDanger(r.stderr);
  });

  it('a file that is not a lotcast store (text, or someone else’s SQLite database) is left alone', async () => {
    const text = fresh();
    mkdirSync(text);
    writeFileSync(join(text, 'lotcast.db'), 'my shopping list\n');
    const r = await runCli(['inventory', 'list'], { dataDir: text });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('This file is not a lotcast store (it is not an SQLite database).');
    expect(r.stderr).toMatch(/hint: Point lotcast at its own data folder with --data-dir/);
    expectNoBugOrDanger(r.stderr);
    expect(readFileSync(join(text, 'lotcast.db'), 'utf8')).toBe('my shopping list\n');

    const other = fresh();
    mkdirSync(other);
    const db = new DatabaseSync(join(other, 'lotcast.db'));
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    const r2 = await runCli(['inventory', 'import', sheet], { dataDir: other });
    expect(r2.code).toBe(3);
    expect(r2.stderr).toContain('This file is an SQLite database, but not a lotcast store.');
    expectNoBugOrDanger(r2.stderr);
    const check = new DatabaseSync(join(other, 'lotcast.db'));
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    check.close();
    expect(tables).toEqual([{ name: 'recipes' }]);
  });

  it('a damaged store: every command says so with a recovery path; doctor reports it; --json errors are JSON', async () => {
    const dataDir = fresh();
    expect((await runCli(['inventory', 'import', sheet], { dataDir })).code).toBe(0);
    const file = join(dataDir, 'lotcast.db');
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (let p = 1; p < bytes.length / pageSize; p++)
      for (let i = p * pageSize + 8; i < (p + 1) * pageSize; i += 7) bytes[i] = 0x5a;
    writeFileSync(file, bytes);

    const list = await runCli(['inventory', 'list'], { dataDir });
    expect(list.code).toBe(3);
    expect(list.stderr).toContain('The lotcast store is damaged (database disk image is malformed).');
    expect(list.stderr).toMatch(/hint: Keep a copy of the file first\. `sqlite3 .* \.recover/);
    expectNoBugOrDanger(list.stderr);

    const doctor = await runCli(['doctor', '--json'], { dataDir });
    expect(doctor.code).toBe(1);
    const store = JSON.parse(doctor.stdout).findings.find((f: { check: string }) => f.check === 'store');
    expect(store).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/damaged/),
      fix: expect.stringMatching(/Keep a copy/),
    });

    const json = await runCli(['show', 'list', '--json'], { dataDir });
    expect(json.code).toBe(3);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr)).toEqual({
      error: {
        message: 'The lotcast store is damaged (database disk image is malformed).',
        where: file,
        hint: expect.stringMatching(/Keep a copy/),
        exitCode: 3,
      },
    });
  });

  it('doctor reports a healthy store too', async () => {
    const dataDir = fresh();
    await runCli(['inventory', 'import', sheet], { dataDir });
    const doctor = await runCli(['doctor', '--json'], { dataDir });
    const store = JSON.parse(doctor.stdout).findings.find((f: { check: string }) => f.check === 'store');
    expect(store).toMatchObject({ status: 'ok', detail: expect.stringMatching(/1 items, 0 shows/) });
  });

  it('a broken secrets.json: fix it or move it aside, never "delete"', async () => {
    const dataDir = fresh();
    mkdirSync(join(dataDir, 'config'), { recursive: true });
    writeFileSync(join(dataDir, 'config', 'secrets.json'), '{"destinationKeys": {');
    const r = await runCli(['config', 'list'], { dataDir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/secrets\.json is not valid JSON/);
    expect(r.stderr).toMatch(/keep a copy first\), or move it aside/);
    expectNoBugOrDanger(r.stderr);
    const doctor = await runCli(['doctor'], { dataDir });
    expect(doctor.stdout).toMatch(/FAIL config files/);
    expectNoBugOrDanger(doctor.stdout);
  });

  it('--dry-run with invalid rows lists every problem and exits 1, as the real import would', async () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, 'SKU,Title,Qty\nA,Tee,x\nB,,1\n');
    const dataDir = fresh();
    const dry = await runCli(['inventory', 'import', bad, '--dry-run'], { dataDir });
    const real = await runCli(['inventory', 'import', bad], { dataDir });
    expect(dry.code).toBe(1);
    expect(real.code).toBe(1);
    for (const r of [dry, real]) {
      expect(r.stderr).toContain('bad.csv:2: Qty: "x" is not a whole number of units');
      expect(r.stderr).toContain('bad.csv:3: Title: title is empty');
    }
    expect((await runCli(['inventory', 'import', bad, '--dry-run', '--skip-invalid'], { dataDir })).code).toBe(0);
  });

  it('--json: errors are one JSON object on stderr (lotcast errors, usage errors, sheet problems)', async () => {
    const dataDir = fresh();
    const usage = await runCli(['inventory', 'list', '--bogus', '--json'], { dataDir });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ error: { message: "unknown option '--bogus'", exitCode: 2 } });
    const folder = await runCli(['inventory', 'import', tmp.dir, '--json'], { dataDir });
    expect(folder.code).toBe(2);
    expect(JSON.parse(folder.stderr).error).toMatchObject({
      message: expect.stringMatching(/is a folder/),
      hint: expect.any(String),
    });
    expect(folder.stdout).toBe('');
  });
});

// A read-only config folder: a real read-only mount (root can write through any permission bits).
const mountPoint = join(tmp.dir, 'ro');
mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
});
if (!mounted) console.warn('read-only config test skipped: cannot mount a tmpfs here');

describe.skipIf(!mounted)('a read-only config folder (a read-only mount)', () => {
  it('config set, destination add and doctor say the folder is read-only and where else to keep config', async () => {
    const dataDir = fresh();
    const env = { LOTCAST_CONFIG_DIR: join(mountPoint, 'config') };
    expect((await runCli(['config', 'set', 'ingest.port', '1936'], { dataDir, env })).code).toBe(0);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const set = await runCli(['config', 'set', 'ingest.port', '1937'], { dataDir, env });
    expect(set.code).toBe(3);
    expect(set.stderr).toMatch(/lotcast cannot write its config folder .*: it is on a read-only disk/);
    expect(set.stderr).toMatch(/LOTCAST_CONFIG_DIR=<folder>/);
    expectNoBugOrDanger(set.stderr);
    const add = await runCli(['destination', 'add', 'yt', '--preset', 'youtube', '--key-stdin'], {
      dataDir,
      env,
      input: 'secret-key\n',
    });
    expect(add.code).toBe(3);
    expectNoBugOrDanger(add.stderr);
    expect(add.stderr).not.toContain('secret-key');
    const doctor = await runCli(['doctor'], { dataDir, env });
    expect(doctor.stdout).toMatch(/FAIL config folder .* is not writable/);
  });
});
