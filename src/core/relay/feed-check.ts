import type { FeedWarning, IngestStatus } from '../relay-types.js';

/**
 * Bitrate caps platforms document for their ingests (kbit/s, video + audio). A preset not listed
 * has no published cap lotcast knows of.
 */
export const DOCUMENTED_CAPS_KBPS: Record<string, number> = { twitch: 6000, kick: 8000 };
/** Apps that show a vertical (9:16) picture only. */
const VERTICAL_ONLY = new Set(['tiktok', 'whatnot']);

/**
 * What to change in OBS, judged from the feed itself: keyframes more than 4 s apart (OBS's Simple
 * mode sends one every 250 frames), a bitrate over a destination's documented cap, a landscape
 * picture for a vertical-only app, audio other than AAC at 44.1 or 48 kHz.
 */
export function checkFeed(
  feed: IngestStatus,
  kbps: number | null,
  destinations: Array<{ name: string; preset: string; transform?: boolean }>,
): FeedWarning[] {
  const out: FeedWarning[] = [];
  const k = feed.keyframeIntervalMs;
  if (k !== null && k > 4000)
    out.push({
      code: 'keyframes',
      message: `keyframes every ${(k / 1000).toFixed(1)} s (platforms ask for 2 s; a destination that reconnects or resumes waits for the next one)`,
      fix: 'OBS > Settings > Output: Output Mode "Advanced", Streaming tab, Keyframe Interval 2 s',
    });
  for (const d of destinations) {
    const cap = DOCUMENTED_CAPS_KBPS[d.preset];
    if (cap && kbps !== null && kbps > cap * 1.05 && !d.transform)
      out.push({
        code: 'bitrate',
        message: `${(kbps / 1000).toFixed(1)} Mbit/s is over ${d.name}'s documented ${(cap / 1000).toFixed(1)} Mbit/s`,
        fix: `OBS > Settings > Output: Video Bitrate ${cap - 200} kbps or less (or --transform bitrate=${cap - 200} on ${d.name})`,
      });
  }
  const v = feed.video;
  if (v?.width && v.height && v.width > v.height)
    for (const d of destinations.filter((x) => VERTICAL_ONLY.has(x.preset) && !x.transform))
      out.push({
        code: 'landscape',
        message: `the picture is landscape (${v.width}x${v.height}) but ${d.name} shows vertical 9:16 only`,
        fix: `OBS > Settings > Video: Base and Output Resolution 1080x1920 (or add --transform vertical to ${d.name})`,
      });
  const a = feed.audio;
  if (a && (a.codec !== 'aac' || (a.sampleRate !== undefined && a.sampleRate !== 44100 && a.sampleRate !== 48000)))
    out.push({
      code: 'audio',
      message: `audio is ${a.codec === 'aac' ? 'AAC' : a.codec}${a.sampleRate ? ` at ${a.sampleRate / 1000} kHz` : ''} (platforms take AAC at 44.1 or 48 kHz)`,
      fix: 'OBS > Settings > Audio: Sample Rate 48 kHz; Output: Audio Encoder AAC',
    });
  return out;
}
