import { formatClock } from '../core/plan/duration.js';
import type { DestinationStatus, IngestStatus } from '../core/relay-types.js';

export interface PanelLine {
  text: string;
  color?: 'green' | 'yellow' | 'red';
  dim?: boolean;
}

function since(iso: string, nowMs: number): string {
  return formatClock(Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000)));
}

/** The feed's line in the stream panel: what OBS sends, or the slate and for how long. */
export function feedLine(feed: IngestStatus, nowMs: number): PanelLine {
  const gaps = feed.gaps > 0 ? ` · ${feed.gaps} gap${feed.gaps === 1 ? '' : 's'}` : '';
  if (feed.slateSince) return { text: `feed gone: slate ${since(feed.slateSince, nowMs)}${gaps}`, color: 'yellow' };
  if (feed.state === 'live') {
    const v = feed.video;
    const size = v?.width && v.height ? ` ${v.width}x${v.height}` : '';
    const fps = v?.fps ? ` ${v.fps} fps` : '';
    return { text: `feed${size}${fps} ${(feed.bitrateKbps / 1000).toFixed(1)} Mb/s${gaps}`, color: 'green' };
  }
  if (feed.state === 'ended') return { text: `feed ended${gaps}`, dim: true };
  return { text: `feed: waiting for OBS${gaps}`, color: feed.gaps > 0 ? 'yellow' : undefined, dim: feed.gaps === 0 };
}

/** What a destination is doing, `slate 0:14` while it carries the slate. */
export function destinationState(d: DestinationStatus, feed: IngestStatus | null, nowMs: number): string {
  if (d.source === 'slate' && d.state === 'live')
    return feed?.slateSince ? `slate ${since(feed.slateSince, nowMs)}` : 'slate';
  return d.state;
}

export function destinationLine(d: DestinationStatus, feed: IngestStatus | null, nowMs: number): PanelLine {
  const state = destinationState(d, feed, nowMs);
  return {
    text: `${d.index}. ${d.name.padEnd(10)} ${state.padEnd(12)} ${Math.round(d.bitrateKbps)} kb/s`,
    ...(d.state === 'live' && d.source === 'feed'
      ? { color: 'green' as const }
      : d.state === 'off'
        ? {}
        : { color: 'yellow' as const }),
  };
}

/** The summary's count of feed gaps ("Feed: 2 gaps, slate on air 0:41 in all"). */
export function gapSummary(feed: IngestStatus): string | null {
  if (feed.gaps === 0) return null;
  const slate =
    feed.slateMs > 0 ? `, slate on air ${formatClock(Math.round(feed.slateMs / 1000))} in all` : ', no slate';
  return `Feed: ${feed.gaps} gap${feed.gaps === 1 ? '' : 's'} (OBS dropped)${slate}`;
}
