// OBS Browser Source overlays: /overlay/lot, /ticker, /giveaway, /next, /goal and /all.
// Query: fields=title,prices,stock,call,timer,label  theme=dark|light|bold  scale=1.2
// position=top-left|top-right|bottom-left|bottom-right|top|bottom|center  layout=portrait|landscape
// buyers=short|hidden  accent=%23ffcc00  css=0 (leave out the seller's custom.css)
import { CHANNEL, clock, connectFeed, el, slotLeft } from './feed.js';

const params = new URLSearchParams(location.search);
const page = location.pathname.split('/').pop() || 'all';
const shown = page === 'all' ? ['lot', 'next', 'goal', 'ticker', 'giveaway'] : [page];
const fields = new Set((params.get('fields') || 'label,title,prices,stock,call,timer').split(','));
const buyers = params.get('buyers') || 'full';
const root = document.documentElement;
root.dataset.theme = params.get('theme') || 'dark';
root.dataset.page = page;
const wide = () => (params.get('layout') || (innerWidth >= innerHeight ? 'landscape' : 'portrait')) === 'landscape';
root.dataset.layout = wide() ? 'landscape' : 'portrait';
const scale = Number(params.get('scale'));
if (scale > 0 && scale < 10) root.style.setProperty('--scale', String(scale));
const accent = params.get('accent');
if (accent && /^#?[0-9a-f]{3,8}$/i.test(accent))
  root.style.setProperty('--accent', accent.startsWith('#') ? accent : `#${accent}`);
const position = params.get('position');
if (position && /^[a-z-]+$/.test(position) && page !== 'all') root.dataset.position = position;
if (params.get('css') === '0') document.getElementById('custom-css').remove();

const $ = (sel) => document.querySelector(sel);
const stage = $('#stage');
let state = null;
let receivedAt = 0;
let linkDownSince = 0;

function handle(name) {
  if (!name || buyers === 'hidden') return '';
  if (buyers === 'short') return `${name.startsWith('@') ? '@' : ''}${name.replace(/^@/, '').slice(0, 2)}…`;
  return name;
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function renderLot(s) {
  const box = $('#lot');
  const cur = s.current;
  const sellable = cur && (cur.kind === 'lot' || cur.kind === 'flash-sale') && cur.sku;
  box.hidden = !sellable;
  if (!sellable) return;
  setText(box.querySelector('.label'), fields.has('label') ? cur.label : '');
  setText(box.querySelector('.kind'), cur.kind === 'flash-sale' ? 'FLASH SALE' : '');
  setText(box.querySelector('.title'), fields.has('title') ? cur.title : '');
  const prices = box.querySelector('.prices');
  prices.hidden = !fields.has('prices');
  const lines = Object.entries(cur.prices).map(([c, p]) => `${CHANNEL[c] ?? c}|${p.text}`);
  if (prices.dataset.key !== lines.join('/')) {
    prices.dataset.key = lines.join('/');
    prices.replaceChildren(
      ...lines.map((l) => {
        const [c, text] = l.split('|');
        const li = el('li', `price ${c.toLowerCase()}`);
        li.append(el('b', '', c), el('span', '', text));
        return li;
      }),
    );
  }
  const stock = box.querySelector('.stock');
  stock.hidden = !fields.has('stock');
  setText(stock, cur.soldOut ? '' : `${cur.stock}`);
  const call = box.querySelector('.call');
  call.hidden = !fields.has('call');
  setText(call, cur.soldOut ? 'SOLD OUT' : cur.call.replace(/^\d+ left$/, 'left'));
  box.classList.toggle('scarce', cur.stock !== null && cur.stock > 0 && cur.stock <= 3);
  box.classList.toggle('flash', cur.kind === 'flash-sale');
  const stamp = box.querySelector('.stamp');
  if (stamp.hidden === cur.soldOut) stamp.hidden = !cur.soldOut;
  box.classList.toggle('sold', cur.soldOut);
  box.querySelector('.timer').hidden = !fields.has('timer');
  tick();
}

function tick() {
  if (!state?.current) return;
  const box = $('#lot');
  const t = state.current.timer;
  const left = slotLeft(state, receivedAt);
  setText(box.querySelector('.timer .left'), `${t.running ? '' : 'paused '}${clock(left)}`);
  const fraction = t.durationS > 0 ? Math.max(0, Math.min(1, left / t.durationS)) : 0;
  box.querySelector('.timer .meter i').style.transform = `scaleX(${fraction.toFixed(3)})`;
  box.classList.toggle('paused', !t.running);
  box.classList.toggle('ending', t.running && left <= 10);
}

function renderNext(s) {
  const box = $('#next');
  const items = s.next.filter((n) => n.kind === 'lot' || n.kind === 'flash-sale').slice(0, wide() ? 3 : 2);
  box.hidden = items.length === 0;
  const key = items.map((n) => `${n.label}${n.title}`).join('|');
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.querySelector('.items').replaceChildren(...items.map((n) => el('li', '', n.title)));
}

function renderGoal(s) {
  const box = $('#goal');
  box.hidden = !s.goal;
  if (!s.goal) return;
  setText(box.querySelector('.gross'), s.totals.gross.replace(/\.00$/, ''));
  setText(box.querySelector('.target'), s.goal.target.replace(/\.00$/, ''));
  box.querySelector('.meter i').style.transform = `scaleX(${s.goal.fraction.toFixed(3)})`;
}

function renderTicker(s) {
  const box = $('#ticker');
  const list = box.querySelector('.items');
  const sales = s.sales.slice(0, 3);
  box.hidden = sales.length === 0;
  const keep = new Set(sales.map((x) => x.saleId));
  for (const li of [...list.children]) if (!keep.has(li.dataset.id)) li.remove();
  const have = new Set([...list.children].map((li) => li.dataset.id));
  for (const sale of [...sales].reverse()) {
    if (have.has(sale.saleId)) continue;
    const li = el('li', `sale ${sale.channel}`);
    li.dataset.id = sale.saleId;
    const who = handle(sale.buyer);
    li.append(el('b', 'amount', `SOLD ${sale.price}`), el('span', 'where', CHANNEL[sale.channel] ?? sale.channel));
    if (who) li.append(el('span', 'buyer', who));
    list.prepend(li);
  }
}

function renderGiveaway(s) {
  const box = $('#giveaway');
  const g = s.giveaway;
  const recentWin = g.last && Date.parse(s.at) - Date.parse(g.last.at) < 90_000;
  box.hidden = !g.active && !recentWin;
  if (box.hidden) return;
  setText(box.querySelector('.title'), g.active ? (g.title ?? '') : '');
  const who = recentWin ? handle(g.last.winner) : '';
  setText(box.querySelector('.winner'), recentWin ? `Winner${who ? `: ${who}` : '!'}` : 'Comment to enter');
  box.classList.toggle('won', Boolean(recentWin));
}

const renderers = {
  lot: renderLot,
  next: renderNext,
  goal: renderGoal,
  ticker: renderTicker,
  giveaway: renderGiveaway,
};

function render() {
  // Nothing broken before the show, after it, or while lotcast is away: an empty, transparent page.
  const live = state && state.show.status === 'live';
  stage.hidden = !live;
  if (!live) return;
  for (const name of shown) renderers[name]?.(state);
  document.body.dataset.eventId = String(state.eventId);
}

connectFeed({
  onState(s, at) {
    state = s;
    receivedAt = at;
    render();
  },
  onLink(up) {
    if (up) {
      linkDownSince = 0;
      return;
    }
    // A quick restart does not blink; a longer outage clears the overlay.
    if (!linkDownSince) linkDownSince = performance.now();
    setTimeout(() => {
      if (linkDownSince && performance.now() - linkDownSince >= 2900) {
        state = null;
        render();
      }
    }, 3000);
  },
});
for (const name of shown) document.getElementById(name).classList.add('on');
setInterval(() => state && !stage.hidden && tick(), 250);
