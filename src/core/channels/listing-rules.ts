import type { Channel } from '../channel-types.js';
import type { Item } from '../inventory/item.js';
import { whatnotDimensionProfile } from './whatnot-values.js';

/**
 * What each platform needs before an item can be listed, checked before anything is sent so a
 * batch never half-fails on something lotcast could have said up front. Limits marked
 * UNCONFIRMED in the platform notes live here, as one constant each.
 */
export const LISTING_LIMITS = {
  tiktok: { titleMax: 255, imagesMax: 9 },
  // Whatnot's 80-character title cap is UNCONFIRMED.
  whatnot: { titleMax: 80, imagesMax: 8 },
} as const;

export interface ListingProblem {
  sku: string;
  field: string;
  message: string;
  /** What the seller adds or changes so the item can be listed. */
  fix: string;
}

export interface ListingContext {
  /** Platform category for the item (config map or a recommendation), when known. */
  categoryId?: string | undefined;
  /** True when the category will be asked of the platform at send time. */
  categoryByRecommendation?: boolean;
}

export function isLocalImage(src: string): boolean {
  return !/^https?:\/\//i.test(src);
}

export function checkListing(item: Item, channel: Channel, ctx: ListingContext = {}): ListingProblem[] {
  const problems: ListingProblem[] = [];
  const add = (field: string, message: string, fix: string) => problems.push({ sku: item.sku, field, message, fix });
  const limits = LISTING_LIMITS[channel];
  const title = item.title.trim();
  if (!title) add('title', 'has no title', 'add a Title');
  else if (title.length > limits.titleMax)
    add(
      'title',
      `title is ${title.length} characters; ${channelName(channel)} allows ${limits.titleMax}`,
      `shorten the Title to ${limits.titleMax} characters`,
    );
  if (item.priceCents === null || item.priceCents <= 0) add('price', 'has no price', 'add a Price above 0');
  if (item.quantity < 1)
    add('quantity', 'is out of stock (quantity 0)', 'restock it (Quantity 1 or more) or leave it out');
  if (item.images.length === 0) add('images', 'has no photo', 'add an Image URL 1 (a public link or a file path)');
  if (item.images.length > limits.imagesMax)
    add(
      'images',
      `has ${item.images.length} photos; ${channelName(channel)} takes ${limits.imagesMax}`,
      `keep the best ${limits.imagesMax}`,
    );
  if (channel === 'tiktok') {
    if (item.weightOz === null || item.weightOz <= 0)
      add('weight', 'has no weight (TikTok needs the package weight)', 'add a Weight (e.g. 12 oz)');
    if (!ctx.categoryId && !ctx.categoryByRecommendation)
      add(
        'category',
        `category "${item.category || '(none)'}" is not mapped to a TikTok category`,
        `map it: lotcast config set channels.tiktok.categoryMap.${configKey(item.category)} <TikTok category id>`,
      );
  } else {
    const local = item.images.filter(isLocalImage);
    if (local.length)
      add(
        'images',
        `photo ${local[0]} is a file on this computer; Whatnot takes public image links`,
        'upload the photo and put its public link in the Image URL column',
      );
    if (!item.category.trim()) add('category', 'has no category', 'add a Category (Whatnot sorts listings by it)');
    if (!whatnotDimensionProfile(item)) {
      add(
        'weight',
        item.weightOz
          ? `${item.weightOz} oz is over Whatnot's largest shipping profile`
          : 'has no weight or shipping profile (Whatnot needs one to ship it)',
        'add a Weight (e.g. 6 oz) or a Shipping Profile (e.g. 1-2 lbs)',
      );
    }
  }
  return problems;
}

export function channelName(channel: Channel): string {
  return channel === 'tiktok' ? 'TikTok Shop' : 'Whatnot';
}

/** A category name as it is written in a dotted config key. */
export function configKey(category: string): string {
  return category.trim() === '' ? '<category>' : /^[\w-]+$/.test(category) ? category : JSON.stringify(category);
}

export function isPreOwned(condition: string): boolean {
  return !/^\s*(brand\s*)?new(\s+with\s+tags|\s+in\s+box|\s+sealed)?\s*$|^\s*nwt\s*$|^\s*sealed\s*$/i.test(condition);
}

/** Plain text to the simple HTML TikTok wants for descriptions. */
export function descriptionHtml(item: Item): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const facts = [
    item.brand && `Brand: ${item.brand}`,
    item.size && `Size: ${item.size}`,
    item.condition && `Condition: ${item.condition}`,
  ].filter(Boolean) as string[];
  const paras = (item.description.trim() || item.title.trim())
    .split(/\n\s*\n/)
    .map((p) => `<p>${esc(p.trim()).replace(/\n/g, '<br>')}</p>`);
  if (facts.length) paras.push(`<ul>${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`);
  return paras.join('');
}
