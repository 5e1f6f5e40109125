import { Redactor } from '../core/redact.js';

/** Colour only for a person at a terminal: off under NO_COLOR, --no-color, or when piped. */
export function colorEnabled(stream: NodeJS.WriteStream, flag?: boolean): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function palette(enabled: boolean): Palette {
  return enabled
    ? {
        bold: wrap(1, 22),
        dim: wrap(2, 22),
        red: wrap(31, 39),
        green: wrap(32, 39),
        yellow: wrap(33, 39),
        cyan: wrap(36, 39),
      }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
}

/** A person at a terminal: both stdin and stdout are TTYs (prompts, dashboards, progress bars). */
export function isInteractive(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}

/**
 * Everything a command prints goes through Output, so secrets are masked in one place and
 * `--json` output stays one clean document on stdout. It also knows whether a person is at
 * the terminal, so every command decides that the same way.
 */
export class Output {
  readonly color: Palette;
  readonly redactor: Redactor;
  /** stdin and stdout are terminals: a person can answer prompts and watch a dashboard. */
  readonly interactive: boolean;
  constructor(
    readonly stdout: NodeJS.WriteStream,
    readonly stderr: NodeJS.WriteStream,
    opts: { color?: boolean | undefined; interactive?: boolean; redactor?: Redactor } = {},
  ) {
    this.color = palette(colorEnabled(stdout, opts.color));
    this.redactor = opts.redactor ?? new Redactor();
    this.interactive = opts.interactive ?? isInteractive(process.stdin, stdout);
  }

  /** A line of human text on stdout. */
  line(text = ''): void {
    this.stdout.write(`${this.redactor.redact(text)}\n`);
  }

  /** A diagnostic on stderr (progress, warnings), never mixed into --json stdout. */
  note(text: string): void {
    this.stderr.write(`${this.redactor.redact(text)}\n`);
  }

  json(value: unknown): void {
    this.stdout.write(`${this.redactor.redact(JSON.stringify(value, null, 2))}\n`);
  }

  /** One JSON object per line, for event streams (--json on long-running commands). */
  jsonLine(value: unknown): void {
    this.stdout.write(`${this.redactor.redact(JSON.stringify(value))}\n`);
  }
}

/** Fixed-width text table for terminals; no dependency needed for this much. */
export function table(headers: string[], rows: string[][], opts: { align?: Array<'l' | 'r'> } = {}): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (opts.align?.[i] === 'r' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(headers), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}
