import type { Output, Palette } from '../ui/output.js';
import type { ListEvent, ListItemResult, ListSummary } from '../services/channel-listing.js';

/** How `lotcast list` reads in a terminal and in a log. */
export function renderListEvent(r: ListItemResult, c: Palette): string {
  const head = `${r.channel.padEnd(7)} ${r.sku}`;
  switch (r.outcome) {
    case 'created':
      return `${head} ${c.green('listed')} ${r.remoteId ?? ''}${r.note ? `\n        ${c.dim(r.note)}` : ''}`;
    case 'updated':
      return `${head} ${c.green('updated')} ${r.remoteId ?? ''}`;
    case 'unchanged':
      return `${head} ${c.dim('already listed, unchanged')}`;
    case 'skipped':
      return `${head} ${c.dim('skipped: out of stock')}`;
    case 'blocked':
      return `${head} ${c.yellow('cannot list yet')}: ${(r.problems ?? []).map((p) => `${p.message} (${p.fix})`).join('; ')}`;
    case 'failed':
      return `${head} ${c.red('failed')}: ${r.error ?? ''}${r.hint ? ` (${r.hint})` : ''}`;
    case 'would-create':
    case 'would-update':
      return `${head} ${c.cyan(r.outcome === 'would-create' ? 'would create' : 'would update')}${r.note ? `\n        ${c.dim(r.note)}` : ''}\n${indent(JSON.stringify(r.payload, null, 2))}`;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n');
}

export function renderListSummary(s: ListSummary, c: Palette): string[] {
  const k = s.counts;
  const parts = s.dryRun
    ? [
        `${k['would-create']} to create`,
        `${k['would-update']} to update`,
        `${k.unchanged} unchanged`,
        `${k.blocked} cannot be listed yet`,
        `${k.skipped} out of stock`,
      ]
    : [
        `${k.created} listed`,
        `${k.updated} updated`,
        `${k.unchanged} unchanged`,
        `${k.skipped} out of stock`,
        `${k.blocked} cannot be listed yet`,
        `${k.failed} failed`,
      ];
  const lines = [`${s.dryRun ? 'Dry run (nothing sent): ' : ''}${parts.join(', ')}.`];
  for (const [channel, skus] of Object.entries(s.retry)) {
    if (!skus?.length) continue;
    lines.push(
      c.yellow(
        `${channel}: ${skus.length} item(s) need attention: ${skus.slice(0, 12).join(', ')}${skus.length > 12 ? ', ...' : ''}`,
      ),
    );
    lines.push(
      `  fix what is named above, then retry just these: lotcast list --channel ${channel} --sku ${skus.join(',')} --yes`,
    );
  }
  return lines;
}

/** A one-line progress bar with counts and rate, redrawn on stderr. */
export class ProgressBar {
  private total = 0;
  private count = 0;
  private readonly started = Date.now();
  private readonly perChannel = new Map<string, number>();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(total: number): void {
    this.total = total;
    this.draw();
  }

  tick(channel: string): void {
    this.count++;
    this.perChannel.set(channel, (this.perChannel.get(channel) ?? 0) + 1);
    this.draw();
  }

  /** Prints a line above the bar. */
  above(print: () => void): void {
    this.stream.write('\r\x1b[2K');
    print();
    this.draw();
  }

  done(): void {
    this.stream.write('\r\x1b[2K');
  }

  private draw(): void {
    const width = 28;
    const frac = this.total ? this.count / this.total : 1;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? this.count / secs : 0;
    const per = [...this.perChannel].map(([c, n]) => `${c} ${n}`).join(' · ');
    this.stream.write(
      `\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total}  ${rate.toFixed(1)}/s  ${per}`,
    );
  }
}

/**
 * What `lotcast list` prints per item: on a terminal only what needs attention scrolls by
 * above the bar, which counts the rest; in a log every item gets its line; with --json nothing.
 */
export function listEventPrinter(out: Output, bar: ProgressBar | null, json: boolean): (e: ListEvent) => void {
  return (e) => {
    if (json) return;
    if (e.type === 'start') return bar?.start(e.total);
    const text = renderListEvent(e.result, out.color);
    if (!bar) {
      if (text) out.line(text);
      return;
    }
    bar.tick(e.result.channel);
    const routine = ['unchanged', 'created', 'updated'].includes(e.result.outcome);
    if (text && !routine) bar.above(() => out.line(text));
  };
}
