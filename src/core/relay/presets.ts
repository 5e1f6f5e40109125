/** Stream destinations sellers add, with their ingest server URLs (keys are separate secrets). */
export interface DestinationPreset {
  id: string;
  label: string;
  /** Default server URL; null when it differs per account (the seller pastes theirs). */
  server: string | null;
  note: string;
}

export const DESTINATION_PRESETS: readonly DestinationPreset[] = [
  {
    id: 'tiktok',
    label: 'TikTok LIVE',
    server: null,
    note: 'Server URL and key from LIVE Center (rtmp://push-rtmp-...tiktokcdn.com/game/); the key is time-limited and contains ? and &: paste it whole.',
  },
  {
    id: 'whatnot',
    label: 'Whatnot',
    server: null,
    note: "Server URL and stream key from the show's RTMP settings in Seller Hub (rtmp:// or rtmps://).",
  },
  {
    id: 'youtube',
    label: 'YouTube',
    server: 'rtmps://a.rtmps.youtube.com:443/live2',
    note: 'rtmp://a.rtmp.youtube.com/live2 also works.',
  },
  { id: 'facebook', label: 'Facebook', server: 'rtmps://live-api-s.facebook.com:443/rtmp/', note: 'RTMPS only.' },
  { id: 'instagram', label: 'Instagram', server: 'rtmps://live-upload.instagram.com:443/rtmp/', note: 'RTMPS only.' },
  {
    id: 'kick',
    label: 'Kick',
    server: null,
    note: 'rtmps://<id>.global-contribute.live-video.net:443/app/ from the Kick dashboard.',
  },
  {
    id: 'twitch',
    label: 'Twitch',
    server: 'rtmp://live.twitch.tv/app',
    note: "Or the nearest ingest from Twitch's list.",
  },
  { id: 'custom', label: 'Custom RTMP/RTMPS', server: null, note: 'Any rtmp:// or rtmps:// server.' },
];

export function presetById(id: string): DestinationPreset | undefined {
  return DESTINATION_PRESETS.find((p) => p.id === id);
}

/** server + key -> publish URL, the key kept verbatim. */
export function joinStreamUrl(server: string, key: string): string {
  return `${server.replace(/\/+$/, '')}/${key}`;
}

/**
 * How often (ms) the ingest reads a live encoder's feed by default: a batch of a dozen frames
 * relayed in one go costs far less CPU than a wake-up per packet (adapters/relay/rtmp-session.ts
 * PolledReads), and 200 ms more is nothing next to a platform player's seconds of buffer.
 */
export const READ_EVERY_MS = 200;
