import { readSync } from 'node:fs';
import type net from 'node:net';

/**
 * An accepted publisher's socket read on a timer instead of as its bytes arrive (plain TCP): a
 * 200 ms batch is a dozen frames parsed and relayed in one go, one write per destination,
 * instead of a wake-up per packet. SRS calls it merged read; what it costs is up to `everyMs` of
 * latency, which platforms' players (seconds of buffer) never see.
 */
export interface PolledReads {
  everyMs: number;
  /** Read into; shared by every session (each read is parsed before the next one). */
  buffer: Buffer;
}

/** Reads per poll at most: a flood cannot keep the event loop. */
const MAX_READS_PER_POLL = 64;

/**
 * Stops `socket`'s own reads and reads its file descriptor every `p.everyMs` into `p.buffer`,
 * handing each read to `to.receive` (which must copy what it keeps). The socket's idle timer
 * never sees these reads, so the idle limit is kept here: `to.idle()` after `idleMs` without a
 * byte; `to.close(null)` when the peer closed, `to.close(message)` on a read error.
 * Null (nothing changed) when the socket has no file descriptor to read (Windows, TLS).
 */
export function pollReads(
  socket: net.Socket,
  p: PolledReads,
  idleMs: number,
  to: { receive(b: Buffer): void; closed(): boolean; close(why: string | null): void; idle(): void },
): NodeJS.Timeout | null {
  const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  if (p.everyMs <= 0 || typeof fd !== 'number' || fd < 0) return null;
  socket.pause();
  let lastBytesAt = Date.now();
  return setInterval(() => {
    for (let reads = 0; reads < MAX_READS_PER_POLL && !to.closed(); reads++) {
      let n: number;
      try {
        n = readSync(fd, p.buffer, 0, p.buffer.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') break;
        to.close((err as Error).message);
        return;
      }
      if (n === 0) {
        to.close(null); // the encoder closed the connection
        return;
      }
      lastBytesAt = Date.now();
      to.receive(p.buffer.subarray(0, n));
      if (n < p.buffer.length) break;
    }
    if (!to.closed() && Date.now() - lastBytesAt >= idleMs) to.idle();
  }, p.everyMs);
}
