import type { Command } from 'commander';
import { ReportedFailure } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { MIN_NODE } from '../version.js';
import { jsonOption } from '../options.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check Node, folders, the ingest port, ffmpeg, destinations and channel credentials; each finding with its fix',
    )
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { runDoctor } = await import('../../services/doctor.js');
      const findings = await runDoctor(ctx.paths, {
        env: process.env,
        nodeVersion: process.version,
        minNode: MIN_NODE,
      });
      const failed = findings.filter((x) => x.status === 'fail').length;
      if (f.json) ctx.out.json({ ok: failed === 0, findings });
      else {
        const c = ctx.out.color;
        const mark = { ok: c.green('ok  '), warn: c.yellow('warn'), fail: c.red('FAIL') };
        for (const x of findings) {
          ctx.out.line(`${mark[x.status]} ${x.check.padEnd(22)} ${x.detail}`);
          if (x.fix && x.status !== 'ok') ctx.out.line(`     ${' '.repeat(22)} fix: ${x.fix}`);
        }
        const warns = findings.filter((x) => x.status === 'warn').length;
        ctx.out.line(
          failed
            ? c.red(`${failed} problem(s) to fix before going live.`)
            : `All set${warns ? ` (${warns} optional thing(s) above)` : ''}.`,
        );
      }
      if (failed) throw new ReportedFailure('doctor found problems');
    });
}
