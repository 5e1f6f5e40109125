import { Box, Text } from 'ink';
import type { Channel } from '../core/channel-types.js';
import { formatClock } from '../core/plan/duration.js';
import { formatCents } from '../core/money.js';
import type { DestinationStatus, IngestStatus } from '../core/relay-types.js';
import type { UplinkVerdict } from '../core/relay/uplink.js';
import type { LiveSnapshot } from '../services/live-ledger.js';
import { BigNumber } from './BigNumber.js';
import { destinationLine, feedLine, type PanelLine } from './stream-panel.js';
import { CHANNEL_NAME, clockView, driftLabel, oversoldBanner, scarcityCall } from './live-format.js';

export interface DashboardProps {
  snapshot: LiveSnapshot;
  nowMs: number;
  /** What the host is typing for `b` (buyer and price), or null. */
  amendText: string | null;
  confirmingEnd: boolean;
  message: string | null;
  destinations: DestinationStatus[] | null;
  /** The relay's feed (size, rate, slate and gaps) when the relay runs. */
  feed?: IngestStatus | null;
  /** The uplink warning with its fix, when it cannot carry every destination. */
  uplink?: UplinkVerdict | null;
}

const KEYS =
  'n next  p prev  space timer  w Whatnot sale  t TikTok sale  b buyer/price  u undo  g giveaway  s skip  1-9 stream  r retry  q end';

