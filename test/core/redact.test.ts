import { describe, expect, it } from 'vitest';
import { Redactor, maskSecret, maskStreamUrl } from '../../src/core/redact.js';

describe('secrets never printed', () => {
  it('masks every occurrence, raw and URL-encoded', () => {
    const key = 'stream-123?expire=99&sign=abc';
    const r = new Redactor().add(key, 'wn_access_tk_test_SECRET');
    const text = `publish rtmp://x/game/${key} and ${encodeURIComponent(key)} token wn_access_tk_test_SECRET`;
    const out = r.redact(text);
    expect(out).not.toContain('expire=99');
    expect(out).not.toContain('SECRET');
    expect(out.match(/\*\*\*\*/g)).toHaveLength(3);
  });

  it('shows only a recognisable prefix of long secrets', () => {
    expect(maskSecret('live_abcdefghijkl')).toBe('live…****');
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret(undefined)).toBe('(not set)');
  });

  it.each([
    ['rtmp://a.rtmp.youtube.com/live2/abcd-efgh', 'rtmp://a.rtmp.youtube.com/live2/****'],
    ['rtmps://live-api-s.facebook.com:443/rtmp/FB-123?s_bl=1', 'rtmps://live-api-s.facebook.com:443/rtmp/****'],
    ['rtmp://127.0.0.1:1935/live', 'rtmp://127.0.0.1:1935/live'],
  ])('maskStreamUrl(%s)', (url, masked) => {
    expect(maskStreamUrl(url)).toBe(masked);
  });
});
