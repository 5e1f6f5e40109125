import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../helpers/cli.js';
import { plannedShow } from '../helpers/shows.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('lotcast program', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help'], { dataDir: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: lotcast');
    expect(r.stdout).toContain('--data-dir');
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version'], { dataDir: tmp.dir });
    expect(r.code).toBe(0);
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(r.stdout.trim()).toBe(version);
  });

  it('exits 2 on an unknown option', async () => {
    const r = await runCli(['--definitely-not-an-option'], { dataDir: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });

  it('exits 4 for what does not exist and 5 for the wrong moment, each with its hint', async () => {
    const dataDir = await plannedShow(tmp.dir, 'SKU,Title,Qty,Price\nA1,Lamp,1,10\nA2,Vase,2,5\n', 'codes');
    const missing = await runCli(['show', 'status', 'no-such-show'], { dataDir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/No show "no-such-show"[\s\S]*hint: Run `lotcast show list`/);
    const noDest = await runCli(['destination', 'enable', 'nowhere'], { dataDir });
    expect(noDest.code).toBe(4);
    const notLive = await runCli(['sale', '--show', 'codes', '--channel', 'whatnot', '--sku', 'A1'], { dataDir });
    expect(notLive.code).toBe(5);
    expect(notLive.stderr).toMatch(/has not started/);
    expect((await runCli(['show', 'close', 'codes'], { dataDir })).code).toBe(0);
    const closed = await runCli(['sale', '--show', 'codes', '--channel', 'whatnot', '--sku', 'A1'], { dataDir });
    expect(closed.code).toBe(5);
    expect(closed.stderr).toMatch(/Show codes is closed[\s\S]*hint: Plan a new show/);
  });

  it("README's command list is exactly the commands --help lists (with their arguments)", () => {
    const fromHelp: string[] = [];
    const walk = (cmd: Command, path: string) => {
      for (const sub of cmd.commands) {
        if (sub.name() === 'help') continue;
        const here = `${path} ${sub.name()}`;
        if (sub.commands.length > 0) walk(sub, here);
        else {
          const args = sub.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
          fromHelp.push([here, ...args].join(' '));
        }
      }
    };
    walk(buildProgram(), 'lotcast');
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Commands'),
      readme.indexOf('\n## ', readme.indexOf('## Commands') + 1),
    );
    const fromReadme = [...section.matchAll(/^\| `(lotcast [^`]+)`/gm)].map((m) => m[1]);
    expect(fromHelp.length).toBeGreaterThan(30);
    expect({ missingFromReadme: fromHelp.filter((c) => !fromReadme.includes(c)) }).toEqual({ missingFromReadme: [] });
    expect({ notInHelp: fromReadme.filter((c) => !fromHelp.includes(c!)) }).toEqual({ notInHelp: [] });
  });

  // The machine image ships an older Node at /usr/bin/node; lotcast must refuse it in one line.
  const oldNode = findOldNode();
  it.runIf(oldNode)('refuses a Node older than 22.22 with one clear line and exit 1', async () => {
    const r = await runCli(['--help'], { dataDir: tmp.dir, nodePath: oldNode! });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/needs Node\.js 22\.22 or newer .*Node 24/);
    expect(r.stdout).toBe('');
  });
});

function findOldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    try {
      const v = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      const [major = 0, minor = 0] = v.split('.').map(Number);
      if (major < 22 || (major === 22 && minor < 22)) return candidate;
    } catch {
      // not present
    }
  }
  return undefined;
}
