import { isPort, PORT_RANGE } from '../core/port.js';
import { SECRET_FIELDS } from '../adapters/config-store.js';

/** One list says what is secret: the store's (it also feeds the redactor). */
const isSecretField = (key: string) => (SECRET_FIELDS as readonly string[]).includes(key.replace(/^secrets\./, ''));

/** Every key `lotcast config` knows: its type, whether it is secret, and how a value is checked. */
export type Kind = 'string' | 'number' | 'boolean';

export interface KeySpec {
  key: string;
  kind: Kind;
  secret: boolean;
  help: string;
  /** A key family such as channels.tiktok.categoryMap.<category>. */
  family?: boolean;
  validate?: (v: string | number | boolean) => string | null;
}

const url = (v: string | number | boolean) =>
  /^https?:\/\/[^\s]+$/.test(String(v)) ? null : 'give a URL starting with http:// or https://';

export const CONFIG_KEYS: KeySpec[] = [
  {
    key: 'ingest.host',
    kind: 'string',
    secret: false,
    help: 'address the local ingest listens on (127.0.0.1 unless you stream from another machine)',
  },
  {
    key: 'ingest.port',
    kind: 'number',
    secret: false,
    help: 'ingest port (OBS pushes here)',
    validate: (v) => (isPort(Number(v)) ? null : `give a port ${PORT_RANGE}`),
  },
  {
    key: 'ingest.app',
    kind: 'string',
    secret: false,
    help: 'ingest application name (rtmp://host:port/<app>)',
    validate: (v) => (/^[A-Za-z0-9_-]+$/.test(String(v)) ? null : 'letters, digits, - and _ only'),
  },
  {
    key: 'live.orderPollSeconds',
    kind: 'number',
    secret: false,
    help: 'seconds between order pulls during a show',
    validate: (v) => (Number(v) >= 1 && Number(v) <= 600 ? null : 'give 1 to 600 seconds'),
  },
  {
    key: 'overlay.port',
    kind: 'number',
    secret: false,
    help: 'port of the overlays and producer page (127.0.0.1; default 4477)',
    validate: (v) => (isPort(Number(v)) ? null : `give a port ${PORT_RANGE}`),
  },
  {
    key: 'overlay.buyers',
    kind: 'string',
    secret: false,
    help: 'buyer handles on overlays: full, short or hidden',
    validate: (v) => (['full', 'short', 'hidden'].includes(String(v)) ? null : 'give full, short or hidden'),
  },
  {
    key: 'overlay.goal',
    kind: 'number',
    secret: false,
    help: 'show goal in dollars for /overlay/goal (0: none)',
    validate: (v) => (Number(v) >= 0 && Number(v) <= 10_000_000 ? null : 'give dollars from 0'),
  },
  { key: 'overlay.css', kind: 'string', secret: false, help: 'a CSS file layered over every overlay' },
  {
    key: 'relay.slate.enabled',
    kind: 'boolean',
    secret: false,
    help: 'keep the platforms live with a "be right back" slate while OBS is gone (needs ffmpeg)',
  },
  {
    key: 'relay.slate.image',
    kind: 'string',
    secret: false,
    help: 'your own slate picture (PNG/JPEG); default: a card saying "Be right back" and the show name',
  },
  {
    key: 'relay.slate.maxMinutes',
    kind: 'number',
    secret: false,
    help: 'minutes the slate may run before the stream ends on the platforms',
    validate: (v) => (Number(v) >= 1 && Number(v) <= 240 ? null : 'give 1 to 240 minutes'),
  },
  {
    key: 'channels.tiktok.apiBase',
    kind: 'string',
    secret: false,
    help: 'TikTok Shop API base URL (sandbox)',
    validate: url,
  },
  { key: 'channels.tiktok.authBase', kind: 'string', secret: false, help: 'TikTok Shop auth base URL', validate: url },
  {
    key: 'channels.tiktok.warehouseId',
    kind: 'string',
    secret: false,
    help: 'TikTok warehouse for listings (default: the shop default)',
  },
  {
    key: 'channels.tiktok.categoryMap',
    kind: 'string',
    secret: false,
    family: true,
    help: 'your category -> TikTok category id',
  },
  {
    key: 'channels.whatnot.apiBase',
    kind: 'string',
    secret: false,
    help: 'Whatnot Seller API base URL (staging)',
    validate: url,
  },
  {
    key: 'channels.whatnot.categoryMap',
    kind: 'string',
    secret: false,
    family: true,
    help: 'your category -> Whatnot category',
  },
  {
    key: 'secrets.ingestKey',
    kind: 'string',
    secret: isSecretField('secrets.ingestKey'),
    help: 'the local ingest key OBS uses',
  },
  {
    key: 'secrets.whatnot.token',
    kind: 'string',
    secret: isSecretField('secrets.whatnot.token'),
    help: 'Whatnot API token',
  },
  {
    key: 'secrets.tiktok.appKey',
    kind: 'string',
    secret: isSecretField('secrets.tiktok.appKey'),
    help: 'TikTok app key',
  },
  {
    key: 'secrets.tiktok.appSecret',
    kind: 'string',
    secret: isSecretField('secrets.tiktok.appSecret'),
    help: 'TikTok app secret',
  },
  {
    key: 'secrets.tiktok.accessToken',
    kind: 'string',
    secret: isSecretField('secrets.tiktok.accessToken'),
    help: 'TikTok access token',
  },
  {
    key: 'secrets.tiktok.refreshToken',
    kind: 'string',
    secret: isSecretField('secrets.tiktok.refreshToken'),
    help: 'TikTok refresh token',
  },
  {
    key: 'secrets.tiktok.shopCipher',
    kind: 'string',
    secret: isSecretField('secrets.tiktok.shopCipher'),
    help: 'TikTok shop cipher',
  },
  {
    key: 'secrets.destinationKeys',
    kind: 'string',
    secret: isSecretField('secrets.destinationKeys'),
    family: true,
    help: 'stream key per destination',
  },
];
