import { uplinkVerdict, type UplinkVerdict } from '../core/relay/uplink.js';
import type { Destination } from './relay-destination.js';

/**
 * Judges the uplink once a second from what each live destination has acknowledged. A verdict
 * changes only when it holds for a few seconds, so one slow second does not flash a warning.
 */
export class UplinkWatch {
  current: UplinkVerdict | null = null;
  private shown: boolean | null = null;
  private streak = 0;

  /** Returns the verdict to announce when what the seller should know changed, else null. */
  tick(feedKbps: number | null, destinations: Destination[]): UplinkVerdict | null {
    const live = destinations.filter((d) => d.state === 'live' && d.source === 'feed');
    const v = feedKbps
      ? uplinkVerdict({
          feedKbps,
          destinations: live
            .map((d) => d.status())
            .map((st) => ({ name: st.name, deliveredKbps: st.deliveredKbps, behind: st.degraded })),
        })
      : null;
    this.current = v;
    const fits = v?.fits ?? true;
    if (fits === (this.shown ?? true)) {
      this.streak = 0;
      return null;
    }
    // Three seconds to warn, five to say it is fine again.
    if (++this.streak < (fits ? 5 : 3)) return null;
    this.streak = 0;
    this.shown = fits;
    return v ?? { fits: true, capacityKbps: 0, needKbps: 0, suggestKbps: null, advice: null };
  }

  /** The verdict as shown (a warning stays until it has cleared for a few seconds). */
  get visible(): UplinkVerdict | null {
    return this.shown === false ? this.current : null;
  }
}
