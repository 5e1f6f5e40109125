/**
 * Whether the seller's uplink carries every destination at the feed's bitrate, judged from what
 * each platform has acknowledged reading: a destination that keeps up reads the feed's rate, one
 * that is behind reads what its share of the link allows.
 */
export interface UplinkInput {
  feedKbps: number;
  destinations: Array<{ name: string; deliveredKbps: number; behind: boolean }>;
}

export interface UplinkVerdict {
  fits: boolean;
  /** What the destinations read together, kbit/s. */
  capacityKbps: number;
  needKbps: number;
  /** An OBS bitrate every destination can carry, kbit/s; null when it fits. */
  suggestKbps: number | null;
  /** The line to show, with the fix; null when it fits. */
  advice: string | null;
}

const mbit = (kbps: number) => (kbps / 1000).toFixed(1);
const kbpsText = (kbps: number) => kbps.toLocaleString('en-US');

export function uplinkVerdict(i: UplinkInput): UplinkVerdict | null {
  const n = i.destinations.length;
  if (n === 0 || i.feedKbps <= 0) return null;
  const need = i.feedKbps * n;
  const capacity = i.destinations.reduce((sum, d) => sum + d.deliveredKbps, 0);
  const behind = i.destinations.filter((d) => d.behind);
  if (behind.length === 0)
    return { fits: true, capacityKbps: capacity, needKbps: need, suggestKbps: null, advice: null };
  // Leave a tenth for audio, protocol and the link's ups and downs.
  const share = behind.length === n ? capacity / n : Math.min(...behind.map((d) => d.deliveredKbps));
  const suggest = Math.max(300, Math.floor((share * 0.9) / 100) * 100);
  const advice =
    // Everyone behind: the shared uplink is short. Some keeping up: those platforms' routes are.
    behind.length === n
      ? `the uplink carries about ${mbit(capacity)} Mbit/s; ${n} destination${n === 1 ? '' : 's'} at ${mbit(i.feedKbps)} need ${mbit(need)}: set OBS's bitrate to ${kbpsText(suggest)} kbps${n > 1 ? ' or switch one off' : ''}`
      : `${behind.map((d) => d.name).join(' and ')} ${behind.length === 1 ? 'reads' : 'read'} only about ${mbit(share)} Mbit/s of the feed's ${mbit(i.feedKbps)} (the others keep up): set OBS's bitrate to ${kbpsText(suggest)} kbps or switch ${behind.length === 1 ? 'it' : 'them'} off`;
  return { fits: false, capacityKbps: capacity, needKbps: need, suggestKbps: suggest, advice };
}
