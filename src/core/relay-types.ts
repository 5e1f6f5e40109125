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
}

export interface IngestStatus {
  state: 'waiting' | 'live' | 'ended';
  bitrateKbps: number;
  framesIn: number;
  video: { codec: string; width?: number; height?: number; fps?: number } | null;
  audio: { codec: string; sampleRate?: number; channels?: number } | null;
  /** ISO time the current publish started. */
  since: string | null;
}

export interface RelaySnapshot {
  ingest: IngestStatus;
  destinations: DestinationStatus[];
}

export type RelayEvent =
  | { type: 'ingest'; at: string; ingest: IngestStatus }
  | { type: 'destination'; at: string; destination: DestinationStatus }
  | { type: 'stopped'; at: string; summary: DestinationStatus[] };

/** A running relay, as the live dashboard and the CLI drive it. */
export interface RelayHandle {
  snapshot(): RelaySnapshot;
  subscribe(listener: (e: RelayEvent) => void): () => void;
  setEnabled(nameOrIndex: string | number, enabled: boolean): void;
  /** Ends every stream cleanly (stream end passed on) and resolves with the final statuses. */
  stop(): Promise<DestinationStatus[]>;
}
