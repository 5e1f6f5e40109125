/** RTMP message type ids lotcast sends and reads. */
export const MSG = {
  setChunkSize: 1,
  ack: 3,
  userControl: 4,
  windowAck: 5,
  peerBandwidth: 6,
  audio: 8,
  video: 9,
  data: 18,
  command: 20,
} as const;

/**
 * One RTMP message as the pieces to write: a type 0 chunk header, then the payload in
 * `chunkSize` slices with type 3 continuation headers between them. Slices share the payload's
 * memory (one media Buffer goes to every destination uncopied).
 */
export function rtmpMessageParts(
  csid: number,
  type: number,
  streamId: number,
  timestamp: number,
  payload: Buffer,
  chunkSize: number,
): Buffer[] {
  const ext = timestamp >= 0xffffff;
  const h = Buffer.allocUnsafe(12 + (ext ? 4 : 0));
  h[0] = csid & 0x3f;
  h.writeUIntBE(ext ? 0xffffff : timestamp, 1, 3);
  h.writeUIntBE(payload.length, 4, 3);
  h[7] = type;
  h.writeUInt32LE(streamId, 8);
  if (ext) h.writeUInt32BE(timestamp >>> 0, 12);
  const parts: Buffer[] = [h];
  for (let o = 0; o < payload.length; o += chunkSize) {
    if (o > 0) {
      const c = Buffer.allocUnsafe(ext ? 5 : 1);
      c[0] = 0xc0 | (csid & 0x3f);
      if (ext) c.writeUInt32BE(timestamp >>> 0, 1);
      parts.push(c);
    }
    parts.push(payload.subarray(o, Math.min(payload.length, o + chunkSize)));
  }
  return parts;
}
