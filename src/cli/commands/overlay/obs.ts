import { Option, type Command } from 'commander';
import { UsageError } from '../../../core/errors.js';
import { isPort, PORT_RANGE } from '../../../core/port.js';
import { contextOf } from '../../context.js';
import { group } from '../groups.js';

export function registerOverlayObs(program: Command): void {
  group(program, 'overlay')
    .command('obs')
    .description('write an OBS scene collection with the overlays as Browser Sources (Scene Collection > Import)')
    .requiredOption('--out <file>', 'where to write the collection, e.g. lotcast-scenes.json')
    .addOption(
      new Option('--canvas <canvas>', 'OBS canvas: vertical 1080x1920 or landscape 1920x1080')
        .choices(['vertical', 'landscape'])
        .default('vertical'),
    )
    .option('--port <port>', 'overlay port (default: config overlay.port)')
    .action(async (f: { out: string; canvas: 'vertical' | 'landscape'; port?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const port = f.port === undefined ? ctx.config().settings().overlay.port : Number(f.port);
      if (!isPort(port)) throw new UsageError(`--port ${f.port}: give a port ${PORT_RANGE}.`);
      const { writeObsScenes } = await import('../../../services/overlay-setup.js');
      const r = writeObsScenes(f.out, { port, canvas: f.canvas, dataDir: ctx.paths.dataDir });
      ctx.out.line(
        `Wrote ${f.out}: scene "lotcast overlays" with ${r.sources} Browser Sources for a ${f.canvas} canvas.`,
      );
      ctx.out.line('In OBS: Scene Collection > Import, pick the file, then Scene Collection > choose it.');
      ctx.out.line('"lotcast all" is visible; the single overlays are hidden in the same scene, to place one by one.');
      ctx.out.line(
        `The sources open ${r.loaderUrl}: it waits for lotcast (OBS may start first) and then shows the overlay.`,
      );
    });
}
