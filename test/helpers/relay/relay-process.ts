// The built `lotcast relay` as a process, for tests that attack or fuzz it from outside.
import { join } from 'node:path';
import { CliProcess } from '../cli.js';
import { freePort } from './helpers.js';

/** A running `lotcast relay` and the port its ingest listens on. */
export type RelayProcess = CliProcess & { readonly port: number };

/** Starts `lotcast relay --key KEY --to ...` (data folder DIR/data) and waits until it is ready. */
export async function startRelayProcess(
  dataDir: string,
  key: string,
  to: string[],
  extra: string[] = [],
  listen?: string,
): Promise<RelayProcess> {
  const port = await freePort();
  const relay = new CliProcess(
    [
      'relay',
      '--listen',
      listen ?? `rtmp://127.0.0.1:${port}/live`,
      '--key',
      key,
      ...to.flatMap((u) => ['--to', u]),
      // Frame counts are exact: no slate after the publish ends.
      '--no-slate',
      ...extra,
    ],
    // LOTCAST_DEBUG prints the ingest's log lines (refused and failed connections).
    { dataDir: join(dataDir, 'data'), env: { LOTCAST_DEBUG: '1' } },
  );
  const p = Object.assign(relay, { port });
  // Not ready: the caller never gets it to stop, so nothing is left holding the port. The ready
  // block, or its --json line.
  await p.waitFor(/Relay ready|"type":"ready"/).catch(async (e: unknown) => {
    await p.kill();
    throw e;
  });
  return p;
}
