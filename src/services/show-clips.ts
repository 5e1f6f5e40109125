import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NotFoundError, StateError, UsageError } from '../core/errors.js';
import { streamTime } from '../core/report/report.js';
import type { Store } from '../adapters/store/database.js';
import { cutClip, requireFfmpeg } from '../adapters/ffmpeg.js';
import { showReport } from './show-report.js';

/** A recording and when it started (the relay's `--record` sidecar: {file, startedAt, streamPath}). */
export interface Recording {
  file: string;
  startedAt: string;
}

export function readSidecar(jsonFile: string): Recording {
  const raw = JSON.parse(readFileSync(jsonFile, 'utf8')) as { file?: string; startedAt?: string };
  if (!raw.startedAt || Number.isNaN(Date.parse(raw.startedAt)))
    throw new UsageError(`${jsonFile} has no valid "startedAt".`);
  const file = raw.file
    ? raw.file.startsWith('/')
      ? raw.file
      : join(dirname(jsonFile), raw.file)
    : jsonFile.replace(/\.json$/, '.flv');
  return { file, startedAt: raw.startedAt };
}

/** The recording given, or the newest one in the recordings folder that started before `at`. */
export function findRecording(opts: { recording?: string; recordingsDir: string; at: number }): Recording {
  if (opts.recording) {
    const side = opts.recording.replace(/\.[^.]+$/, '.json');
    if (!existsSync(opts.recording)) throw new NotFoundError(`No recording at ${opts.recording}.`);
    if (!existsSync(side))
      throw new UsageError(`${opts.recording} has no sidecar ${basename(side)} saying when it started.`, {
        hint: 'Recordings made with `lotcast relay --record DIR` have one; for another file write {"startedAt": "<ISO time>"} next to it.',
      });
    return { ...readSidecar(side), file: opts.recording };
  }
  const candidates = existsSync(opts.recordingsDir)
    ? readdirSync(opts.recordingsDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => readSidecar(join(opts.recordingsDir, f)))
    : [];
  const best = candidates
    .filter((c) => Date.parse(c.startedAt) <= opts.at && existsSync(c.file))
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
  if (!best)
    throw new NotFoundError(`No recording covers this show in ${opts.recordingsDir}.`, {
      hint: 'Record with `lotcast relay --record DIR`, or name the file with --recording FILE.',
    });
  return best;
}

export interface ClipResult {
  file: string;
  streamTime: string;
  lot: string | null;
  startS: number;
  lengthS: number;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 32);

/** One clip per sales spike: from `beforeS` before the spike's first sale to `afterS` after its last. */
export async function cutSpikeClips(
  store: Store,
  ref: string,
  opts: { recording?: string; recordingsDir: string; outDir: string; beforeS: number; afterS: number },
): Promise<ClipResult[]> {
  const report = showReport(store, ref);
  if (!report.show.startedAt) throw new StateError(`Show ${report.show.id} never went live: nothing to clip.`);
  if (report.spikes.length === 0) return [];
  const ffmpeg = requireFfmpeg();
  const showStart = Date.parse(report.show.startedAt);
  const rec = findRecording({
    ...(opts.recording ? { recording: opts.recording } : {}),
    recordingsDir: opts.recordingsDir,
    at: showStart + report.spikes[0]!.minute * 60_000,
  });
  const recStart = Date.parse(rec.startedAt);
  mkdirSync(opts.outDir, { recursive: true });
  const out: ClipResult[] = [];
  for (const spike of report.spikes) {
    const inMinute = report.sales
      .filter((s) => !s.oversell && Math.floor(s.streamS / 60) === spike.minute)
      .map((s) => Date.parse(s.at));
    const first = Math.min(...inMinute);
    const last = Math.max(...inMinute);
    const startS = Math.max(0, (first - recStart) / 1000 - opts.beforeS);
    const lengthS = (last - recStart) / 1000 + opts.afterS - startS;
    const name = `${streamTime((first - showStart) / 1000)}${spike.lot ? `-${spike.lot.label}-${slug(spike.lot.title)}` : ''}.mp4`;
    const file = join(opts.outDir, name);
    await cutClip(ffmpeg, rec.file, startS, lengthS, file);
    out.push({ file, streamTime: spike.streamTime, lot: spike.lot?.label ?? null, startS, lengthS });
  }
  return out;
}
