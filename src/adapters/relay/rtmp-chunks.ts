import { chunkedLength, writeChunked } from '../../core/relay/chunking.js';

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
 * One RTMP message as one Buffer, ready for a single socket write (the layout is
 * core/relay/chunking.ts). One copy of the payload: cheaper than handing the kernel a header
 * and payload slices as separate writes, and shareable by every connection that agrees on the
 * chunk size and stream id.
 */
export function rtmpMessage(
  csid: number,
  type: number,
  streamId: number,
  timestamp: number,
  payload: Uint8Array,
  chunkSize: number,
): Buffer {
  const out = Buffer.allocUnsafe(chunkedLength(payload.length, chunkSize, timestamp));
  writeChunked(out, { csid, type, streamId, timestamp, payload, chunkSize });
  return out;
}
