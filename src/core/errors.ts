/**
 * One error hierarchy for lotcast. Every error says what happened, where, and what to do;
 * the CLI's error boundary maps `exitCode` to the process exit code (documented in README).
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  notFound: 4,
  state: 5,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorDetails {
  /** What the user can do about it ("Run `lotcast doctor`", "Add a Title column"). */
  hint?: string;
  /** Where it happened: a file:line:column, a config key, a destination name. */
  where?: string;
  cause?: unknown;
}

export class LotcastError extends Error {
  readonly exitCode: ExitCode = ExitCode.failure;
  readonly hint: string | undefined;
  readonly where: string | undefined;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.hint = details.hint;
    this.where = details.where;
  }
}

/** Bad flags, arguments or input the user typed: exit 2. */
export class UsageError extends LotcastError {
  override readonly exitCode = ExitCode.usage;
}

/** Missing or broken configuration, credentials or data folder: exit 3. */
export class ConfigError extends LotcastError {
  override readonly exitCode = ExitCode.config;
}

/** What the command names does not exist (a show, an item, a destination, a file): exit 4. */
export class NotFoundError extends LotcastError {
  override readonly exitCode = ExitCode.notFound;
}

/**
 * It exists but is in the wrong state for this (a closed show, a show not live yet, a plan
 * already live): exit 5. The command was right; its moment was not.
 */
export class StateError extends LotcastError {
  override readonly exitCode = ExitCode.state;
}

/** A platform API refused or failed (after retries). */
export class PlatformError extends LotcastError {
  readonly platform: string;
  readonly status: number | undefined;
  readonly code: string | number | undefined;
  readonly requestId: string | undefined;
  constructor(
    platform: string,
    message: string,
    details: ErrorDetails & { status?: number; code?: string | number; requestId?: string } = {},
  ) {
    super(message, details);
    this.platform = platform;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
  }
}

/** The relay could not start or a destination failed for good. */
export class RelayError extends LotcastError {}

/** The user cancelled (Ctrl-C at a prompt, "no" at a confirmation): exit 130. */
export class CancelledError extends LotcastError {
  override readonly exitCode = ExitCode.cancelled;
  constructor(message = 'Cancelled.', details: ErrorDetails = {}) {
    super(message, details);
  }
}

/**
 * The command has already printed what failed (doctor's findings, import's rejected rows,
 * list's failed items): exit 1 without another message.
 */
export class ReportedFailure extends LotcastError {
  constructor(what = 'the problems above') {
    super(`Failed: ${what}.`);
  }
}

/** A problem found in input data, reported as data so that every problem is shown at once. */
export interface Problem {
  /** 1-based line in the source file, when there is one. */
  line?: number;
  /** Column name (CSV header) or field/key name. */
  field?: string;
  /** 1-based column number in the source file, when known. */
  column?: number;
  message: string;
  severity?: 'error' | 'warning';
}

/** Input had problems; all of them are carried so the user fixes them in one pass. */
export class ValidationError extends LotcastError {
  readonly problems: Problem[];
  readonly source: string | undefined;
  constructor(message: string, problems: Problem[], details: ErrorDetails & { source?: string } = {}) {
    super(message, details);
    this.problems = problems;
    this.source = details.source;
  }
}

/** `file:line: column: message`, the one format lotcast uses for input problems. */
export function formatProblem(p: Problem, source?: string): string {
  const loc = [source, p.line].filter((x) => x !== undefined && x !== '').join(':');
  const col = p.field ? `${p.field}: ` : '';
  return `${loc ? `${loc}: ` : ''}${col}${p.message}`;
}

/** An error as plain data, to cross from a worker thread and be rebuilt with its class and exit code. */
export interface ErrorData {
  name: string;
  message: string;
  hint?: string;
  where?: string;
  problems?: Problem[];
  source?: string;
  stack?: string;
}

export function errorToData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const data: ErrorData = { name: err.name, message: err.message, stack: err.stack };
  if (err instanceof LotcastError) {
    if (err.hint !== undefined) data.hint = err.hint;
    if (err.where !== undefined) data.where = err.where;
  }
  if (err instanceof ValidationError) {
    data.problems = err.problems;
    if (err.source !== undefined) data.source = err.source;
  }
  return data;
}

export function errorFromData(data: ErrorData): Error {
  const details: ErrorDetails = { hint: data.hint, where: data.where };
  const err =
    data.name === 'ValidationError'
      ? new ValidationError(data.message, data.problems ?? [], { ...details, source: data.source })
      : data.name === 'UsageError'
        ? new UsageError(data.message, details)
        : data.name === 'ConfigError'
          ? new ConfigError(data.message, details)
          : data.name === 'NotFoundError'
            ? new NotFoundError(data.message, details)
            : data.name === 'LotcastError' || data.hint !== undefined
              ? new LotcastError(data.message, details)
              : new Error(data.message);
  if (data.stack && !(err instanceof LotcastError)) err.stack = data.stack;
  return err;
}
