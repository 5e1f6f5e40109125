import { CommanderError } from 'commander';
import { ExitCode, LotcastError, ReportedFailure, ValidationError, formatProblem } from '../core/errors.js';
import { storeError } from '../adapters/store/store-errors.js';
import type { Output } from '../ui/output.js';

/**
 * The one place errors become exit codes and messages. Exit codes (README "Exit codes"):
 * 0 ok, 1 failure, 2 usage, 3 config, 4 not found, 5 wrong state, 130 cancelled.
 */
export function reportError(thrown: unknown, out: Output, json = false): number {
  // A SQLite failure no adapter caught (a damaged store read by a list) still says what to do.
  const err = storeError(thrown);
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return ExitCode.ok;
    }
    // commander already printed its message to stderr (unless --json, see main.ts).
    if (json) out.errorJson({ message: err.message.replace(/^error: /, ''), exitCode: ExitCode.usage });
    return ExitCode.usage;
  }
  // Its findings are on screen already; only the exit code is left to give.
  if (err instanceof ReportedFailure) return err.exitCode;
  if (json) return reportJson(err, out);
  if (isPromptCancel(err)) {
    out.note('Cancelled.');
    return ExitCode.cancelled;
  }
  if (err instanceof LotcastError) {
    out.note(`${out.color.red('error')}: ${err.where ? `${err.where}: ` : ''}${err.message}`);
    if (err instanceof ValidationError) {
      const shown = err.problems.slice(0, 200);
      for (const p of shown) out.note(`  ${formatProblem(p, err.source)}`);
      if (err.problems.length > shown.length) out.note(`  … and ${err.problems.length - shown.length} more`);
    }
    if (err.hint) out.note(`${out.color.yellow('hint')}: ${err.hint}`);
    return err.exitCode;
  }
  const e = err as Error;
  out.note(`${out.color.red('error')}: ${e?.message ?? String(err)}`);
  if (process.env.LOTCAST_DEBUG) out.note(String(e?.stack ?? ''));
  else
    out.note(
      `${out.color.yellow('hint')}: this looks like a bug in lotcast; run again with LOTCAST_DEBUG=1 and report the output.`,
    );
  return ExitCode.failure;
}

/** `--json`: the error as one JSON object on stderr, so a script reads it like the output. */
function reportJson(err: unknown, out: Output): number {
  if (isPromptCancel(err)) {
    out.errorJson({ message: 'Cancelled.', exitCode: ExitCode.cancelled });
    return ExitCode.cancelled;
  }
  if (err instanceof LotcastError) {
    out.errorJson({
      message: err.message,
      ...(err.where ? { where: err.where } : {}),
      ...(err.hint ? { hint: err.hint } : {}),
      exitCode: err.exitCode,
      ...(err instanceof ValidationError
        ? { problems: err.problems.map((p) => ({ ...p, text: formatProblem(p, err.source) })) }
        : {}),
    });
    return err.exitCode;
  }
  const e = err as Error;
  out.errorJson({
    message: e?.message ?? String(err),
    hint: 'this looks like a bug in lotcast; run again with LOTCAST_DEBUG=1 and report the output.',
    exitCode: ExitCode.failure,
    ...(process.env.LOTCAST_DEBUG ? { stack: String(e?.stack ?? '') } : {}),
  });
  return ExitCode.failure;
}

function isPromptCancel(err: unknown): boolean {
  // @inquirer/prompts throws ExitPromptError on Ctrl-C / closed input.
  return typeof err === 'object' && err !== null && (err as Error).name === 'ExitPromptError';
}
