import { formatCents } from '../money.js';
import type { Buyer } from './buyers.js';
import type { Insights } from './insights.js';
import type { Metrics } from './metrics.js';
import type { TimingCell } from './timing.js';

/** Seller-typed text (titles, handles, categories) with control characters made harmless. */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

const money = (c: number | null) => (c === null ? '-' : formatCents(c));
const pct = (p: number | null) => (p === null ? '-' : `${p}%`);
const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;

/** The profit cell: a figure, or why there is none ("no cost for 3 units"). */
export function profitText(m: Metrics): string {
  if (m.profitCents !== null) return formatCents(m.profitCents);
  return `? (${m.unitsMissingCost} unit${m.unitsMissingCost === 1 ? '' : 's'} no cost)`;
}

export const METRIC_HEADERS = [
  'Orders',
  'Units',
  'Gross',
  'Fees',
  'Cost',
  'Profit',
  'Margin',
  'Sell-through',
  'Avg sale',
  'Avg listed',
  'Per hour',
] as const;

export function metricCells(m: Metrics): string[] {
  return [
    String(m.orders),
    String(m.units),
    formatCents(m.grossCents),
    formatCents(m.feesCents),
    formatCents(m.costCents),
    profitText(m),
    pct(m.marginPercent),
    pct(m.sellThroughPercent),
    money(m.avgSaleCents),
    money(m.avgListedCents),
    money(m.grossPerHourCents),
  ];
}

function grid(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(headers), ...rows.map(fmt)];
}

/** Horizontal bars for a terminal: one row per label, the value and the shows behind it. */
export function bars(rows: Array<{ label: string; value: number; note: string }>, width = 30): string[] {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const labelW = Math.max(0, ...rows.map((r) => r.label.length));
  return rows.map((r) => {
    const n = Math.max(0, (r.value / max) * width);
    const bar = '█'.repeat(Math.floor(n)) + (n % 1 >= 0.5 ? '▌' : '');
    return `  ${r.label.padEnd(labelW)} ${bar.padEnd(width + 1)} ${r.note}`;
  });
}

export function timingBars(cells: Array<{ label: string } & TimingCell>): string[] {
  return bars(
    cells.map((c) => ({
      label: c.label,
      value: c.grossPerHourCents ?? 0,
      note: `${money(c.grossPerHourCents)}/h, ${c.orders} orders, ${c.shows} show${c.shows === 1 ? '' : 's'}`,
    })),
  );
}

export function hourLabel(h: number): string {
  return `${String(h).padStart(2, '0')}:00`;
}