export function LiveDashboard({
  snapshot,
  nowMs,
  amendText,
  confirmingEnd,
  message,
  destinations,
  feed = null,
  uplink = null,
}: DashboardProps) {
  const { plan, state } = snapshot;
  const seg = plan.segments[state.cursor];
  const clock = clockView(plan, state, nowMs);
  const stock = seg?.sku ? state.stock[seg.sku] : undefined;
  const call = scarcityCall(stock);
  const slotColor = clock.slotLeftS <= 0 ? 'red' : clock.slotFraction >= 0.75 ? 'yellow' : 'green';
  const stockColor = stock === undefined ? undefined : stock <= 0 ? 'red' : stock === 1 ? 'yellow' : 'green';
  const upcoming = plan.segments
    .slice(state.cursor + 1)
    .filter((s) => !state.skipped.includes(s.index))
    .slice(0, 4);
  const sales = state.sales.slice(-6).reverse();
  const oversold = oversoldBanner(state, plan.show.id);
  const barWidth = 30;
  const filled = Math.min(barWidth, Math.round(Math.min(1, clock.slotFraction) * barWidth));
  return (
    <Box flexDirection="column" paddingX={1}>
      <Box justifyContent="space-between">
        <Text bold>
          {plan.show.name} <Text dimColor>({plan.show.id})</Text>
        </Text>
        <Text>
          {state.ended ? <Text color="red">ENDED</Text> : <Text color="green">● LIVE</Text>}{' '}
          {formatClock(clock.elapsedS)} elapsed · {formatClock(Math.max(0, clock.remainingS))} left ·{' '}
          <Text color={clock.driftS > 60 ? 'yellow' : undefined}>{driftLabel(clock.driftS)}</Text>
        </Text>
      </Box>
      {oversold && (
        // One line however many: the clock and the lot stay on screen.
        <Text backgroundColor="red" color="white" bold wrap="truncate-end">
          {` ${oversold} `}
        </Text>
      )}
      <Box borderStyle="round" borderColor={slotColor} flexDirection="row" paddingX={1}>
        <Box flexDirection="column" flexGrow={1}>
          <Text>
            <Text color="cyan" bold>
              NOW {seg?.label}
            </Text>{' '}
            <Text bold>{seg?.title ?? '-'}</Text>
          </Text>
          {seg?.sku && (
            <Text>
              SKU <Text bold>{seg.sku}</Text>
              {seg.location ? (
                <>
                  {'  '}bin <Text bold>{seg.location}</Text>
                </>
              ) : null}
              {seg.quantity && seg.quantity > 1 ? `  ${seg.quantity} units planned` : ''}
            </Text>
          )}
          {seg?.prices &&
            Object.entries(seg.prices).map(([c, p]) => (
              <Text key={c}>
                {CHANNEL_NAME[c as Channel].padEnd(8)}{' '}
                {p.format === 'auction'
                  ? `auction from ${formatCents(p.priceCents)}${p.timerS ? `, ${p.timerS}s timer` : ''}${p.suddenDeath ? ', sudden death' : ''}`
                  : `${p.format === 'flash-sale' ? 'flash sale' : 'buy it now'} ${formatCents(p.priceCents)}`}
              </Text>
            ))}
          {(seg?.talkingPoints ?? (seg?.detail ? [seg.detail] : [])).slice(0, 4).map((t, i) => (
            <Text
              // biome-ignore lint/suspicious/noArrayIndexKey: talking points may repeat; their order is their identity
              key={i}
              dimColor
            >
              • {t}
            </Text>
          ))}
          <Text>
            <Text color={slotColor}>{'█'.repeat(filled)}</Text>
            <Text dimColor>{'░'.repeat(barWidth - filled)}</Text>{' '}
            <Text color={slotColor} bold>
              {clock.slotLeftS >= 0 ? `${formatClock(clock.slotLeftS)} left` : `${formatClock(-clock.slotLeftS)} over`}
            </Text>
            {state.timer.running ? '' : <Text color="yellow"> (paused)</Text>}
          </Text>
        </Box>
        {stock !== undefined && (
          <Box flexDirection="column" alignItems="center" marginLeft={2}>
            <BigNumber value={stock} {...(stockColor ? { color: stockColor } : {})} />
            <Text color={stockColor} bold inverse={stock <= 1}>
              {' '}
              {call}{' '}
            </Text>
          </Box>
        )}
      </Box>
      <Box>
        <Box flexDirection="column" width="50%">
          <Text bold underline>
            Next
          </Text>
          {upcoming.length === 0 && <Text dimColor>end of the rundown</Text>}
          {upcoming.map((s) => (
            <Text key={s.index} wrap="truncate-end">
              {s.label.padEnd(5)} {s.title}
              {s.sku ? <Text dimColor> ({state.stock[s.sku] ?? '?'} left)</Text> : null}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width="50%">
          <Text bold underline>
            Latest sales
          </Text>
          {sales.length === 0 && <Text dimColor>none yet</Text>}
          {sales.map((s) => (
            <Text key={s.saleId} color={s.oversell ? 'red' : undefined} wrap="truncate-end">
              {s.at.slice(11, 19)} {CHANNEL_NAME[s.channel].padEnd(7)} {formatCents(s.priceCents).padStart(8)} {s.sku}{' '}
              {s.buyer ?? '(buyer?)'}
              {s.oversell ? ' OVERSELL' : ''}
            </Text>
          ))}
        </Box>
      </Box>
      <Box marginTop={1}>
        <Box flexDirection="column" width="50%">
          {plan.show.channels.map((c) => {
            const t = state.byChannel[c];
            const h = snapshot.channelHealth[c];
            return (
              <Box key={c} flexDirection="column" paddingRight={1}>
                <Text wrap="truncate-end">
                  <Text bold>{CHANNEL_NAME[c].padEnd(8)}</Text> {String(t.orders).padStart(3)} orders{' '}
                  {formatCents(t.grossCents).padStart(10)}
                  {t.oversold > 0 ? <Text color="red"> {t.oversold} oversold</Text> : null}
                  {h ? (
                    <Text
                      color={
                        h.state === 'ok'
                          ? 'green'
                          : h.state === 'off'
                            ? undefined
                            : h.state === 'slow'
                              ? 'yellow'
                              : 'red'
                      }
                    >
                      {' '}
                      sync {h.state}
                      {h.state === 'ok' ? ` (${h.ordersSeen})` : ''}
                    </Text>
                  ) : (
                    <Text dimColor> sync off</Text>
                  )}
                </Text>
                {h && h.state !== 'ok' && h.lastError ? (
                  <Text color="red" wrap="truncate-end">
                    {' '}
                    {h.lastError}
                  </Text>
                ) : null}
              </Box>
            );
          })}
        </Box>
        <Box flexDirection="column" width="50%">
          {destinations === null || destinations.length === 0 ? (
            <Text dimColor>stream: relay off</Text>
          ) : (
            [
              ...(feed ? [feedLine(feed, nowMs)] : []),
              ...(feed?.warnings ?? []).map((w): PanelLine => ({ text: `${w.message}: ${w.fix}`, color: 'yellow' })),
              ...destinations.map((d) => destinationLine(d, feed, nowMs)),
              ...(uplink?.advice ? [{ text: uplink.advice, color: 'red' as const }] : []),
            ].map((l) => (
              <Text key={l.text.slice(0, 14)} {...(l.color ? { color: l.color } : {})} dimColor={l.dim ?? false}>
                {l.text}
              </Text>
            ))
          )}
        </Box>
      </Box>
      <Box marginTop={1}>
        {confirmingEnd ? (
          <Text color="yellow" bold>
            End the show? y to end, any other key to keep going
          </Text>
        ) : amendText !== null ? (
          <Text>
            Buyer and price for the last sale: <Text bold>{amendText}</Text>
            <Text dimColor>▌ (Enter to save, Esc to cancel)</Text>
          </Text>
        ) : (
          <Text dimColor>
            {message ? <Text color="yellow">{message} </Text> : null}
            {KEYS}
          </Text>
        )}
      </Box>
    </Box>
  );
}
