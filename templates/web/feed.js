// The live show's state for a page: GET-free, one EventSource to /api/events that reopens by
// itself (OBS keeps a browser source open for hours, across lotcast restarts).

/**
 * @param {{ token?: string, onState: (state: object, receivedAt: number) => void, onLink: (up: boolean) => void }} opts
 */
export function connectFeed(opts) {
  let source = null;
  let retryMs = 500;
  let timer = 0;
  const open = () => {
    const query = opts.token ? `?token=${encodeURIComponent(opts.token)}` : '';
    source = new EventSource(`/api/events${query}`);
    source.addEventListener('state', (e) => {
      retryMs = 500;
      opts.onLink(true);
      opts.onState(JSON.parse(e.data), performance.now());
    });
    source.onerror = () => {
      // Reopen ourselves: the browser gives up for good after some failures (a 401, a restart).
      source.close();
      opts.onLink(false);
      clearTimeout(timer);
      timer = setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 4000);
    };
  };
  open();
}

/** Seconds left on the slot timer now, counted from when the state arrived (no clock skew). */
export function slotLeft(state, receivedAt) {
  const t = state?.current?.timer;
  if (!t) return 0;
  return t.remainingS - (t.running ? (performance.now() - receivedAt) / 1000 : 0);
}

export function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const CHANNEL = { whatnot: 'Whatnot', tiktok: 'TikTok' };

/** A small element with text (never HTML: buyer handles and titles come from outside). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
