import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { LotcastError } from '../../core/errors.js';

export interface Listening {
  port: number;
  hosts: string[];
  stop(): Promise<void>;
}

export class PortInUseError extends LotcastError {}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        err.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} on ${host} is in use.`, { cause: err })
          : new LotcastError(`Cannot listen on ${host}:${port}: ${err.message}`, { cause: err }),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Serves one app on each host (127.0.0.1 first; LAN addresses only when asked), all on the same
 * port. Port 0 picks a free one for the first host and reuses it for the others.
 */
export async function listenOn(
  app: { fetch: (...args: never[]) => unknown },
  hosts: string[],
  port: number,
): Promise<Listening> {
  const servers: Server[] = [];
  const stop = async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            // Event streams stay open for hours: end them so close() returns now.
            s.closeAllConnections();
          }),
      ),
    );
  };
  let bound = port;
  try {
    for (const host of hosts) {
      const server = createAdaptorServer({ fetch: app.fetch as never }) as Server;
      // Event streams are long-lived requests: no overall request timeout.
      server.keepAliveTimeout = 5000;
      server.requestTimeout = 0;
      servers.push(server);
      bound = await listen(server, host, bound);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { port: bound, hosts, stop };
}
