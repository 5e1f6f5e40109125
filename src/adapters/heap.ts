import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** V8's own default for --semi-space-growth-factor. */
const DEFAULT_GROWTH = 2;

/**
 * While a long batch job allocates fast, V8 keeps doubling the young generation (up to 128 MB
 * on a machine with plenty of memory) although almost nothing survives: peak memory then grows
 * with the length of an import. This stops that growth once the young generation reaches `mb`,
 * until release(). The flag is read each time V8 would grow, so setting it at run time works.
 */
export function capYoungGeneration(mb: number): { check(): void; release(): void } {
  const limit = mb * 1024 * 1024;
  let capped = false;
  return {
    check() {
      if (capped) return;
      const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      if (young && young.space_size >= limit) {
        setFlagsFromString('--semi-space-growth-factor=1');
        capped = true;
      }
    },
    release() {
      if (capped) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
      capped = false;
    },
  };
}
