/** What `writableLength` says about a socket: bytes Node still reads from the frames' own memory. */
interface Writing {
  readonly writableLength: number;
  readonly destroyed: boolean;
}

/**
 * The ingest's frames (RelayFrame.seq) a destination's connections may still read: Node writes a
 * frame from its own memory, so a frame stays held until its socket's buffer is empty, and a
 * connection ending gracefully holds its frames until it has flushed (a destroyed one reads
 * nothing more). The ingest writes a slab again only when every frame in it is older than what
 * any destination holds (ChunkReader.reuse).
 */
export class SocketHold {
  /** The oldest frame written since the current socket's buffer was last empty. */
  private from = Number.POSITIVE_INFINITY;
  private ending: Array<{ socket: Writing; from: number }> = [];

  /** Before a frame goes to `socket`: what it held is gone if its buffer is empty now. */
  writing(socket: Writing, seq: number | undefined): void {
    if (socket.writableLength === 0) this.from = Number.POSITIVE_INFINITY;
    if (seq !== undefined && seq < this.from) this.from = seq;
  }

  /** The socket is let go: ending gracefully, it may still read what it holds. */
  released(socket: Writing | null, graceful: boolean): void {
    if (graceful && socket && this.from !== Number.POSITIVE_INFINITY) this.ending.push({ socket, from: this.from });
    this.from = Number.POSITIVE_INFINITY;
  }

  /** The oldest frame queued (`queued`), in `socket` (the current connection) or an ending one. */
  oldest(socket: Writing | null, queued = Number.POSITIVE_INFINITY): number {
    if (!socket || socket.destroyed || socket.writableLength === 0) this.from = Number.POSITIVE_INFINITY;
    let oldest = Math.min(queued, this.from);
    if (this.ending.length > 0) {
      this.ending = this.ending.filter((e) => !e.socket.destroyed && e.socket.writableLength > 0);
      for (const e of this.ending) oldest = Math.min(oldest, e.from);
    }
    return oldest;
  }
}
