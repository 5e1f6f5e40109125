import type { AudioInfo, VideoInfo } from './relay/feed-info.js';
import type { UplinkVerdict } from './relay/uplink.js';

/**
 * What the relay reports, designed for the live dashboard's stream panel and for
 * `lotcast relay --plain/--json` lines. Stream keys never appear here: urls are masked.
 */
export type DestinationState =
  | 'off' // switched off by the host
  | 'waiting' // enabled, no ingest to relay yet
  | 'connecting'
  | 'live' // connected and frames flowing
  | 'stalled' // connected but nothing flowing (watchdog)
  | 'reconnecting' // backing off before the next try
  | 'ended'; // stream end passed on; relay stopping

export interface DestinationStatus {
  /** 1-based; the dashboard's keys 1-9 toggle by this number. */
  index: number;
  name: string;
  /** rtmp(s)://host/app/**** */
  url: string;
  enabled: boolean;
  state: DestinationState;
  bitrateKbps: number;
  framesSent: number;
  framesDropped: number;
  bytesSent: number;
  reconnects: number;
  /** Seconds in the current live connection (0 when not live). */
  uptimeS: number;
  /** How far behind the ingest this destination is, ms. */
  lagMs: number;
  lastError: string | null;
  /** 'slate' while the encoder is gone and the "be right back" slate keeps the platform live. */
  source: 'feed' | 'slate';
  /** Behind: sending audio and keyframes only until it catches up. */
  degraded: boolean;
  /** What the platform has acknowledged reading, kbit/s (the measure of what gets through). */
  deliveredKbps: number;
}

/** One thing to change in OBS about the feed, with the setting. */
export interface FeedWarning {
  code: 'keyframes' | 'bitrate' | 'landscape' | 'audio';
  message: string;
  fix: string;
}

export interface IngestStatus {
  state: 'waiting' | 'live' | 'ended';
  bitrateKbps: number;
  framesIn: number;
  video: VideoInfo | null;
  audio: AudioInfo | null;
  /** Stream time between the feed's last two keyframes. */
  keyframeIntervalMs: number | null;
  /** ISO time the current publish started. */
  since: string | null;
  /** ISO time the slate went on air (the feed is gone), null while the feed is live or without a slate. */
  slateSince: string | null;
  /** Times the feed dropped while the relay was running, and the slate time over all of them. */
  gaps: number;
  slateMs: number;
  /** What to change in OBS about the feed (keyframe interval, bitrate cap, landscape, audio). */
  warnings: FeedWarning[];
}

export interface RelaySnapshot {
  ingest: IngestStatus;
  destinations: DestinationStatus[];
  /** Whether the uplink carries every live destination at the feed's bitrate, with the fix. */
  uplink: UplinkVerdict | null;
}

export type RelayEvent =
  | { type: 'ingest'; at: string; ingest: IngestStatus }
  | { type: 'destination'; at: string; destination: DestinationStatus }
  | { type: 'uplink'; at: string; uplink: UplinkVerdict }
  | { type: 'stopped'; at: string; summary: DestinationStatus[] };

/** A running relay, as the live dashboard and the CLI drive it. */
export interface RelayHandle {
  snapshot(): RelaySnapshot;
  subscribe(listener: (e: RelayEvent) => void): () => void;
  setEnabled(nameOrIndex: string | number, enabled: boolean): void;
  /** Reconnect a destination now, skipping its backoff; returns what happened, for the host. */
  retry(nameOrIndex: string | number): string;
  /** Ends every stream cleanly (stream end passed on) and resolves with the final statuses. */
  stop(): Promise<DestinationStatus[]>;
}
