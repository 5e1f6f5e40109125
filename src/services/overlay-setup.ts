import type { Settings } from '../adapters/config-store.js';
import type { Store } from '../adapters/store/database.js';
import { ShowRepo } from '../adapters/store/show-repo.js';
import { readServerInfo, showToken, writeObsLoader } from '../adapters/web/overlay-files.js';
import { NotFoundError } from '../core/errors.js';
import { obsSceneCollection, type Canvas } from '../core/overlay/obs-scenes.js';
import { overlayUrls, type OverlayUrls } from './show-overlay.js';
import { writeFileAtomic } from '../adapters/atomic-file.js';

export interface OverlayAddress {
  showId: string;
  showName: string;
  port: number;
  /** A lotcast process serves this show's overlays right now. */
  running: boolean;
  urls: OverlayUrls;
}

/**
 * `lotcast overlay urls [show]`: the URLs of a show's overlays and producer page: where the
 * running server listens when one runs (its port may have moved), the configured port otherwise.
 */
export function overlayAddress(store: Store, dataDir: string, settings: Settings, ref?: string): OverlayAddress {
  const running = readServerInfo(dataDir);
  const shows = new ShowRepo(store);
  const show = ref
    ? shows.require(ref)
    : running
      ? shows.get(running.showId)
      : (shows.list().find((s) => s.status === 'live') ?? shows.list().find((s) => s.status === 'planned'));
  if (!show)
    throw new NotFoundError('No show to serve overlays for.', {
      hint: 'Plan one with `lotcast show plan`, or name it.',
    });
  const live = running?.showId === show.id ? running : null;
  const port = live?.port ?? settings.overlay.port;
  return {
    showId: show.id,
    showName: show.name,
    port,
    running: live !== null,
    urls: overlayUrls(port, showToken(dataDir, show.id), live?.lanHosts ?? []),
  };
}

/**
 * `lotcast overlay obs --out FILE`: an OBS scene collection with the overlays as Browser
 * Sources, each opening the local loader page (written to the data folder) that waits for
 * lotcast and then shows the overlay.
 */
export function writeObsScenes(
  file: string,
  opts: { port: number; canvas: Canvas; dataDir: string },
): { sources: number; loaderUrl: string } {
  const loaderUrl = writeObsLoader(opts.dataDir);
  const collection = obsSceneCollection({ baseUrl: `http://127.0.0.1:${opts.port}`, canvas: opts.canvas, loaderUrl });
  // Written whole or not at all: OBS refuses a truncated file.
  writeFileAtomic(file, `${JSON.stringify(collection, null, 2)}\n`);
  return { sources: (collection.sources as unknown[]).length - 1, loaderUrl };
}
