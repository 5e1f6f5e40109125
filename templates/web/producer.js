// The producer page: a helper's phone (390x844) or a laptop, or an OBS Custom Browser Dock.
// Every button is one POST /api/actions with the show's token; the page only shows what the
// server's state says, so two helpers always see the same ledger.
import { CHANNEL, clock, connectFeed, el, slotLeft } from './feed.js';

const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);
let state = null;
let receivedAt = 0;
/** Per button: a second tap on the same button within 600 ms is the same press. */
const busyUntil = new Map();

function requestId() {
  // crypto.randomUUID needs a secure context; a LAN http page is not one.
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function say(text, bad = false) {
  const m = $('message');
  m.textContent = text;
  m.className = bad ? 'bad' : 'good';
}

async function send(action, label) {
  // A tap, not a double tap (the server also dedupes a retried request, and moves only from
  // the segment the page showed).
  const now = performance.now();
  if (now < (busyUntil.get(label) ?? 0)) return;
  busyUntil.set(label, now + 600);
  document.body.classList.add('busy');
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const res = await fetch('/api/actions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(action),
        });
        const body = await res.json().catch(() => ({}));
        if (res.ok) return say(`${label}: ${body.done ?? 'done'}`);
        if (res.status === 401)
          return say('Refused: this link has no valid show token. Open the producer URL lotcast printed.', true);
        return say(`${label}: ${body.error ?? `error ${res.status}`}`, true);
      } catch {
        // Network blip: the same requestId is sent again, so a sale is never doubled.
        if (attempt === 1) say(`${label}: lotcast did not answer; check the connection`, true);
      }
    }
  } finally {
    setTimeout(() => document.body.classList.remove('busy'), 600);
  }
}

function sale(channel) {
  const cur = state?.current;
  const buyer = $('buyer').value.trim();
  const price = $('price').value.trim();
  send(
    {
      type: 'sale',
      channel,
      sku: cur?.sku ?? null,
      buyer: buyer || null,
      price: price || null,
      requestId: requestId(),
    },
    `${CHANNEL[channel]} sale`,
  ).then(() => {
    $('buyer').value = '';
    $('price').value = '';
  });
}

$('sale-whatnot').onclick = () => sale('whatnot');
$('sale-tiktok').onclick = () => sale('tiktok');
for (const type of ['next', 'prev', 'skip'])
  $(type).onclick = () => state && send({ type, from: state.current?.index ?? 0 }, type);
$('timer').onclick = () => send({ type: 'timer' }, 'timer');
$('undo').onclick = () => state?.undoTarget != null && send({ type: 'undo', target: state.undoTarget }, 'undo');
$('giveaway').onclick = () =>
  send({ type: 'giveaway', winner: $('buyer').value.trim() || null, requestId: requestId() }, 'giveaway');
$('sale-form').onsubmit = (e) => e.preventDefault();

function render() {
  const s = state;
  if (!s) return;
  $('show-name').textContent = s.show.name;
  const cur = s.current;
  $('now-label').textContent = cur ? `${cur.label}${cur.kind === 'flash-sale' ? ' FLASH' : ''}` : '';
  $('now-sku').textContent = cur?.sku ? `${cur.sku}${cur.location ? ` · bin ${cur.location}` : ''}` : '';
  $('now-title').textContent =
    s.show.status === 'live'
      ? (cur?.title ?? '')
      : s.show.status === 'ended'
        ? 'The show has ended'
        : 'The show has not started';
  $('now-prices').textContent = cur
    ? Object.entries(cur.prices)
        .map(([c, p]) => `${CHANNEL[c]} ${p.text}`)
        .join(' · ')
    : '';
  $('now-stock').textContent = cur?.stock ?? '';
  $('now-call').textContent = (cur?.call ?? '').replace(/^\d+ left$/, 'left');
  $('now').classList.toggle('sold', Boolean(cur?.soldOut));
  $('now').classList.toggle('scarce', cur?.stock > 0 && cur?.stock <= 3);
  $('timer').textContent = cur?.timer.running ? 'Pause timer' : 'Resume timer';
  const firstPrice = cur && Object.values(cur.prices)[0];
  $('price').placeholder = firstPrice ? (firstPrice.priceCents / 100).toFixed(2) : 'price';
  const sellable = s.show.status === 'live' && Boolean(cur?.sku) && cur.kind !== 'giveaway';
  for (const id of ['sale-whatnot', 'sale-tiktok']) $(id).disabled = !sellable;
  $('undo').disabled = s.undoTarget == null;
  const over = s.oversells;
  $('oversell').hidden = over.length === 0;
  $('oversell').textContent = over.length
    ? `OVERSOLD ${over.length}: cancel ${over.map((o) => `${o.sku} on ${CHANNEL[o.channel]}${o.buyer ? ` (${o.buyer})` : ''}`).join(', ')}`
    : '';
  $('totals').replaceChildren(
    ...s.show.channels.map((c) =>
      el('div', `total ${c}`, `${CHANNEL[c]}: ${s.channels[c].orders} orders · ${s.channels[c].gross}`),
    ),
    el('div', 'total all', `All: ${s.totals.orders} orders · ${s.totals.gross}`),
  );
  $('next-list').replaceChildren(
    ...s.next.map((n) => el('li', '', `${n.label} ${n.title}${n.stock != null ? ` (${n.stock} left)` : ''}`)),
  );
  $('sales').replaceChildren(
    ...s.sales.map((x) => {
      const li = el('li', `sale ${x.channel}${x.oversell ? ' oversell' : ''}`);
      li.append(
        el('b', '', x.price),
        ` ${CHANNEL[x.channel]} ${x.sku} ${x.buyer ?? ''}${x.oversell ? ' OVERSELL' : ''}`,
      );
      return li;
    }),
  );
  tick();
}

function tick() {
  if (!state) return;
  const el2 = state.show.clock;
  $('clock').textContent =
    state.show.status === 'live'
      ? `${clock(el2.elapsedS + (performance.now() - receivedAt) / 1000)} · ${el2.drift}`
      : '';
  const t = state.current?.timer;
  $('now-timer').textContent = t ? `${t.running ? '' : 'paused '}${clock(slotLeft(state, receivedAt))} left` : '';
}

connectFeed({
  token,
  onState(s, at) {
    state = s;
    receivedAt = at;
    render();
  },
  onLink(up) {
    $('link').textContent = up ? 'live' : 'reconnecting…';
    $('link').className = `link ${up ? 'up' : 'down'}`;
  },
});
setInterval(tick, 500);
