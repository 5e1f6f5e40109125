/**
 * What the relay learns about the feed from the feed itself: picture size and profile from the
 * AVC sequence header's SPS, audio rate and channels from the AAC AudioSpecificConfig, frame
 * rate and bitrate from onMetaData or, better, from the frames' own timestamps. The slate is
 * encoded to match it and the feed checks read it.
 */
export interface VideoInfo {
  codec: 'h264' | 'hevc' | 'other';
  width?: number;
  height?: number;
  /** H.264 profile_idc (66 baseline, 77 main, 100 high) */
  profile?: number;
  level?: number;
  fps?: number;
}

export interface AudioInfo {
  codec: 'aac' | 'mp3' | 'other';
  sampleRate?: number;
  channels?: number;
}

/** Fields of onMetaData lotcast reads (encoders write them as numbers). */
export interface FeedMetadata {
  width?: number;
  height?: number;
  framerate?: number;
  videodatarate?: number;
  audiosamplerate?: number;
  audiochannels?: number;
}

const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** An FLV audio sequence header (0xAF 0x00 + AudioSpecificConfig), or any audio tag's codec. */
export function audioInfo(payload: Uint8Array): AudioInfo {
  const format = payload[0]! >> 4;
  if (format === 2) return { codec: 'mp3' };
  if (format !== 10) return { codec: 'other' };
  if (payload.length < 4 || payload[1] !== 0) return { codec: 'aac' };
  const bits = new BitReader(payload.subarray(2));
  let object = bits.read(5);
  if (object === 31) object = 32 + bits.read(6);
  const index = bits.read(4);
  const sampleRate = index === 15 ? bits.read(24) : AAC_RATES[index];
  const channels = bits.read(4);
  return { codec: 'aac', ...(sampleRate ? { sampleRate } : {}), ...(channels ? { channels } : {}) };
}

/** An FLV video sequence header: codec, and for H.264 the size and profile its SPS declares. */
export function videoInfo(payload: Uint8Array): VideoInfo {
  const enhanced = (payload[0]! & 0x80) !== 0;
  if (enhanced) {
    const fourcc = String.fromCharCode(...payload.subarray(1, 5));
    return { codec: fourcc === 'hvc1' ? 'hevc' : fourcc === 'avc1' ? 'h264' : 'other' };
  }
  const id = payload[0]! & 0x0f;
  if (id === 12) return { codec: 'hevc' };
  if (id !== 7) return { codec: 'other' };
  // AVCDecoderConfigurationRecord after the 5-byte FLV video header.
  const rec = payload.subarray(5);
  if (payload[1] !== 0 || rec.length < 8 || (rec[5]! & 0x1f) < 1) return { codec: 'h264' };
  const spsLen = (rec[6]! << 8) | rec[7]!;
  const sps = rec.subarray(8, 8 + spsLen);
  try {
    return { codec: 'h264', ...parseSps(sps) };
  } catch {
    return { codec: 'h264' };
  }
}

function parseSps(nal: Uint8Array): { width: number; height: number; profile: number; level: number } {
  // Drop emulation-prevention bytes (00 00 03 -> 00 00) before reading the bits.
  const rbsp: number[] = [];
  for (let i = 1; i < nal.length; i++) {
    if (i >= 3 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    rbsp.push(nal[i]!);
  }
  const b = new BitReader(Uint8Array.from(rbsp));
  const profile = b.read(8);
  b.read(8);
  const level = b.read(8);
  b.ue();
  let chroma = 1;
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profile)) {
    chroma = b.ue();
    if (chroma === 3) b.read(1);
    b.ue();
    b.ue();
    b.read(1);
    if (b.read(1)) {
      for (let i = 0; i < (chroma === 3 ? 12 : 8); i++) {
        if (!b.read(1)) continue;
        let last = 8;
        let next = 8;
        for (let j = 0; j < (i < 6 ? 16 : 64) && next !== 0; j++) {
          next = (last + b.se() + 256) % 256;
          if (next !== 0) last = next;
        }
      }
    }
  }
  b.ue();
  const pocType = b.ue();
  if (pocType === 0) b.ue();
  else if (pocType === 1) {
    b.read(1);
    b.se();
    b.se();
    const n = b.ue();
    for (let i = 0; i < n; i++) b.se();
  }
  b.ue();
  b.read(1);
  const wMbs = b.ue() + 1;
  const hUnits = b.ue() + 1;
  const frameMbsOnly = b.read(1);
  if (!frameMbsOnly) b.read(1);
  b.read(1);
  let [cl, cr, ct, cb] = [0, 0, 0, 0];
  if (b.read(1)) [cl, cr, ct, cb] = [b.ue(), b.ue(), b.ue(), b.ue()];
  const subW = chroma === 1 || chroma === 2 ? 2 : 1;
  const subH = chroma === 1 ? 2 : 1;
  const cropX = chroma === 0 ? 1 : subW;
  const cropY = (chroma === 0 ? 1 : subH) * (2 - frameMbsOnly);
  return {
    width: wMbs * 16 - cropX * (cl + cr),
    height: (2 - frameMbsOnly) * hUnits * 16 - cropY * (ct + cb),
    profile,
    level,
  };
}

class BitReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.bytes[this.pos >> 3];
      if (byte === undefined) throw new Error('bitstream ended early');
      v = v * 2 + ((byte >> (7 - (this.pos & 7))) & 1);
      this.pos++;
    }
    return v;
  }
  ue(): number {
    let zeros = 0;
    while (this.read(1) === 0) if (++zeros > 31) throw new Error('bad exp-Golomb code');
    return 2 ** zeros - 1 + this.read(zeros);
  }
  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -k / 2;
  }
}

/**
 * Watches the feed's media frames (stream time only, no clock): frame rate, keyframe interval
 * and bitrate over the last few seconds.
 */
export class FeedMeter {
  private videoTs: number[] = [];
  private bytes: Array<[number, number]> = [];
  private lastKeyTs: number | null = null;
  private intervals: number[] = [];
  /**
   * The longest of the last 4 intervals between keyframes, ms: OBS's x264 adds a keyframe at a
   * scene change (a scene switch, a clip starting), so one short interval says nothing about the
   * setting, and the longest is how long a destination that reconnects may have to wait.
   */
  keyframeIntervalMs: number | null = null;

  constructor(private readonly windowMs = 5000) {}

  observe(type: 8 | 9 | 18, timestamp: number, size: number, keyframe: boolean): void {
    this.bytes.push([timestamp, size]);
    while (this.bytes.length > 1 && timestamp - this.bytes[0]![0] > this.windowMs) this.bytes.shift();
    if (type !== 9) return;
    this.videoTs.push(timestamp);
    while (this.videoTs.length > 1 && timestamp - this.videoTs[0]! > this.windowMs) this.videoTs.shift();
    if (keyframe) {
      if (this.lastKeyTs !== null && timestamp > this.lastKeyTs) {
        this.intervals.push(timestamp - this.lastKeyTs);
        if (this.intervals.length > 4) this.intervals.shift();
        this.keyframeIntervalMs = Math.max(...this.intervals);
      }
      this.lastKeyTs = timestamp;
    }
  }

  /** A new publish: timestamps start again, and the new encoder's settings are not known yet. */
  reset(): void {
    this.videoTs = [];
    this.bytes = [];
    this.lastKeyTs = null;
    this.intervals = [];
    this.keyframeIntervalMs = null;
  }

  /** Frames per second, from at least a second of video; null before. */
  fps(): number | null {
    const n = this.videoTs.length;
    const span = n > 1 ? this.videoTs[n - 1]! - this.videoTs[0]! : 0;
    return span >= 1000 ? Math.round(((n - 1) * 1000 * 100) / span) / 100 : null;
  }

  /** Audio + video bitrate in kbit/s over the window; null before a second of stream. */
  kbps(): number | null {
    const n = this.bytes.length;
    const span = n > 1 ? this.bytes[n - 1]![0] - this.bytes[0]![0] : 0;
    if (span < 1000) return null;
    let sum = 0;
    for (let i = 1; i < n; i++) sum += this.bytes[i]![1];
    return Math.round((sum * 8) / span);
  }
}

/** Common frame rates from a measured or declared one (29.97 stays 29.97, 30.02 becomes 30). */
export function snapFps(fps: number): number {
  const known = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60];
  let best: number | null = null;
  for (const k of known)
    if (Math.abs(k - fps) / k < 0.015 && (best === null || Math.abs(k - fps) < Math.abs(best - fps))) best = k;
  return best ?? Math.round(fps);
}

/**
 * The keyframe with the sequence header's SPS and PPS put in front of its own NAL units. A
 * receiver that copies the stream (ffmpeg, some platform ingests) keeps the first sequence
 * header it saw and ignores a new one; parameter sets inside the keyframe reach its decoder
 * anyway, so a switch between the slate and the feed decodes everywhere.
 */
export function withParameterSets(keyframe: Uint8Array, sequenceHeader: Uint8Array): Uint8Array {
  const rec = sequenceHeader.subarray(5);
  if ((keyframe[0]! & 0x0f) !== 7 || keyframe[1] !== 1 || sequenceHeader[1] !== 0 || rec.length < 7) return keyframe;
  const lengthSize = (rec[4]! & 3) + 1;
  const nals: Uint8Array[] = [];
  let o = 5;
  for (const mask of [0x1f, 0xff]) {
    // SPS count (low 5 bits), then PPS count.
    if (o >= rec.length) return keyframe;
    const count = rec[o]! & mask;
    o += 1;
    for (let i = 0; i < count; i++) {
      if (o + 2 > rec.length) return keyframe;
      const len = (rec[o]! << 8) | rec[o + 1]!;
      if (o + 2 + len > rec.length) return keyframe;
      nals.push(rec.subarray(o + 2, o + 2 + len));
      o += 2 + len;
    }
  }
  const extra = nals.reduce((n, nal) => n + lengthSize + nal.length, 0);
  const out = new Uint8Array(keyframe.length + extra);
  out.set(keyframe.subarray(0, 5), 0);
  let w = 5;
  for (const nal of nals) {
    for (let b = lengthSize - 1; b >= 0; b--) out[w++] = (nal.length >> (8 * b)) & 0xff;
    out.set(nal, w);
    w += nal.length;
  }
  out.set(keyframe.subarray(5), w);
  return out;
}