export function renderInsightsText(r: Insights): string {
  const out: string[] = [];
  const first = r.byShow[0]?.startedAt.slice(0, 10);
  const last = r.byShow.at(-1)?.startedAt.slice(0, 10);
  out.push(
    `Insights over ${r.byShow.length} closed show${r.byShow.length === 1 ? '' : 's'}${first ? ` (${first} to ${last})` : ''}${r.filter.channel ? `, ${r.filter.channel} only` : ''}${r.filter.categories.length ? `, category ${r.filter.categories.map(clean).join(', ')}` : ''}; times in ${r.timeZone}`,
  );
  if (r.byShow.length === 0) {
    out.push('No closed show matches. Close a show after it ends: lotcast show close <show>.');
    return `${out.join('\n')}\n`;
  }
  const section = (title: string, rows: Array<[string, Metrics]>) => {
    out.push('', title);
    out.push(
      ...grid(
        ['', ...METRIC_HEADERS],
        rows.map(([label, m]) => [clean(label), ...metricCells(m)]),
      ),
    );
  };
  section('Totals', [['All shows', r.totals]]);
  if (r.totals.profitCents === null)
    out.push(
      `  Profit is not known: ${r.totals.unitsMissingCost} unit(s) sold have no cost in inventory (add a Cost column and re-import). Profit on the units that have a cost: ${formatCents(r.totals.costedProfitCents)}.`,
    );
  section(
    'Per channel',
    r.byChannel.map((c) => [c.channel === 'whatnot' ? 'Whatnot' : 'TikTok', c]),
  );
  section(
    'Per show',
    r.byShow.map((s) => [`${s.startedAt.slice(0, 10)} ${s.name}`, s]),
  );
  section(
    'Per category',
    r.byCategory.map((c) => [c.category, c]),
  );
  section(
    'Per brand',
    r.byBrand.map((b) => [b.brand, b]),
  );
  section(
    'Per price band (listed price)',
    r.byPriceBand.map((b) => [b.band, b]),
  );
  const lot = (l: Insights['bestLots'][number]) =>
    `  ${clean(l.sku)} ${clean(l.title)}: ${l.units} sold for ${formatCents(l.grossCents)}, profit ${profitText(l)}`;
  out.push('', 'Best lots', ...r.bestLots.map(lot));
  if (r.worstLots.length) out.push('', 'Worst lots', ...r.worstLots.map(lot));
  out.push('', `Stale stock (offered in ${r.staleAfter}+ shows, sold in none)`);
  if (r.stale.length === 0) out.push('  none');
  for (const s of r.stale)
    out.push(
      `  ${clean(s.sku)} ${clean(s.title)} (${s.quantity} in stock): try ${s.suggestion.kind === 'lower-start' ? `a lower start, ${formatCents(s.suggestion.startCents)}` : `a ${s.suggestion.kind}`}; ${clean(s.suggestion.reason)}`,
    );
  const w = r.whenToGoLive;
  out.push('', `When to go live (gross per hour on air; shows behind each figure; fewer than ${w.minShows} is thin)`);
  out.push(...timingBars(w.byWeekday.map((d) => ({ label: d.weekday, ...d }))));
  out.push('', '  By start hour:');
  out.push(...timingBars(w.byHour.map((h) => ({ label: hourLabel(h.hour), ...h }))));
  out.push('', '  Within a show:');
  out.push(
    ...timingBars([
      { label: 'first 15 min', ...w.slots.first15 },
      { label: 'the rest', ...w.slots.rest },
    ]),
  );
  out.push(
    w.best
      ? `  Best: ${w.best.weekday} ${hourLabel(w.best.hour)}, ${money(w.best.grossPerHourCents)} per hour over ${w.best.shows} shows (${hours(w.best.airtimeS)} on air).`
      : `  No weekday and hour has ${w.minShows} shows behind it yet: not enough to call a best time.`,
  );
  const b = r.buyers;
  out.push(
    '',
    `Buyers: ${b.count} (${b.repeatBuyers} repeat, bought in 2+ shows)${b.salesWithoutBuyer ? `; ${b.salesWithoutBuyer} sales had no buyer handle` : ''}. Full roster: lotcast buyers`,
  );
  for (const x of b.top.slice(0, 5))
    out.push(
      `  ${clean(x.handle)} (${x.channel ?? '?'}): ${x.orders} orders, ${formatCents(x.spendCents)}, ${x.showsAttended} shows${x.repeat ? ', repeat' : ''}`,
    );
  out.push('', `Fees: ${r.fees.source}. ${r.fees.note}`);
  return `${out.join('\n')}\n`;
}

/** The roster as a terminal table, best customers first. */
export function renderBuyersText(
  buyers: Buyer[],
  roster: { shows: number; repeatBuyers: number; salesWithoutBuyer: number },
): string {
  const out = [
    `${buyers.length} buyers over ${roster.shows} closed shows; ${roster.repeatBuyers} repeat (bought in 2+ shows)${roster.salesWithoutBuyer ? `; ${roster.salesWithoutBuyer} sales had no buyer handle` : ''}.`,
  ];
  if (buyers.length)
    out.push(
      '',
      ...grid(
        ['Buyer', 'Channel', 'Orders', 'Units', 'Spend', 'First', 'Last', 'Giveaways', 'Shows', 'Repeat'],
        buyers.map((b) => [
          clean(b.handle),
          b.channel ?? '?',
          String(b.orders),
          String(b.units),
          formatCents(b.spendCents),
          b.firstPurchaseAt?.slice(0, 10) ?? '-',
          b.lastPurchaseAt?.slice(0, 10) ?? '-',
          String(b.giveawayWins),
          String(b.showsAttended),
          b.repeat ? 'yes' : '',
        ]),
      ),
    );
  return `${out.join('\n')}\n`;
}
