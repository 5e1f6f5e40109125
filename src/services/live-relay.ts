import type { RelayHandle } from '../core/relay-types.js';
import type { LiveShow } from './live-show.js';

/**
 * Keeps the relay's destinations in step with the show's journal: the host's 1-9 keys record
 * `destination.toggled` events (durable, survive a restart), and this applies them.
 */
export function bridgeShowToRelay(show: LiveShow, relay: RelayHandle): () => void {
  const applied = new Map<string, boolean>();
  const apply = () => {
    for (const [name, enabled] of Object.entries(show.current.destinations)) {
      if (applied.get(name) === enabled) continue;
      applied.set(name, enabled);
      try {
        relay.setEnabled(name, enabled);
      } catch {
        // A destination removed from config since the show started: nothing to switch.
      }
    }
  };
  apply();
  return show.subscribe(apply);
}
