import { centsToDecimal, formatCents } from '../money.js';
import type { Insights } from './insights.js';
import type { Metrics } from './metrics.js';
import { clean, hourLabel, METRIC_HEADERS, metricCells, profitText } from './render-text.js';

/** Markdown cells: no pipes or line breaks from seller text. */
const md = (s: string) => clean(s).replace(/\|/g, '\\|');

function mdTable(first: string, rows: Array<[string, Metrics]>): string[] {
  return [
    `| ${first} | ${METRIC_HEADERS.join(' | ')} |`,
    `|---|${METRIC_HEADERS.map(() => '---:').join('|')}|`,
    ...rows.map(([label, m]) => `| ${md(label)} | ${metricCells(m).join(' | ')} |`),
  ];
}

export function renderInsightsMarkdown(r: Insights): string {
  const w = r.whenToGoLive;
  const out = [
    '# Insights',
    '',
    `${r.byShow.length} closed shows; times in ${r.timeZone}.`,
    '',
    '## Totals and channels',
    '',
    ...mdTable('', [
      ['All shows', r.totals],
      ...r.byChannel.map((c) => [c.channel === 'whatnot' ? 'Whatnot' : 'TikTok', c] as [string, Metrics]),
    ]),
  ];
  if (r.totals.profitCents === null)
    out.push(
      '',
      `Profit is not known: ${r.totals.unitsMissingCost} unit(s) sold have no cost. Profit on the units with a cost: ${formatCents(r.totals.costedProfitCents)}.`,
    );
  out.push(
    '',
    '## Per show',
    '',
    ...mdTable(
      'Show',
      r.byShow.map((s) => [`${s.startedAt.slice(0, 10)} ${s.name}`, s]),
    ),
  );
  out.push(
    '',
    '## Per category',
    '',
    ...mdTable(
      'Category',
      r.byCategory.map((c) => [c.category, c]),
    ),
  );
  out.push(
    '',
    '## Per brand',
    '',
    ...mdTable(
      'Brand',
      r.byBrand.map((b) => [b.brand, b]),
    ),
  );
  out.push(
    '',
    '## Per price band',
    '',
    ...mdTable(
      'Listed price',
      r.byPriceBand.map((b) => [b.band, b]),
    ),
  );
  const lot = (l: Insights['bestLots'][number]) =>
    `- ${md(l.sku)} ${md(l.title)}: ${l.units} sold for ${formatCents(l.grossCents)}, profit ${profitText(l)}`;
  out.push('', '## Best lots', '', ...r.bestLots.map(lot), '', '## Worst lots', '', ...r.worstLots.map(lot));
  out.push('', `## Stale stock (offered in ${r.staleAfter}+ shows, sold in none)`, '');
  out.push(
    ...(r.stale.length
      ? r.stale.map(
          (s) =>
            `- ${md(s.sku)} ${md(s.title)}: ${s.suggestion.kind}${s.suggestion.kind === 'lower-start' ? ` at ${formatCents(s.suggestion.startCents)}` : ''} (${md(s.suggestion.reason)})`,
        )
      : ['- none']),
  );
  out.push(
    '',
    '## When to go live',
    '',
    '| Start | Shows | Orders | Gross | Hours on air | Gross per hour |',
    '|---|---:|---:|---:|---:|---:|',
    ...w.byWeekdayHour.map(
      (c) =>
        `| ${c.weekday} ${hourLabel(c.hour)} | ${c.shows} | ${c.orders} | ${formatCents(c.grossCents)} | ${(c.airtimeS / 3600).toFixed(1)} | ${c.grossPerHourCents === null ? '-' : formatCents(c.grossPerHourCents)} |`,
    ),
    '',
    `First 15 minutes: ${centsToDecimal(w.slots.first15.grossPerHourCents ?? 0)} per hour over ${w.slots.first15.shows} shows; the rest: ${centsToDecimal(w.slots.rest.grossPerHourCents ?? 0)} per hour over ${w.slots.rest.shows} shows.`,
    '',
    w.best
      ? `Best: **${w.best.weekday} ${hourLabel(w.best.hour)}**, ${formatCents(w.best.grossPerHourCents ?? 0)} per hour over ${w.best.shows} shows.`
      : `No start time has ${w.minShows} shows behind it yet.`,
    '',
    '## Buyers',
    '',
    `${r.buyers.count} buyers, ${r.buyers.repeatBuyers} repeat. Full roster: \`lotcast buyers\`.`,
    '',
    `Fees: ${md(r.fees.source)}. ${r.fees.note}`,
  );
  return `${out.join('\n')}\n`;
}
