import { describe, expect, it } from 'vitest';
import { checkFeed } from '../../../src/core/relay/feed-check.js';
import type { IngestStatus } from '../../../src/core/relay-types.js';

const feed = (over: Partial<IngestStatus> = {}): IngestStatus => ({
  state: 'live',
  bitrateKbps: 6000,
  framesIn: 100,
  video: { codec: 'h264', width: 720, height: 1280, fps: 30 },
  audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
  keyframeIntervalMs: 2000,
  since: null,
  slateSince: null,
  gaps: 0,
  slateMs: 0,
  warnings: [],
  ...over,
});
const tiktok = { name: 'tiktok', preset: 'tiktok' };
const twitch = { name: 'twitch', preset: 'twitch' };

describe('checkFeed: what to change in OBS', () => {
  it('says nothing about a feed every platform takes', () => {
    expect(checkFeed(feed(), 5500, [tiktok, twitch])).toEqual([]);
  });

  it.each([
    [
      'OBS Simple mode: a keyframe every 250 frames',
      feed({ keyframeIntervalMs: 8333 }),
      5500,
      [tiktok],
      'keyframes',
      /every 8\.3 s.*Keyframe Interval 2 s/,
    ],
    [
      'over Twitch documented cap',
      feed(),
      7500,
      [twitch],
      'bitrate',
      /7\.5 Mbit\/s is over twitch's documented 6\.0.*Video Bitrate 5800 kbps/,
    ],
    [
      'landscape for TikTok',
      feed({ video: { codec: 'h264', width: 1920, height: 1080 } }),
      5000,
      [tiktok],
      'landscape',
      /landscape \(1920x1080\) but tiktok.*1080x1920.*--transform vertical/,
    ],
    [
      'audio at 32 kHz',
      feed({ audio: { codec: 'aac', sampleRate: 32000 } }),
      5000,
      [tiktok],
      'audio',
      /AAC at 32 kHz.*Sample Rate 48 kHz/,
    ],
    ['MP3 audio', feed({ audio: { codec: 'mp3' } }), 5000, [tiktok], 'audio', /audio is mp3.*Audio Encoder AAC/],
  ])('%s', (_name, f, kbps, dests, code, text) => {
    const w = checkFeed(f, kbps, dests);
    expect(w.map((x) => x.code)).toEqual([code]);
    expect(`${w[0]!.message}: ${w[0]!.fix}`).toMatch(text);
  });

  it('a destination with a transform is not warned about what its transform fixes', () => {
    const landscape = feed({ video: { codec: 'h264', width: 1920, height: 1080 } });
    expect(
      checkFeed(landscape, 7500, [
        { ...tiktok, transform: true },
        { ...twitch, transform: true },
      ]),
    ).toEqual([]);
  });
});
