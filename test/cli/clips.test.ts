import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/store/database.js';
import { JournalRepo } from '../../src/adapters/store/journal-repo.js';
import { ShowRepo } from '../../src/adapters/store/show-repo.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { plannedShow } from '../helpers/shows.js';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe.runIf(hasFfmpeg)('lotcast clips (built CLI, real ffmpeg)', () => {
  it('cuts one clip per sales spike from a recording made here, named by time and lot', async () => {
    const dataDir = join(tmp.dir, 'store');
    await plannedShow(
      tmp.dir,
      'SKU,Title,Qty,Price\nA,Vintage Levis,1,95\nB,Pokemon packs,10,9\nC,Pyrex bowl,1,38\n',
      'clip',
      {
        dataDir,
        name: 'Clip Show',
      },
    );

    // The journal of a 4-minute show: one sale a minute, and a burst of packs in minute 2.
    const T0 = Date.parse('2026-11-22T19:00:00.000Z');
    const at = (s: number) => new Date(T0 + s * 1000).toISOString();
    const store = openStore(join(dataDir, 'lotcast.db'));
    const j = new JournalRepo(store);
    const plan = new ShowRepo(store).require('clip').plan;
    const idx = (sku: string) => plan.segments.find((s) => s.sku === sku)!.index;
    const sale = (id: string, sku: string, s: number, price: number) =>
      j.append(
        'clip',
        {
          type: 'sale.recorded',
          saleId: id,
          sku,
          channel: 'whatnot',
          priceCents: price,
          quantity: 1,
          buyer: `b${id}`,
          segmentIndex: idx(sku),
          oversell: false,
        },
        'cli',
        at(s),
      );
    j.append('clip', { type: 'show.started', stock: { A: 1, B: 10, C: 1 } }, 'cli', at(0));
    sale('1', 'A', 30, 900);
    sale('2', 'C', 90, 800);
    for (let i = 0; i < 5; i++) sale(`p${i}`, 'B', 125 + i, 900);
    j.append('clip', { type: 'show.ended' }, 'cli', at(230));
    new ShowRepo(store).setStatus('clip', 'ended', at(230));
    store.close();

    // A 4-minute recording that started 5 s before the show, with its sidecar.
    const recDir = join(dataDir, 'recordings');
    mkdirSync(recDir, { recursive: true });
    const flv = join(recDir, 'live-20261122T185955Z.flv');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x90:rate=10',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '240',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '20',
      '-c:a',
      'aac',
      '-f',
      'flv',
      flv,
    ]);
    writeFileSync(
      flv.replace(/\.flv$/, '.json'),
      JSON.stringify({
        file: 'live-20261122T185955Z.flv',
        startedAt: new Date(T0 - 5000).toISOString(),
        streamPath: '/live/****',
      }),
    );

    const out = join(tmp.dir, 'clips');
    const r = await runCli(['clips', 'clip', '--before', '20', '--after', '10', '--out', out, '--json'], {
      dataDir,
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const { clips } = JSON.parse(r.stdout);
    expect(clips).toHaveLength(1);
    expect(readdirSync(out)).toEqual([expect.stringMatching(/^00h02m05s-L02-pokemon-packs\.mp4$/)]);
    // Spike from 125 s to 129 s of show time = 130-134 s of the recording: 20 s before, 10 s after.
    expect(clips[0].startS).toBeCloseTo(110, 1);
    expect(clips[0].lengthS).toBeCloseTo(34, 1);
    const dur = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', clips[0].file], {
        encoding: 'utf8',
      }),
    );
    expect(dur).toBeGreaterThan(32);
    expect(dur).toBeLessThan(38); // stream copy starts on the keyframe at or before the cut (2 s GOP)
  }, 60_000);

  it('says what to install when ffmpeg is missing', async () => {
    const r = await runCli(['clips', 'clip'], {
      dataDir: join(tmp.dir, 'store'),
      env: { LOTCAST_FFMPEG: join(tmp.dir, 'no-such-ffmpeg') },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ffmpeg is not installed/);
    expect(r.stderr).toMatch(/apt-get install ffmpeg/);
    expect(existsSync(join(tmp.dir, 'clips'))).toBe(true);
  });
});
