import type { Output } from '../ui/output.js';
import { qrText } from '../ui/qr-text.js';
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

/** A QR code of the URL drawn with block characters, for a phone's camera (black on white in colour). */
export async function qrLines(url: string, out: Output): Promise<string[]> {
  const { default: QRCode } = await import('qrcode');
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'L' });
  return qrText({ size: modules.size, dark: (x, y) => modules.get(y, x) === 1 }, out.colored ? out.color.paper : null);
}
