import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { CliContext } from './context.js';
import { reportError } from './errors-boundary.js';
import { Output } from './output.js';

export async function main(argv: string[]): Promise<void> {
  // `lotcast inventory export | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = buildProgram();
  let code = 0;
  try {
    await program.parseAsync(argv);
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const ctx = (program as unknown as { lotcastContext?: CliContext }).lotcastContext;
    const out = ctx?.out ?? new Output(process.stdout, process.stderr, !argv.includes('--no-color'));
    code = reportError(err, out);
    if (err instanceof CommanderError && code === 0) code = 0;
  } finally {
    (program as unknown as { lotcastContext?: CliContext }).lotcastContext?.close();
  }
  process.exit(code);
}
