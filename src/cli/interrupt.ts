/**
 * How a long command hears "stop": the first Ctrl-C asks it to finish cleanly (SIGTERM too
 * where asked: the long-running relay and demo); a second Ctrl-C quits at once, as Ctrl-C
 * does. One shape for import, list, relay and demo.
 */
export interface StopRequest {
  /** Aborted on the first Ctrl-C or SIGTERM (or when the deadline passes). */
  readonly signal: AbortSignal;
  /** Resolves when `signal` aborts. */
  readonly requested: Promise<void>;
  /** Stops listening; always call it, a stray listener would swallow a later Ctrl-C. */
  dispose(): void;
}

export function stopOnInterrupt(opts: { sigterm?: boolean; afterMs?: number; onFirst?: () => void } = {}): StopRequest {
  const controller = new AbortController();
  let resolveRequested = () => {};
  const requested = new Promise<void>((resolve) => {
    resolveRequested = resolve;
  });
  let timer: NodeJS.Timeout | null = null;
  const dispose = () => {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const stop = () => {
    if (controller.signal.aborted) return;
    controller.abort();
    resolveRequested();
  };
  // Listening stops at the first signal, so the next Ctrl-C gets Node's default (quit now).
  // That also drops the copy of the signal that conf's exit hook (when-exit) re-raises.
  function onSignal(): void {
    dispose();
    opts.onFirst?.();
    stop();
  }
  process.on('SIGINT', onSignal);
  if (opts.sigterm) process.on('SIGTERM', onSignal);
  if (opts.afterMs !== undefined) timer = setTimeout(stop, opts.afterMs);
  return { signal: controller.signal, requested, dispose };
}
