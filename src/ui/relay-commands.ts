import type { RelayHandle } from '../core/relay-types.js';

/**
 * Retry a destination now (skipping its backoff): `N` or a name for one; nothing for every
 * destination that is reconnecting or stalled. Returns what happened, for the host.
 */
export function retryDestinations(relay: RelayHandle, which = ''): string {
  const target = which.trim();
  try {
    if (target) return relay.retry(/^\d+$/.test(target) ? Number(target) : target);
  } catch (err) {
    return (err as Error).message;
  }
  const down = relay.snapshot().destinations.filter((d) => d.state === 'reconnecting' || d.state === 'stalled');
  if (down.length === 0) return 'every destination is live or off: nothing to retry';
  return down.map((d) => relay.retry(d.index)).join(' ');
}

/** `lotcast relay`'s typed commands: `retry [N|name]`, `on N`, `off N`. */
export function relayCommand(relay: RelayHandle, line: string): string | null {
  const [cmd = '', ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  const which = /^\d+$/.test(arg) ? Number(arg) : arg;
  try {
    switch (cmd.toLowerCase()) {
      case '':
        return null;
      case 'r':
      case 'retry':
        return retryDestinations(relay, arg);
      case 'on':
      case 'off':
        if (!arg) return `${cmd} which destination? (${cmd} 1, or its name)`;
        relay.setEnabled(which, cmd.toLowerCase() === 'on');
        return `${arg} switched ${cmd.toLowerCase()}`;
      default:
        return 'commands: retry [N|name] (reconnect now), on N, off N';
    }
  } catch (err) {
    return (err as Error).message;
  }
}
