import type { OverlayUrls } from '../services/show-overlay.js';

/** The lines a host pastes into OBS (and hands to a helper). */
export function overlayUrlLines(urls: OverlayUrls): string[] {
  return [
    `Overlays (OBS > Sources > Browser, transparent): ${urls.overlays.all}`,
    `  one by one: ${(['lot', 'ticker', 'giveaway', 'next', 'goal'] as const).map((p) => urls.overlays[p]).join('  ')}`,
    `Producer page (keep the token private): ${urls.producer}`,
    ...urls.lanProducer.map((u) => `Producer page on the LAN (phone or tablet): ${u}`),
  ];
}

/** A QR code of the URL drawn with block characters, for a phone's camera. */
export async function qrLines(url: string): Promise<string[]> {
  const { default: QRCode } = await import('qrcode');
  const text = await QRCode.toString(url, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
  return text.replace(/\n+$/, '').split('\n');
}
