/**
 * A destination's opt-in reshaping, done by ffmpeg for that leg alone while the others stay
 * copies: `vertical` (centre crop of a landscape feed to 9:16), `scale=WxH`, `bitrate=K` (kbit/s),
 * `fps=N`. Written as a comma list: `vertical,bitrate=2500`.
 */
export interface Transform {
  vertical: boolean;
  scale?: { width: number; height: number };
  bitrateKbps?: number;
  fps?: number;
}

export function parseTransform(text: string): Transform | string {
  const t: Transform = { vertical: false };
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'give at least one of vertical, scale=WxH, bitrate=K, fps=N';
  for (const part of parts) {
    const [key = '', value = ''] = part.split('=');
    if (key === 'vertical' && !value) t.vertical = true;
    else if (key === 'scale') {
      const m = /^(\d{2,4})x(\d{2,4})$/.exec(value);
      if (!m || Number(m[1]) % 2 || Number(m[2]) % 2)
        return `scale=${value}: write it like scale=720x1280 (even numbers)`;
      t.scale = { width: Number(m[1]), height: Number(m[2]) };
    } else if (key === 'bitrate') {
      const k = Number(value);
      if (!Number.isInteger(k) || k < 200 || k > 50_000) return `bitrate=${value}: kbit/s from 200 to 50000`;
      t.bitrateKbps = k;
    } else if (key === 'fps') {
      const n = Number(value);
      if (!(n >= 1 && n <= 120)) return `fps=${value}: frames per second from 1 to 120`;
      t.fps = n;
    } else return `"${part}" is not a transform (vertical, scale=WxH, bitrate=K, fps=N)`;
  }
  return t;
}

export function formatTransform(t: Transform): string {
  return [
    t.vertical ? 'vertical' : null,
    t.scale ? `scale=${t.scale.width}x${t.scale.height}` : null,
    t.bitrateKbps ? `bitrate=${t.bitrateKbps}` : null,
    t.fps ? `fps=${t.fps}` : null,
  ]
    .filter(Boolean)
    .join(',');
}

/**
 * ffmpeg's video arguments for a transform: crop (vertical: the centre 9:16 of a wider picture;
 * a picture already 9:16 or narrower is left as is), scale, frame rate and x264 at the bitrate
 * (the feed's own bitrate when none is given). Audio is copied.
 */
export function transformArgs(t: Transform, feedKbps: number, feedFps: number): string[] {
  const filters: string[] = [];
  // ih*9/16 rounded down to an even number; only when the picture is wider than 9:16.
  if (t.vertical) filters.push("crop='if(gt(iw/ih,9/16),trunc(ih*9/16/2)*2,iw)':ih");
  if (t.scale) filters.push(`scale=${t.scale.width}:${t.scale.height}`);
  if (t.fps) filters.push(`fps=${t.fps}`);
  filters.push('format=yuv420p');
  const kbps = t.bitrateKbps ?? Math.max(500, Math.round(feedKbps * 0.9));
  const gop = String(Math.max(1, Math.round((t.fps ?? feedFps) * 2)));
  return [
    '-vf',
    filters.join(','),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-b:v',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-bufsize',
    `${kbps * 2}k`,
    '-g',
    gop,
    '-keyint_min',
    gop,
    '-sc_threshold',
    '0',
    '-c:a',
    'copy',
  ];
}
