import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { jsonOption } from '../options.js';

interface ClipsFlags {
  recording?: string;
  before: string;
  after: string;
  out: string;
  json?: boolean;
}

/** `--before 20` or `--before 20s`: seconds, 0 or more. */
function seconds(raw: string): number {
  return Number(raw.replace(/s$/, ''));
}

export function registerClips(program: Command): void {
  program
    .command('clips <show>')
    .description('cut one short clip per sales spike from the stream recording (needs ffmpeg)')
    .option('--recording <file>', 'the recording (default: the newest in the recordings folder covering the show)')
    .option('--before <seconds>', 'seconds before the spike', '20')
    .option('--after <seconds>', 'seconds after the spike', '10')
    .option('--out <dir>', 'where to write the clips', 'clips')
    .addOption(jsonOption())
    .action(async (ref: string, f: ClipsFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const beforeS = seconds(f.before);
      const afterS = seconds(f.after);
      if (!(beforeS >= 0) || !(afterS >= 0)) throw new UsageError('--before and --after are seconds, 0 or more.');
      const { cutSpikeClips } = await import('../../services/show-clips.js');
      const clips = await cutSpikeClips(ctx.store(), ref, {
        ...(f.recording ? { recording: f.recording } : {}),
        recordingsDir: join(ctx.paths.dataDir, 'recordings'),
        outDir: f.out,
        beforeS,
        afterS,
      });
      if (f.json) return ctx.out.json({ clips });
      if (clips.length === 0) return ctx.out.line('No sales spike in this show: no clips cut.');
      for (const c of clips)
        ctx.out.line(`${c.file}  (${c.streamTime}${c.lot ? `, ${c.lot}` : ''}, ${Math.round(c.lengthS)} s)`);
    });
}
