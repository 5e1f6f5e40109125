import { RelayError } from '../../core/errors.js';
/** rtmp(s)://host[:port]/app/streamName -> parts; the stream name is kept verbatim (TikTok keys carry ? and &). */
export interface RtmpTarget {
  secure: boolean;
  host: string;
  port: number;
  app: string;
  streamName: string;
  tcUrl: string;
}

export function parseRtmpUrl(url: string): RtmpTarget {
  const m = /^(rtmps?):\/\/([^/:?#]+|\[[^\]]+\])(?::(\d+))?\/([^/?#]+)\/?(.*)$/i.exec(url.trim());
  if (!m) throw new RelayError('not an rtmp:// or rtmps:// URL with an app and a stream key (rtmp://host/app/KEY)');
  const secure = m[1]!.toLowerCase() === 'rtmps';
  const port = m[3] ? Number(m[3]) : secure ? 443 : 1935;
  const host = m[2]!.replace(/^\[|\]$/g, '');
  const streamName = m[5] ?? '';
  if (!streamName) throw new RelayError('the URL has no stream key after the app');
  return {
    secure,
    host,
    port,
    app: m[4]!,
    streamName,
    tcUrl: `${m[1]!.toLowerCase()}://${m[2]}${m[3] ? `:${m[3]}` : ''}/${m[4]}`,
  };
}
