import { accessSync, constants } from 'node:fs';
import type { Settings } from '../adapters/config-store.js';

/** `lotcast doctor`: what works, what does not, and the fix for each. */
export interface Finding {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

const INSTALL_FFMPEG =
  'Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg.';

/** The relay's checks beyond the port and keys: what the slate needs. */
export function relayFindings(settings: Settings, ffmpegOk: boolean): Finding[] {
  const slate = settings.relay.slate;
  if (!slate.enabled)
    return [
      {
        check: 'slate',
        status: 'warn',
        detail: 'off: when OBS drops, every platform ends the stream after 10 s',
        fix: 'lotcast config set relay.slate.enabled true',
      },
    ];
  if (!ffmpegOk)
    return [
      {
        check: 'slate',
        status: 'warn',
        detail:
          'needs ffmpeg: without it, when OBS drops the relay holds the connections for 10 s and then every platform ends the stream',
        fix: INSTALL_FFMPEG,
      },
    ];
  const out: Finding[] = [];
  if (slate.image) {
    try {
      accessSync(slate.image, constants.R_OK);
    } catch {
      out.push({
        check: 'slate image',
        status: 'warn',
        detail: `${slate.image} cannot be read: the slate would show the "Be right back" card`,
        fix: 'lotcast config set relay.slate.image /path/to/picture.png (or unset it)',
      });
    }
  }
  out.push({
    check: 'slate',
    status: 'ok',
    detail: `when OBS drops, the platforms get "be right back" (${slate.image ? 'your picture' : 'a card with the show name'}) for up to ${slate.maxMinutes} min`,
  });
  return out;
}
