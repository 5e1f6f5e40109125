import type { Channel } from '../channel-types.js';
import { centsToDecimal, formatCents } from '../money.js';
import type { PickBuyer } from './picklist.js';

const NAME: Record<Channel, string> = { whatnot: 'Whatnot', tiktok: 'TikTok' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Ship-by, combined orders and package count for a buyer's header line. */
function packing(b: PickBuyer): string {
  const parts = [
    b.shipBy ? `ship by ${b.shipBy}` : '',
    b.combinedFrom.length ? `with orders from ${b.combinedFrom.join(', ')}` : '',
    b.packages > 1 ? `${b.packages} packages (the channel caps items per package)` : '',
  ].filter(Boolean);
  return parts.length ? `; ${parts.join('; ')}` : '';
}

export function renderPicklistText(showName: string, buyers: PickBuyer[]): string {
  const out = [`Pick list: ${showName} (${buyers.length} buyers, ${buyers.reduce((n, b) => n + b.units, 0)} units)`];
  for (const b of buyers) {
    out.push(
      '',
      `${b.buyer} on ${NAME[b.channel]}: ${b.units} unit${b.units === 1 ? '' : 's'}, ${formatCents(b.totalCents)}${packing(b)}`,
    );
    for (const l of b.lines)
      out.push(
        `  [ ] ${(l.location || '-').padEnd(6)} ${l.sku.padEnd(10)} ${String(l.quantity).padStart(2)} x ${l.title} ${formatCents(l.priceCents)}${l.fromShow ? `  (from show ${l.fromShow}, ship by ${l.shipBy ?? '?'})` : ''}`,
      );
  }
  return `${out.join('\n')}\n`;
}

export function picklistCsvRows(buyers: PickBuyer[]): string[][] {
  return [
    ['channel', 'buyer', 'location', 'sku', 'title', 'quantity', 'price', 'ship_by', 'from_show'],
    ...buyers.flatMap((b) =>
      b.lines.map((l) => [
        b.channel,
        b.buyer,
        l.location,
        l.sku,
        l.title,
        String(l.quantity),
        centsToDecimal(l.priceCents),
        l.shipBy ?? '',
        l.fromShow ?? '',
      ]),
    ),
  ];
}

/** Letter pages (a table per buyer) or 4x6 labels (one buyer per label, page breaks between). */
export function renderPicklistHtml(showName: string, buyers: PickBuyer[], layout: 'letter' | '4x6'): string {
  const block = (b: PickBuyer) => `<section class="buyer">
<h2>${esc(b.buyer)} <span>${NAME[b.channel]}</span></h2>
<table><thead><tr><th></th><th>Bin</th><th>SKU</th><th>Qty</th><th>Item</th><th>Price</th><th>Ship by</th></tr></thead><tbody>
${b.lines.map((l) => `<tr><td class="box">☐</td><td>${esc(l.location)}</td><td>${esc(l.sku)}</td><td>${l.quantity}</td><td>${esc(l.title)}${l.fromShow ? ` <i>(show ${esc(l.fromShow)})</i>` : ''}</td><td>${formatCents(l.priceCents)}</td><td>${esc(l.shipBy ?? '')}</td></tr>`).join('\n')}
</tbody></table>
<p class="total">${b.units} unit${b.units === 1 ? '' : 's'} · ${formatCents(b.totalCents)} · ${esc(showName)}${esc(packing(b).replace(/^; /, ' · '))}</p>
</section>`;
  const page =
    layout === '4x6'
      ? '@page{size:4in 6in;margin:0.2in} section.buyer{page-break-after:always;break-after:page;height:5.5in;overflow:hidden}'
      : '@page{size:letter;margin:0.5in} section.buyer{break-inside:avoid;border-bottom:1px dashed #999;padding-bottom:6px}';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pick list: ${esc(showName)}</title>
<style>
 body{font:12px/1.3 system-ui,sans-serif;margin:0;color:#000} h1{font-size:16px} h2{font-size:15px;margin:6px 0} h2 span{font-weight:normal;font-size:12px}
 table{border-collapse:collapse;width:100%} td,th{text-align:left;padding:2px 4px;border-bottom:1px solid #ccc} td.box{font-size:14px;width:1em} .total{margin:4px 0;font-weight:bold}
 ${page}
</style></head><body>
${layout === 'letter' ? `<h1>Pick list: ${esc(showName)}</h1>` : ''}
${buyers.map(block).join('\n')}
</body></html>
`;
}
