/** How a destination is set up (relay.ts makes one per platform); `D` is the Destination. */
export interface DestinationOptions<D> {
  index: number;
  name: string;
  url: string;
  enabled: boolean;
  maxLagMs: number;
  /** The ingest's read batches (ms, READ_EVERY_MS): see lagBudgets. */
  batchMs?: number;
  stallMs: number;
  reconnectBaseMs: number;
  reconnectCapMs: number;
  /** Keep a socket's own buffer under this many bytes; beyond it frames wait in the queue. */
  socketHighWater: number;
  random: () => number;
  now: () => number;
  onChange: (d: D) => void;
}
