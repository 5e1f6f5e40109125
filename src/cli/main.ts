import type { Command } from 'commander';
import { buildProgram } from './program.js';
import type { CliContext } from './context.js';
import { reportError } from './errors-boundary.js';
import { Output } from '../ui/output.js';

export async function main(argv: string[]): Promise<void> {
  // `lotcast inventory export | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = buildProgram();
  const json = argv.includes('--json');
  // With --json, usage errors are JSON on stderr too (reportError writes them), not commander's text.
  if (json) silenceErrors(program);
  let code = 0;
  try {
    // A command that fails throws (ReportedFailure when it printed its findings itself).
    await program.parseAsync(argv);
  } catch (err) {
    const ctx = (program as unknown as { lotcastContext?: CliContext }).lotcastContext;
    const out = ctx?.out ?? new Output(process.stdout, process.stderr, { color: !argv.includes('--no-color') });
    code = reportError(err, out, json);
  } finally {
    (program as unknown as { lotcastContext?: CliContext }).lotcastContext?.close();
  }
  // A pipe takes 64 KB at once; the rest of a big `--json` or export is still queued, and
  // process.exit would drop it.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

function silenceErrors(cmd: Command): void {
  cmd.configureOutput({ outputError: () => {} });
  cmd.showHelpAfterError(false);
  for (const sub of cmd.commands) silenceErrors(sub);
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('drain', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
}
