import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

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
