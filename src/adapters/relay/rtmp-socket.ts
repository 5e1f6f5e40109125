import net from 'node:net';
import tls from 'node:tls';
import { RelayError } from '../../core/errors.js';
import type { RtmpTarget } from './rtmp-url.js';

/**
 * Plain connections read into one buffer shared by every publisher (what a server sends back is
 * small: acknowledgements and answers) instead of Node allocating one per read. `receive` must
 * copy whatever it keeps; each call runs to completion before the next read.
 */
const readBuffer = Buffer.allocUnsafe(16 * 1024);

/** Opens the TCP (or TLS, for rtmps) connection to a destination; bytes read go to `receive`. */
export function openSocket(t: RtmpTarget, receive: (d: Buffer) => void): net.Socket {
  const socket = t.secure
    ? tls.connect({
        host: t.host,
        port: t.port,
        servername: net.isIP(t.host) ? undefined : t.host,
        rejectUnauthorized: true,
      })
    : net.connect({
        host: t.host,
        port: t.port,
        onread: {
          buffer: readBuffer,
          callback: (n) => {
            receive(readBuffer.subarray(0, n));
            return true;
          },
        },
      });
  if (t.secure) socket.on('data', receive);
  socket.setNoDelay(true);
  return socket;
}

/** Resolves once connected (TLS: once the handshake is done and the certificate checked). */
export function connected(socket: net.Socket, t: RtmpTarget, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new RelayError(`no answer from ${t.host}:${t.port} within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    socket.once(t.secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
