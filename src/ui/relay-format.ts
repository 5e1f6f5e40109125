import type { DestinationStatus, IngestStatus, RelayEvent, RelaySnapshot } from '../core/relay-types.js';
import { type Output, table } from './output.js';
import { gapSummary } from './stream-panel.js';

/** One destination's state as a line: `2. whatnot reconnecting: connection refused`. */
export function destinationPlainLine(d: DestinationStatus): string {
  return `${d.index}. ${d.name} ${d.state}${d.source === 'slate' ? ' (slate)' : ''}${d.lastError ? `: ${d.lastError}` : ''}`;
}

const clock = () => new Date().toTimeString().slice(0, 8);

/**
 * `lotcast relay`'s output: one line per event (or one JSON object per line with --json),
 * stats lines on request, and a summary table at the end.
 */
export function relayPrinter(out: Output, json: boolean) {
  return {
    event(e: RelayEvent): void {
      if (json) {
        out.jsonLine(e);
        return;
      }
      if (e.type === 'ingest') {
        out.line(
          `${clock()} ingest ${e.ingest.state}${e.ingest.video ? ` (${e.ingest.video.codec})` : ''}${e.ingest.slateSince ? ': OBS is gone, the platforms get the slate' : ''}`,
        );
        for (const w of e.ingest.warnings) out.line(`${clock()} feed: ${w.message}. Fix: ${w.fix}`);
      } else if (e.type === 'destination') out.line(`${clock()} ${destinationPlainLine(e.destination)}`);
      else if (e.type === 'uplink')
        out.line(`${clock()} uplink: ${e.uplink.advice ?? 'carries every destination again'}`);
    },
    stats(snap: RelaySnapshot): void {
      if (json) {
        out.jsonLine({ type: 'status', at: new Date().toISOString(), ...snap });
        return;
      }
      for (const d of snap.destinations)
        out.line(
          `${clock()} ${d.index}. ${d.name} ${d.state}${d.degraded ? ' (behind: audio and keyframes)' : ''} ${d.bitrateKbps} kb/s, ${d.framesSent} frames, ${d.framesDropped} dropped, lag ${d.lagMs} ms`,
        );
      if (snap.uplink?.advice) out.line(`${clock()} uplink: ${snap.uplink.advice}`);
    },
    /** What a typed command did (`retry 2`, `off 1`). */
    said(text: string): void {
      if (json) out.jsonLine({ type: 'command', text });
      else out.line(text);
    },
    summary(summary: DestinationStatus[], ingest: IngestStatus, recording: string | null): void {
      if (json) {
        out.jsonLine({ type: 'summary', destinations: summary });
        return;
      }
      out.line('');
      out.line(
        table(
          ['#', 'Destination', 'URL', 'Frames sent', 'Dropped', 'Reconnects', 'MB sent', 'Last error'],
          summary.map((d) => [
            String(d.index),
            d.name,
            d.url,
            String(d.framesSent),
            String(d.framesDropped),
            String(d.reconnects),
            (d.bytesSent / 1e6).toFixed(1),
            d.lastError ?? '-',
          ]),
          { align: ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'l'] },
        ),
      );
      const gaps = gapSummary(ingest);
      if (gaps) out.line(gaps);
      if (recording) out.line(`Recording: ${recording}`);
    },
  };
}
