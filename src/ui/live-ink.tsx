import type { Output } from '../cli/output.js';
import type { LiveShow } from '../services/live-show.js';

/** Placeholder replaced below once the Ink dashboard lands in this file. */
export async function runInkLive(show: LiveShow, out: Output, opts: { destinations: string[] }): Promise<void> {
  const { runPlainLive } = await import('./live-plain.js');
  await runPlainLive(show, out, process.stdin, opts);
}
