/**
 * A show profile: how long things take and how lots are priced. Plain data, validated strictly
 * (see profile-validate.ts); defaults in templates/profiles/.
 */
export interface ShowProfile {
  name: string;
  opening: { seconds: number; title: string };
  closing: { seconds: number; title: string };
  auction: { introS: number; timerS: number; counterBidS: number; suddenDeath: boolean };
  buyNow: { introS: number; perExtraUnitS: number };
  pricing: {
    /** dollar-start: every auction opens at $1; percent: a share of the item's price, whole dollars. */
    auctionStart: { rule: 'dollar-start' | 'percent'; percent: number };
    whatnot: { format: 'auction' | 'buy-now' | 'auto'; binPercent: number };
    tiktok: { format: 'auction' | 'buy-now' | 'auto'; binPercent: number };
    /** With format auto: items at or above this price are auctioned, cheaper ones are buy-now. */
    auctionFromCents: number;
  };
  giveaways: {
    everyMinutes: number;
    everyLots: number;
    seconds: number;
    type: 'standard' | 'follower-only';
    /** A buyer-appreciation giveaway this many minutes before the end (0: none). */
    buyerAppreciationMinutesBeforeEnd: number;
  };
  flashSales: { count: number; seconds: number; countdownS: number; discountPercent: number };
  breaks: { everyMinutes: number; seconds: number };
}

export const DEFAULT_PROFILE: ShowProfile = {
  name: 'standard',
  opening: { seconds: 180, title: 'Opening hook: welcome, rules, tease the big item, first giveaway' },
  closing: { seconds: 180, title: 'Closing: thank buyers, shipping times, next show date' },
  auction: { introS: 20, timerS: 30, counterBidS: 10, suddenDeath: false },
  buyNow: { introS: 40, perExtraUnitS: 15 },
  pricing: {
    auctionStart: { rule: 'dollar-start', percent: 30 },
    whatnot: { format: 'auto', binPercent: 100 },
    tiktok: { format: 'buy-now', binPercent: 100 },
    auctionFromCents: 2000,
  },
  giveaways: { everyMinutes: 15, everyLots: 0, seconds: 60, type: 'standard', buyerAppreciationMinutesBeforeEnd: 10 },
  flashSales: { count: 2, seconds: 120, countdownS: 30, discountPercent: 20 },
  breaks: { everyMinutes: 0, seconds: 300 },
};
