import type { Channel } from '../channel-types.js';
import type { PlanDocument } from '../show/plan-types.js';
import { cueRows, planHeadline } from './render.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const CHANNEL_LABEL: Record<Channel, string> = { whatnot: 'Whatnot', tiktok: 'TikTok' };

/**
 * The printable cue sheet: one line per segment, big enough to read from a second screen,
 * compact enough for paper (print CSS: landscape, no colours needed, rows never split).
 */
export function renderHtml(doc: PlanDocument): string {
  const ch = doc.show.channels;
  const rows = cueRows(doc)
    .map(
      (r) => `<tr class="k-${r.kind}">
  <td class="time">${esc(r.time)}</td><td class="label">${esc(r.label)}</td><td class="len">${esc(r.duration)}</td>
  <td class="title"><strong>${esc(r.title)}</strong>${r.talkingPoints ? `<div class="tp">${esc(r.talkingPoints)}</div>` : ''}</td>
  <td class="sku">${esc(r.sku)}</td><td class="bin">${esc(r.location)}</td><td class="qty">${esc(r.quantity)}</td>
  ${ch.map((c) => `<td class="price">${esc(r.prices[c])}</td>`).join('')}
</tr>`,
    )
    .join('\n');
  const notes = [
    ...(doc.carried.length ? [`Next show: ${doc.carried.map((c) => `${c.sku} ${c.title}`).join('; ')}`] : []),
    ...doc.warnings.map((w) => `${w.field ? `${w.field}: ` : ''}${w.message}`),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.show.name)}: cue sheet</title>
<style>
  body { font: 14px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 16px; color: #111; }
  h1 { font-size: 20px; margin: 0 0 4px; } .sub { color: #444; margin: 0 0 12px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #eee; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
  td.time, td.label, td.len, td.qty { white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.price { white-space: nowrap; } .tp { color: #333; font-size: 12px; margin-top: 2px; }
  tr.k-giveaway td { background: #fff6d6; } tr.k-flash-sale td { background: #ffe3e3; }
  tr.k-opening td, tr.k-closing td, tr.k-break td { background: #e8f0ff; }
  ul.notes { margin-top: 12px; color: #444; }
  @media print { body { margin: 0; font-size: 11px; } @page { size: letter landscape; margin: 10mm; } tr { break-inside: avoid; } th { background: none; } }
  @media (prefers-color-scheme: dark) { @media screen { body { background: #111; color: #eee; } th { background: #222; } .tp, .sub { color: #bbb; }
    tr.k-giveaway td { background: #3a3000; } tr.k-flash-sale td { background: #3a1010; } tr.k-opening td, tr.k-closing td, tr.k-break td { background: #102040; } } }
</style></head>
<body>
<h1>${esc(doc.show.name)}</h1>
<p class="sub">${esc(planHeadline(doc))}</p>
<table>
<thead><tr><th>Time</th><th>Lot</th><th>Len</th><th>Title / talking points</th><th>SKU</th><th>Bin</th><th>Qty</th>${ch.map((c) => `<th>${CHANNEL_LABEL[c]}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
