import type { Channel } from '../channel-types.js';
import { centsToDecimal, formatCents } from '../money.js';
import type { ChannelReport, ShowReport } from './report.js';
import { streamTime } from './report.js';

const NAME: Record<Channel, string> = { whatnot: 'Whatnot', tiktok: 'TikTok' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function channelRows(r: ShowReport): Array<[string, ChannelReport]> {
  return [
    ...(Object.entries(r.channels) as Array<[Channel, ChannelReport]>).map(
      ([c, v]) => [NAME[c], v] as [string, ChannelReport],
    ),
    ['Total', r.totals],
  ];
}

/** Unicode bars for the per-minute chart (terminal and Markdown). */
export function minuteBars(r: ShowReport, width = 40): string[] {
  const max = Math.max(1, ...r.perMinute.map((m) => m.grossCents));
  const spikeSet = new Set(r.spikes.map((s) => s.minute));
  return r.perMinute.map((m) => {
    const n = (m.grossCents / max) * width;
    const bar = '█'.repeat(Math.floor(n)) + (n % 1 >= 0.5 ? '▌' : '');
    return `${String(m.minute).padStart(4)}m ${bar.padEnd(width + 1)} ${formatCents(m.grossCents).padStart(10)} ${String(m.orders).padStart(3)} orders${spikeSet.has(m.minute) ? '  ◀ spike' : ''}`;
  });
}

export function renderReportText(r: ShowReport): string {
  const out: string[] = [];
  out.push(
    `${r.show.name} (${r.show.id}) report${r.show.startedAt ? `, live ${r.show.startedAt.slice(0, 16).replace('T', ' ')} UTC for ${Math.round(r.show.durationS / 60)} min` : ''}`,
  );
  out.push('');
  out.push(
    `${'Channel'.padEnd(8)} ${'Orders'.padStart(6)} ${'Units'.padStart(6)} ${'Gross'.padStart(11)} ${'Fees'.padStart(10)} ${'Net'.padStart(11)}  Cancelled  Oversold`,
  );
  for (const [name, v] of channelRows(r)) {
    out.push(
      `${name.padEnd(8)} ${String(v.orders).padStart(6)} ${String(v.units).padStart(6)} ${formatCents(v.grossCents).padStart(11)} ${formatCents(v.feesCents).padStart(10)} ${formatCents(v.netCents).padStart(11)}  ${String(v.cancelled).padStart(9)}  ${String(v.oversold).padStart(8)}`,
    );
  }
  const st = r.sellThrough;
  out.push('');
  out.push(
    `Sell-through: ${st.lotsSold}/${st.lotsPlanned} lots (${st.lotPercent}%), ${st.unitsSold}/${st.unitsPlanned} units (${st.unitPercent}%); average ${formatCents(r.averagePricePerLotCents)} per lot sold`,
  );
  if (r.bestLots.length)
    out.push(`Best lots: ${r.bestLots.map((b) => `${b.label} ${b.title} ${formatCents(b.grossCents)}`).join('; ')}`);
  if (r.toCancel.length)
    out.push(
      `TO CANCEL (oversold): ${r.toCancel.map((c) => `${c.sku} on ${NAME[c.channel]}${c.buyer ? ` (${c.buyer})` : ''}`).join(', ')}`,
    );
  out.push(`Unsold, back to inventory (${r.unsold.length}): ${r.unsold.map((u) => u.sku).join(', ') || 'none'}`);
  out.push('');
  out.push('Sales per minute of the stream:');
  out.push(...minuteBars(r));
  if (r.spikes.length) {
    out.push('');
    out.push('Moments that sold:');
    for (const s of r.spikes)
      out.push(
        `  ${s.streamTime}  ${formatCents(s.grossCents)} in ${s.orders} orders${s.lot ? ` during ${s.lot.label} ${s.lot.title}` : ''}`,
      );
  }
  out.push('');
  out.push(
    `Fees: ${r.fees.source}; ${r.fees.rules.map((f) => `${NAME[f.channel]} from ${f.effectiveFrom}`).join(', ')}. ${r.fees.note}`,
  );
  return `${out.join('\n')}\n`;
}

export function renderReportMarkdown(r: ShowReport): string {
  const out = [
    `# ${r.show.name} (${r.show.id})`,
    '',
    '| Channel | Orders | Units | Gross | Fees | Net | Cancelled | Oversold |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, v] of channelRows(r))
    out.push(
      `| ${name} | ${v.orders} | ${v.units} | ${formatCents(v.grossCents)} | ${formatCents(v.feesCents)} | ${formatCents(v.netCents)} | ${v.cancelled} | ${v.oversold} |`,
    );
  const st = r.sellThrough;
  out.push(
    '',
    `Sell-through: ${st.lotsSold}/${st.lotsPlanned} lots (${st.lotPercent}%), ${st.unitsSold}/${st.unitsPlanned} units (${st.unitPercent}%). Average ${formatCents(r.averagePricePerLotCents)} per lot sold.`,
  );
  if (r.toCancel.length)
    out.push('', `**To cancel (oversold):** ${r.toCancel.map((c) => `${c.sku} on ${NAME[c.channel]}`).join(', ')}`);
  out.push(
    '',
    '## Moments that sold',
    '',
    ...(r.spikes.length
      ? r.spikes.map(
          (s) =>
            `- ${s.streamTime}: ${formatCents(s.grossCents)} in ${s.orders} orders${s.lot ? ` during ${s.lot.label} ${s.lot.title}` : ''}`,
        )
      : ['- no spike']),
  );
  out.push('', '## Sales per minute', '', '```', ...minuteBars(r), '```', '', `Fees: ${r.fees.source}. ${r.fees.note}`);
  return `${out.join('\n')}\n`;
}

export function renderReportHtml(r: ShowReport): string {
  const max = Math.max(1, ...r.perMinute.map((m) => m.grossCents));
  const spikeSet = new Set(r.spikes.map((s) => s.minute));
  const rows = channelRows(r)
    .map(
      ([name, v]) =>
        `<tr${name === 'Total' ? ' class="total"' : ''}><td>${esc(name)}</td><td>${v.orders}</td><td>${v.units}</td><td>${formatCents(v.grossCents)}</td><td>${formatCents(v.feesCents)}</td><td>${formatCents(v.netCents)}</td><td>${v.cancelled}</td><td>${v.oversold}</td></tr>`,
    )
    .join('\n');
  const bars = r.perMinute
    .map(
      (m) =>
        `<div class="bar${spikeSet.has(m.minute) ? ' spike' : ''}" style="height:${Math.round((m.grossCents / max) * 100)}%" title="${m.minute}m: ${formatCents(m.grossCents)}, ${m.orders} orders"></div>`,
    )
    .join('');
  const st = r.sellThrough;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.show.name)}: show report</title>
<style>
 body{font:14px/1.4 system-ui,sans-serif;margin:20px;color:#111} h1{font-size:20px;margin:0} h2{font-size:15px;margin:16px 0 6px}
 table{border-collapse:collapse;width:100%} td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right} td:first-child,th:first-child{text-align:left}
 tr.total td{font-weight:bold;border-top:2px solid #333} .chart{display:flex;align-items:flex-end;gap:1px;height:120px;border-bottom:1px solid #333}
 .bar{flex:1;background:#4a7bd0;min-height:1px} .bar.spike{background:#d04a4a} .warn{color:#b00;font-weight:bold} .small{color:#555;font-size:12px}
 @media print{@page{size:letter;margin:12mm} body{margin:0}}
</style></head><body>
<h1>${esc(r.show.name)} <span class="small">(${esc(r.show.id)})</span></h1>
<p class="small">${r.show.startedAt ? `Live ${esc(r.show.startedAt.replace('T', ' ').slice(0, 16))} UTC, ${Math.round(r.show.durationS / 60)} min` : 'Not started'}</p>
<table><thead><tr><th>Channel</th><th>Orders</th><th>Units</th><th>Gross</th><th>Fees</th><th>Net</th><th>Cancelled</th><th>Oversold</th></tr></thead><tbody>
${rows}
</tbody></table>
<p>Sell-through: <b>${st.lotsSold}/${st.lotsPlanned}</b> lots (${st.lotPercent}%), <b>${st.unitsSold}/${st.unitsPlanned}</b> units (${st.unitPercent}%). Average ${formatCents(r.averagePricePerLotCents)} per lot sold.</p>
${r.toCancel.length ? `<p class="warn">To cancel (oversold): ${esc(r.toCancel.map((c) => `${c.sku} on ${NAME[c.channel]}`).join(', '))}</p>` : ''}
<h2>Sales per minute</h2><div class="chart">${bars}</div>
<h2>Moments that sold</h2><ul>${r.spikes.map((s) => `<li>${esc(s.streamTime)}: ${formatCents(s.grossCents)} in ${s.orders} orders${s.lot ? ` during ${esc(`${s.lot.label} ${s.lot.title}`)}` : ''}</li>`).join('') || '<li>no spike</li>'}</ul>
<h2>Best lots</h2><ol>${r.bestLots.map((b) => `<li>${esc(`${b.label} ${b.title}`)}: ${formatCents(b.grossCents)} (${b.units} units)</li>`).join('')}</ol>
<h2>Unsold (back to inventory)</h2><p>${esc(r.unsold.map((u) => `${u.sku} ${u.title}`).join('; ') || 'none')}</p>
<p class="small">Fees: ${esc(r.fees.source)}; ${esc(r.fees.rules.map((f) => `${NAME[f.channel]} from ${f.effectiveFrom}`).join(', '))}. ${esc(r.fees.note)}</p>
</body></html>
`;
}

export function reportCsvRows(r: ShowReport): string[][] {
  return [
    [
      'time',
      'stream_time',
      'channel',
      'sku',
      'title',
      'buyer',
      'quantity',
      'price',
      'fees',
      'net',
      'oversold',
      'order_id',
    ],
    ...r.sales.map((s) => [
      s.at,
      streamTime(s.streamS),
      s.channel,
      s.sku,
      s.title,
      s.buyer ?? '',
      String(s.quantity),
      centsToDecimal(s.priceCents),
      centsToDecimal(s.fees.totalCents),
      centsToDecimal(s.netCents),
      s.oversell ? 'yes' : '',
      s.orderId ?? '',
    ]),
  ];
}
