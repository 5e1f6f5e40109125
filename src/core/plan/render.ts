import type { Channel } from '../channel-types.js';
import { formatCents } from '../money.js';
import type { ChannelPrice, PlanDocument, PlanSegment } from '../show/plan-types.js';
import { formatClock, formatMinutes } from './duration.js';

const CHANNEL_LABEL: Record<Channel, string> = { whatnot: 'Whatnot', tiktok: 'TikTok' };

export function priceLabel(p: ChannelPrice | undefined): string {
  if (!p) return '';
  if (p.format === 'auction') return `auction ${formatCents(p.priceCents)} start${p.suddenDeath ? ' SD' : ''}`;
  if (p.format === 'flash-sale') return `flash ${formatCents(p.priceCents)}`;
  if (p.format === 'giveaway') return 'giveaway';
  return `BIN ${formatCents(p.priceCents)}`;
}

/** Wall-clock time of a segment when the show has a start time, else stream time. */
export function segmentTime(doc: PlanDocument, s: PlanSegment): string {
  if (!doc.show.startAt) return `+${formatClock(s.offsetS)}`;
  const d = new Date(Date.parse(doc.show.startAt) + s.offsetS * 1000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

export function planHeadline(doc: PlanDocument): string {
  const s = doc.summary;
  const spare = s.spareS > 0 ? `, ${formatMinutes(s.spareS)} spare` : '';
  return `${doc.show.name} (${doc.show.id}): ${formatMinutes(doc.show.durationS)} on ${doc.show.channels.map((c) => CHANNEL_LABEL[c]).join(' + ')}; ${s.lotCount} lots, ${s.unitCount} units, ${s.giveawayCount} giveaways, ${s.flashSaleCount} flash sales; planned ${formatMinutes(s.plannedS)}${spare}`;
}

export interface CueRow {
  time: string;
  label: string;
  kind: string;
  duration: string;
  title: string;
  sku: string;
  location: string;
  quantity: string;
  prices: Record<Channel, string>;
  talkingPoints: string;
}

export function cueRows(doc: PlanDocument): CueRow[] {
  return doc.segments.map((s) => ({
    time: segmentTime(doc, s),
    label: s.label,
    kind: s.kind,
    duration: formatClock(s.durationS),
    title: s.title,
    sku: s.sku ?? '',
    location: s.location ?? '',
    quantity: s.quantity ? String(s.quantity) : '',
    prices: { whatnot: priceLabel(s.prices?.whatnot), tiktok: priceLabel(s.prices?.tiktok) },
    talkingPoints: (s.talkingPoints ?? []).join(' · ') || (s.detail ?? ''),
  }));
}

function trunc(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function renderText(doc: PlanDocument): string {
  const rows = cueRows(doc);
  const ch = doc.show.channels;
  const headers = ['Time', 'Lot', 'Len', 'Title', 'SKU', 'Bin', 'Qty', ...ch.map((c) => CHANNEL_LABEL[c])];
  const body = rows.map((r) => [
    r.time,
    r.label,
    r.duration,
    trunc(r.title, 44),
    r.sku,
    r.location,
    r.quantity,
    ...ch.map((c) => r.prices[c]),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [planHeadline(doc), '', line(headers), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  out.push(...footer(doc));
  return out.join('\n');
}

function footer(doc: PlanDocument): string[] {
  const out: string[] = [];
  if (doc.carried.length) {
    out.push('', `Next show (${doc.carried.length} carried): ${doc.carried.map((c) => `${c.sku}`).join(', ')}`);
  }
  for (const w of doc.warnings) out.push(`warning: ${w.field ? `${w.field}: ` : ''}${w.message}`);
  return out;
}

export function renderMarkdown(doc: PlanDocument): string {
  const ch = doc.show.channels;
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [
    `# ${esc(doc.show.name)}`,
    '',
    planHeadline(doc),
    '',
    `| Time | Lot | Length | Title | SKU | Bin | Qty | ${ch.map((c) => CHANNEL_LABEL[c]).join(' | ')} | Talking points |`,
    `|---|---|---|---|---|---|---|${ch.map(() => '---|').join('')}---|`,
  ];
  for (const r of cueRows(doc)) {
    out.push(
      `| ${r.time} | ${r.label} | ${r.duration} | ${esc(r.title)} | ${esc(r.sku)} | ${esc(r.location)} | ${r.quantity} | ${ch.map((c) => r.prices[c]).join(' | ')} | ${esc(r.talkingPoints)} |`,
    );
  }
  const f = footer(doc);
  if (f.length) out.push(...f.map((l) => (l === '' ? '' : `- ${l}`)));
  return `${out.join('\n')}\n`;
}

export function csvHeader(doc: PlanDocument): string[] {
  return [
    'time',
    'offset_s',
    'label',
    'kind',
    'duration_s',
    'title',
    'sku',
    'location',
    'quantity',
    ...doc.show.channels.flatMap((c) => [`${c}_format`, `${c}_price`]),
    'talking_points',
  ];
}

export function csvRows(doc: PlanDocument): string[][] {
  return doc.segments.map((s) => [
    segmentTime(doc, s),
    String(s.offsetS),
    s.label,
    s.kind,
    String(s.durationS),
    s.title,
    s.sku ?? '',
    s.location ?? '',
    s.quantity ? String(s.quantity) : '',
    ...doc.show.channels.flatMap((c) => {
      const p = s.prices?.[c];
      return p ? [p.format, (p.priceCents / 100).toFixed(2)] : ['', ''];
    }),
    (s.talkingPoints ?? []).join(' | '),
  ]);
}
