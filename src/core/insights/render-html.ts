import { formatCents } from '../money.js';
import type { Insights } from './insights.js';
import type { Metrics } from './metrics.js';
import { clean, hourLabel, METRIC_HEADERS, metricCells } from './render-text.js';

const esc = (s: string) =>
  clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Horizontal bars as inline SVG: one row per label, the figure written beside its bar. */
export function svgBars(rows: Array<{ label: string; value: number; text: string }>, title: string): string {
  const rowH = 22;
  // Sized to its text (about 7 px a character at 12 px), so the chart is drawn at about 1:1 and
  // its text stays readable in a half-width column too.
  const labelW = Math.ceil(Math.max(3, ...rows.map((r) => r.label.length)) * 7.2) + 10;
  const textW = Math.ceil(Math.max(4, ...rows.map((r) => r.text.length)) * 7) + 10;
  const barW = 300;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = rows.length * rowH + 4;
  const body = rows
    .map((r, i) => {
      const y = i * rowH + 2;
      const w = Math.max(0, Math.round((r.value / max) * barW));
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(r.label)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" class="bar"/><text x="${labelW + w + 6}" y="${y + 15}">${esc(r.text)}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + textW} ${h}" width="${labelW + barW + textW}" style="max-width:100%;height:auto"><title>${esc(title)}</title>${body}</svg>`;
}

/** Columns over time (one per show), gross in the bar and profit as a darker inner bar when known. */
export function svgShows(shows: Insights['byShow']): string {
  const h = 160;
  const colW = Math.max(2, Math.floor(720 / Math.max(1, shows.length)));
  const w = colW * Math.max(1, shows.length);
  const max = Math.max(1, ...shows.map((s) => s.grossCents));
  const cols = shows
    .map((s, i) => {
      const gh = Math.round((s.grossCents / max) * (h - 20));
      const ph = s.profitCents === null ? 0 : Math.max(0, Math.round((s.profitCents / max) * (h - 20)));
      const x = i * colW;
      return `<g><title>${esc(`${s.startedAt.slice(0, 10)} ${s.name}: gross ${formatCents(s.grossCents)}, profit ${s.profitCents === null ? 'unknown' : formatCents(s.profitCents)}`)}</title><rect x="${x}" y="${h - gh}" width="${Math.max(1, colW - 1)}" height="${gh}" class="bar"/><rect x="${x}" y="${h - ph}" width="${Math.max(1, colW - 1)}" height="${ph}" class="profit"/></g>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="Gross and profit per show" viewBox="0 0 ${w} ${h}" width="100%" preserveAspectRatio="none" style="height:160px"><title>Gross (light) and profit (dark) per show</title>${cols}</svg>`;
}

function table(first: string, rows: Array<[string, Metrics]>): string {
  return `<table><thead><tr><th>${esc(first)}</th>${METRIC_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      ([label, m]) =>
        `<tr><td>${esc(label)}</td>${metricCells(m)
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

const perHour = (c: { grossPerHourCents: number | null; shows: number; orders: number }) =>
  `${c.grossPerHourCents === null ? '-' : formatCents(c.grossPerHourCents)}/h · ${c.shows} show${c.shows === 1 ? '' : 's'}`;

/** The one-page dashboard: inline CSS and SVG only (no script, no CDN), opens offline and prints. */
export function renderInsightsHtml(r: Insights): string {
  const w = r.whenToGoLive;
  const t = r.totals;
  const card = (label: string, value: string) =>
    `<div class="card"><div class="k">${label}</div><div class="v">${esc(value)}</div></div>`;
  const stale = r.stale
    .map(
      (s) =>
        `<tr><td>${esc(s.sku)}</td><td>${esc(s.title)}</td><td>${s.quantity}</td><td>${s.showsOffered}</td><td>${esc(s.suggestion.kind === 'lower-start' ? `lower start to ${formatCents(s.suggestion.startCents)}` : s.suggestion.kind)}</td><td>${esc(s.suggestion.reason)}</td></tr>`,
    )
    .join('');
  const lots = (ls: Insights['bestLots']) =>
    ls
      .map(
        (l) =>
          `<li>${esc(`${l.sku} ${l.title}`)}: ${l.units} sold, ${formatCents(l.grossCents)}, profit ${l.profitCents === null ? 'unknown (no cost)' : formatCents(l.profitCents)}</li>`,
      )
      .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>lotcast insights</title>
<style>
 body{font:14px/1.4 system-ui,sans-serif;margin:20px;color:#111;max-width:1100px} h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #ccc}
 .cards{display:flex;flex-wrap:wrap;gap:8px} .card{border:1px solid #ccc;border-radius:6px;padding:6px 10px;min-width:120px} .k{font-size:11px;color:#555;text-transform:uppercase} .v{font-size:18px;font-weight:600}
 table{border-collapse:collapse;width:100%;font-size:12px} td,th{padding:3px 6px;border-bottom:1px solid #e3e3e3;text-align:right} td:first-child,th:first-child{text-align:left}
 svg.chart{display:block;max-width:100%;font-size:12px} svg .bar{fill:#8fb0e8} svg .profit{fill:#2b5fb8} svg text{fill:#222}
 .small{color:#555;font-size:12px} .warn{color:#a00} .grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
 @media print{@page{size:letter;margin:10mm} body{margin:0;max-width:none} h2{break-after:avoid} table,svg{break-inside:avoid}}
 @media (max-width:800px){.grid{grid-template-columns:1fr}}
</style></head><body>
<h1>Insights</h1>
<p class="small">${r.byShow.length} closed shows${r.byShow.length ? `, ${esc(r.byShow[0]!.startedAt.slice(0, 10))} to ${esc(r.byShow.at(-1)!.startedAt.slice(0, 10))}` : ''}${r.filter.channel ? `, ${esc(r.filter.channel)} only` : ''}; times in ${esc(r.timeZone)}. Schema ${r.schema}.</p>
<div class="cards">${card('Gross', formatCents(t.grossCents))}${card('Fees', formatCents(t.feesCents))}${card('Cost of goods', formatCents(t.costCents))}${card('Profit', t.profitCents === null ? 'unknown' : formatCents(t.profitCents))}${card('Margin', t.marginPercent === null ? '-' : `${t.marginPercent}%`)}${card('Sell-through', t.sellThroughPercent === null ? '-' : `${t.sellThroughPercent}%`)}${card('Per hour on air', t.grossPerHourCents === null ? '-' : formatCents(t.grossPerHourCents))}${card('Orders', String(t.orders))}</div>
${t.profitCents === null ? `<p class="warn">Profit is not known: ${t.unitsMissingCost} unit(s) sold have no cost in inventory. Profit on the units with a cost: ${formatCents(t.costedProfitCents)}.</p>` : ''}
<h2>Gross and profit per show</h2>${svgShows(r.byShow)}<p class="small">One bar per show, oldest on the left: gross (light), profit (dark) where every unit sold has a cost. Hover a bar for its show.</p>
<h2>Per channel</h2>${table(
    'Channel',
    r.byChannel.map((c) => [c.channel === 'whatnot' ? 'Whatnot' : 'TikTok', c]),
  )}
<div class="grid"><div><h2>When to go live: weekday</h2>${svgBars(
    w.byWeekday.map((d) => ({ label: d.weekday, value: d.grossPerHourCents ?? 0, text: perHour(d) })),
    'Gross per hour by weekday',
  )}</div><div><h2>Start hour</h2>${svgBars(
    w.byHour.map((h) => ({ label: hourLabel(h.hour), value: h.grossPerHourCents ?? 0, text: perHour(h) })),
    'Gross per hour by start hour',
  )}</div></div>
<h2>First 15 minutes against the rest</h2>${svgBars(
    [
      { label: 'first 15 min', value: w.slots.first15.grossPerHourCents ?? 0, text: perHour(w.slots.first15) },
      { label: 'the rest', value: w.slots.rest.grossPerHourCents ?? 0, text: perHour(w.slots.rest) },
    ],
    'Gross per hour, first 15 minutes against the rest',
  )}
<p>${w.best ? `Best start: <b>${w.best.weekday} ${hourLabel(w.best.hour)}</b>, ${formatCents(w.best.grossPerHourCents ?? 0)} per hour over ${w.best.shows} shows.` : `No start time has ${w.minShows} shows behind it yet.`}</p>
<h2>Per category</h2>${svgBars(
    r.byCategory.map((c) => ({
      label: c.category,
      value: c.grossCents,
      text: `${formatCents(c.grossCents)} · sell-through ${c.sellThroughPercent ?? '-'}%`,
    })),
    'Gross per category',
  )}${table(
    'Category',
    r.byCategory.map((c) => [c.category, c]),
  )}
<h2>Per price band (listed price)</h2>${table(
    'Band',
    r.byPriceBand.map((b) => [b.band, b]),
  )}
<h2>Per brand</h2>${table(
    'Brand',
    r.byBrand.map((b) => [b.brand, b]),
  )}
<div class="grid"><div><h2>Best lots</h2><ol>${lots(r.bestLots)}</ol></div><div><h2>Worst lots</h2><ol>${lots(r.worstLots)}</ol></div></div>
<h2>Stale stock (offered in ${r.staleAfter}+ shows, sold in none)</h2>${stale ? `<table><thead><tr><th>SKU</th><th>Title</th><th>In stock</th><th>Shows</th><th>Try</th><th>Why</th></tr></thead><tbody>${stale}</tbody></table>` : '<p>none</p>'}
<h2>Per show</h2>${table(
    'Show',
    r.byShow.map((s) => [`${s.startedAt.slice(0, 10)} ${s.name}`, s]),
  )}
<h2>Buyers</h2><p>${r.buyers.count} buyers, ${r.buyers.repeatBuyers} repeat (bought in 2+ shows). Top: ${esc(
    r.buyers.top
      .slice(0, 10)
      .map((b) => `${b.handle} (${b.channel ?? '?'}) ${formatCents(b.spendCents)}`)
      .join('; ') || 'none',
  )}</p>
<p class="small">Fees: ${esc(r.fees.source)}. ${esc(r.fees.note)} Buyer handles stay on this computer: this page loads nothing from the network.</p>
</body></html>
`;
}
