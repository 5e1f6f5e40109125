import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe('lotcast destination add --transform (built CLI)', () => {
  it('stores a transform, lists it, refuses a bad one, and doctor measures its CPU cost', async () => {
    const dataDir = tmp.dir;
    const add = await runCli(
      [
        'destination',
        'add',
        'tiktok',
        '--server',
        'rtmp://127.0.0.1:1/live',
        '--key',
        'sekrit',
        '--transform',
        'vertical,bitrate=2500',
      ],
      { dataDir },
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('re-encoded (vertical,bitrate=2500) by ffmpeg');
    const bad = await runCli(
      [
        'destination',
        'add',
        'yt',
        '--server',
        'rtmp://127.0.0.1:1/live',
        '--key',
        'k2',
        '--transform',
        'vertical,bitrate=lots',
      ],
      { dataDir },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--transform vertical,bitrate=lots: bitrate=lots: kbit\/s from 200 to 50000/);
    const list = await runCli(['destination', 'list', '--json'], { dataDir });
    expect(
      JSON.parse(list.stdout).destinations.map((d: { name: string; transform?: string }) => [d.name, d.transform]),
    ).toEqual([['tiktok', 'vertical,bitrate=2500']]);
    if (!hasFfmpeg) return;
    const doctor = await runCli(['doctor', '--json'], { dataDir });
    const finding = JSON.parse(doctor.stdout).findings.find((f: { check: string }) => f.check === 'transform tiktok');
    expect(finding.detail).toMatch(/^vertical,bitrate=2500: about \d+\.\d\d CPU cores for a 1080p30 feed/);
    expect(doctor.stdout).not.toContain('sekrit');
  }, 60_000);
});
