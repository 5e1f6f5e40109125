import { formatClock } from '../plan/duration.js';
import type { PlanDocument } from '../show/plan-types.js';
import { timerElapsedMs, type LiveState } from './state.js';

/** "only 2 left", "LAST ONE", "SOLD OUT" for the units on hand (the dashboard and the overlays say the same). */
export function scarcityCall(stock: number | undefined): string {
  if (stock === undefined) return '';
  if (stock <= 0) return 'SOLD OUT';
  if (stock === 1) return 'LAST ONE';
  if (stock <= 3) return `only ${stock} left`;
  return `${stock} left`;
}

export interface ClockView {
  elapsedS: number;
  remainingS: number;
  /** Positive: behind plan (running late). */
  driftS: number;
  slotLeftS: number;
  slotFraction: number;
}

export function clockView(plan: PlanDocument, s: LiveState, nowMs: number): ClockView {
  const seg = plan.segments[s.cursor];
  const elapsedS = s.startedAt ? ((s.endedAt ? Date.parse(s.endedAt) : nowMs) - Date.parse(s.startedAt)) / 1000 : 0;
  const slotS = timerElapsedMs(s, nowMs) / 1000;
  const plannedNow = (seg?.offsetS ?? 0) + Math.min(slotS, seg?.durationS ?? 0);
  return {
    elapsedS,
    remainingS: plan.show.durationS - elapsedS,
    driftS: elapsedS - plannedNow,
    slotLeftS: (seg?.durationS ?? 0) - slotS,
    slotFraction: seg && seg.durationS > 0 ? slotS / seg.durationS : 0,
  };
}

export function driftLabel(driftS: number): string {
  if (Math.abs(driftS) < 30) return 'on plan';
  return driftS > 0 ? `${formatClock(driftS)} behind` : `${formatClock(-driftS)} ahead`;
}
