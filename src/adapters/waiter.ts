/**
 * One loop waiting for whichever event comes next (data, end, an error, a reply): the event
 * handlers record what happened and call wake(); the loop checks its state and, when there is
 * nothing to do, awaits wait().
 */
export function createWaiter(): { wait(): Promise<void>; wake(): void } {
  let pending: (() => void) | undefined;
  return {
    wait: () => new Promise<void>((resolve) => (pending = resolve)),
    wake: () => {
      const p = pending;
      pending = undefined;
      p?.();
    },
  };
}
