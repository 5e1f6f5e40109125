import { accessSync, constants } from 'node:fs';
import type { Settings } from '../adapters/config-store.js';
import { ffmpegWorks } from '../adapters/relay/slate-encoder.js';
import type { SlateOptions } from './relay-slate.js';

/**
 * The slate the relay runs with, from relay.slate.* settings; without ffmpeg (or switched off)
 * none, and a note saying what the seller loses.
 */
export function slateFromSettings(
  settings: Settings,
  o: { title?: string; env: NodeJS.ProcessEnv },
): { slate: SlateOptions | null; note: string | null } {
  const s = settings.relay.slate;
  if (!s.enabled) return { slate: null, note: null };
  const ffmpeg = o.env.LOTCAST_FFMPEG || 'ffmpeg';
  if (!ffmpegWorks(ffmpeg))
    return {
      slate: null,
      note: 'no ffmpeg: if OBS drops, the platforms end the stream after 10 s. Install ffmpeg for the "be right back" slate (see `lotcast doctor`).',
    };
  let image = s.image;
  let note: string | null = null;
  if (image) {
    try {
      accessSync(image, constants.R_OK);
    } catch {
      note = `relay.slate.image ${image} cannot be read: the slate shows the "Be right back" card instead (fix it with lotcast config set relay.slate.image FILE).`;
      image = undefined;
    }
  }
  return {
    slate: {
      maxMinutes: s.maxMinutes,
      ...(image ? { image } : {}),
      ...(o.title ? { title: o.title } : {}),
      ...(o.env.LOTCAST_FFMPEG ? { ffmpeg } : {}),
    },
    note,
  };
}
