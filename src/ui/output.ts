import { Redactor } from '../core/redact.js';
import { terminalText } from '../core/terminal-text.js';

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
  /** Black on white, whatever the terminal's theme (a QR code a phone must read). */
  paper(s: string): string;
}

// Colours are markers (two Unicode noncharacters around the SGR number) until Output writes the
// line: user data in the line is cleaned of every escape sequence first, then the markers become
// the only escapes that reach the terminal.
const wrap = (open: number, close: number) => (s: string) => `\uFDD0${open}\uFDD1${s}\uFDD0${close}\uFDD1`;
const MARKER = /\uFDD0(\d{1,2})\uFDD1/g;
// What JSON.stringify leaves raw but a terminal may act on: DEL, C1 controls, bidi controls.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const jsonEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
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
        paper: (s: string) => wrap(47, 49)(wrap(30, 39)(s)),
      }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain, paper: plain };
}

/** A person at a terminal: both stdin and stdout are TTYs (prompts, dashboards, progress bars). */
export function isInteractive(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}

/**
 * Everything a command prints goes through Output, so secrets are masked in one place,
 * `--json` output stays one clean document on stdout, and no title, buyer handle or error body
 * reaches the terminal as a control sequence (core/terminal-text.ts): human lines are always
 * cleaned, documents (CSV, HTML, a report) only when stdout is a terminal, and JSON escapes the
 * characters a terminal would act on (the parsed data is unchanged). It also knows whether a
 * person is at the terminal, so every command decides that the same way.
 */
export class Output {
  readonly color: Palette;
  /** `color` writes colours (a terminal, no NO_COLOR or --no-color). */
  readonly colored: boolean;
  readonly redactor: Redactor;
  /** stdin and stdout are terminals: a person can answer prompts and watch a dashboard. */
  readonly interactive: boolean;
  constructor(
    readonly stdout: NodeJS.WriteStream,
    readonly stderr: NodeJS.WriteStream,
    opts: { color?: boolean | undefined; interactive?: boolean; redactor?: Redactor } = {},
  ) {
    this.colored = colorEnabled(stdout, opts.color);
    this.color = palette(this.colored);
    this.redactor = opts.redactor ?? new Redactor();
    this.interactive = opts.interactive ?? isInteractive(process.stdin, stdout);
  }

  /** A line of human text on stdout. */
  line(text = ''): void {
    this.stdout.write(`${this.human(text)}\n`);
  }

  /** A diagnostic on stderr (progress, warnings), never mixed into --json stdout. */
  note(text: string): void {
    this.stderr.write(`${this.human(text)}\n`);
  }

  json(value: unknown): void {
    this.stdout.write(`${this.redactor.redact(JSON.stringify(value, null, 2)).replace(JSON_UNSAFE, jsonEscape)}\n`);
  }

  /** `--json` errors: `{"error": {...}}` on stderr, stdout left to the command's own output. */
  errorJson(error: Record<string, unknown>): void {
    this.stderr.write(`${this.redactor.redact(JSON.stringify({ error })).replace(JSON_UNSAFE, jsonEscape)}\n`);
  }

  /** One JSON object per line, for event streams (--json on long-running commands). */
  jsonLine(value: unknown): void {
    this.stdout.write(`${this.redactor.redact(JSON.stringify(value)).replace(JSON_UNSAFE, jsonEscape)}\n`);
  }

  /**
   * A whole document for stdout (a CSV, an HTML page, a rendered plan or report): exactly as
   * made when it goes to a file or a pipe, cleaned of control sequences when it is shown in a
   * terminal.
   */
  document(text: string): void {
    this.stdout.write(this.stdout.isTTY ? terminalText(text) : text);
  }

  /** Like document(), for writers that stream (each chunk cleaned on its own: never an escape). */
  documentStream(): NodeJS.WritableStream {
    if (!this.stdout.isTTY) return this.stdout;
    const stdout = this.stdout;
    return {
      write: (chunk: string | Uint8Array, cb?: (err?: Error | null) => void) =>
        stdout.write(terminalText(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')), cb),
    } as NodeJS.WritableStream;
  }

  private human(text: string): string {
    return terminalText(this.redactor.redact(text)).replace(MARKER, '\u001b[$1m');
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
