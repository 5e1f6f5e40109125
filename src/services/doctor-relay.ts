import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { parseTransform, transformArgs } from '../core/relay/transform.js';
import type { DestinationSetting, Settings } from '../adapters/config-store.js';

/** `lotcast doctor`: what works, what does not, and the fix for each. */
export interface Finding {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

const INSTALL_FFMPEG =
  'Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg.';

/** The relay's checks beyond the port and keys: what the slate needs, what transforms cost. */
export function relayFindings(settings: Settings, ffmpegOk: boolean, ffmpeg = 'ffmpeg'): Finding[] {
  return [
    ...slateFindings(settings, ffmpegOk),
    ...settings.destinations.flatMap((d) => transformFinding(d, ffmpegOk, ffmpeg)),
  ];
}

/**
 * A transform's CPU cost, measured now: ffmpeg's own CPU time for 3 s of a 1080p30 landscape
 * test picture through the same filters and encoder settings, as a share of one core.
 */
function transformFinding(d: DestinationSetting, ffmpegOk: boolean, ffmpeg: string): Finding[] {
  if (!d.transform) return [];
  const check = `transform ${d.name}`;
  const t = parseTransform(d.transform);
  if (typeof t === 'string')
    return [
      {
        check,
        status: 'fail',
        detail: t,
        fix: `lotcast destination add ${d.name} ... --transform vertical,bitrate=2500`,
      },
    ];
  if (!ffmpegOk)
    return [
      {
        check,
        status: 'fail',
        detail: `${d.transform} needs ffmpeg: without it ${d.name} gets nothing`,
        fix: INSTALL_FFMPEG,
      },
    ];
  const seconds = 3;
  const run = spawnSync(
    ffmpeg,
    [
      ...['-hide_banner', '-benchmark', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30`, '-t', String(seconds)],
      ...transformArgs(t, 6000, 30),
      ...['-an', '-f', 'null', '-'],
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const m = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(run.stderr ?? '');
  if (run.status !== 0 || !m)
    return [
      {
        check,
        status: 'warn',
        detail: `${d.transform}: ffmpeg could not run it (${(run.stderr ?? '').trim().split('\n').at(-1)})`,
      },
    ];
  const cores = (Number(m[1]) + Number(m[2])) / seconds;
  return [
    {
      check,
      status: cores > 0.8 ? 'warn' : 'ok',
      detail: `${d.transform}: about ${cores.toFixed(2)} CPU cores for a 1080p30 feed (measured now; the copies cost next to nothing)`,
      ...(cores > 0.8
        ? { fix: 'Lower its bitrate or size (scale=720x1280), or stream from a machine with more cores.' }
        : {}),
    },
  ];
}

function slateFindings(settings: Settings, ffmpegOk: boolean): Finding[] {
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

/** What the last relay run said about the feed (`last-feed.json`), the same lines as the stream panel. */
export function lastFeedFindings(file: string): Finding[] {
  let report: { at: string; warnings: Array<{ message: string; fix: string }> };
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(report.warnings)) return [];
  if (report.warnings.length === 0)
    return [{ check: 'feed', status: 'ok', detail: `the last feed (${report.at}) needed no change in OBS` }];
  return report.warnings.map((w) => ({
    check: 'feed',
    status: 'warn' as const,
    detail: `${w.message} (last relay run, ${report.at})`,
    fix: w.fix,
  }));
}
