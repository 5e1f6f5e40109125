// The built `lotcast relay` as a process, for tests that attack or fuzz it from outside.
import { join } from 'node:path';
import { CliProcess, runCli } from '../cli.js';
import { plannedShow } from '../shows.js';
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
  // block's last line (the block is several writes: a read after its first line can miss the
  // Server line), or its --json line.
  await p.waitFor(/Relaying to .*Ctrl-C ends every stream cleanly|"type":"ready"/).catch(async (e: unknown) => {
    await p.kill();
    throw e;
  });
  return p;
}

/**
 * `lotcast live SHOW --plain --relay` on a fresh ingest port, over a planned one-lot show `id`
 * whose one destination "wn" is `sink` (its key typed on stdin, as a seller would); resolves
 * once it prints OBS's stream key. The caller ends it (live.kill() in an afterAll).
 */
export async function startLiveRelay(
  root: string,
  id: string,
  sink: { port: number; key: string },
): Promise<{ live: CliProcess; dataDir: string; port: number; key: string }> {
  const dataDir = await plannedShow(root, 'SKU,Title,Qty,Price\nA,Tee,1,20\n', id, {
    dataDir: join(root, `live-${id}`),
  });
  const server = `rtmp://127.0.0.1:${sink.port}/live`;
  const add = await runCli(['destination', 'add', 'wn', '--preset', 'custom', '--server', server, '--key-stdin'], {
    dataDir,
    input: `${sink.key}\n`,
  });
  if (add.code !== 0) throw new Error(`destination add failed: ${add.stderr}`);
  const port = await freePort();
  const live = new CliProcess(['live', id, '--plain', '--relay', '--listen', `rtmp://127.0.0.1:${port}/live`], {
    dataDir,
  });
  const key = await live.waitFor(/OBS Stream Key: (lc_[0-9a-f]+)/).then(
    (m) => m[1]!,
    async (e: unknown) => {
      await live.kill();
      throw e;
    },
  );
  return { live, dataDir, port, key };
}
