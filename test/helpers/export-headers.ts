import { WHATNOT_HEADER } from '../../src/core/inventory/columns.js';

// Headers as each tool writes them (reference/exports.md; Shopify's and eBay's from their help pages).
export const HEADERS = {
  shopify:
    'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status',
  // Shopify's export since 2024: the same products under new column names.
  'shopify-2024':
    'Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description',
  ebay: 'Item number,Title,Variation details,Custom label (SKU),Available quantity,Format,Currency,Start price,Auction Buy It Now price,Reserve price,Current price,Sold quantity,Watchers,Bids,Start date,End date,eBay category 1 name,eBay category 1 number,eBay category 2 name,eBay category 2 number,Condition,CD:Brand,P:UPC',
  'ebay-file-exchange':
    '*Action(SiteID=US|Country=US|Currency=USD|Version=1193),CustomLabel,*Category,*Title,*Description,*ConditionID,PicURL,*Quantity,*Format,*StartPrice,*Duration',
  etsy: 'TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,IMAGE2,IMAGE3,IMAGE4,IMAGE5,IMAGE6,IMAGE7,IMAGE8,IMAGE9,IMAGE10,VARIATION 1 TYPE,VARIATION 1 NAME,VARIATION 1 VALUES,VARIATION 2 TYPE,VARIATION 2 NAME,VARIATION 2 VALUES,SKU',
  tiktok:
    'Category,Brand,Product Name,Product Description,Main Product Image,Product Image 2,Product Image 3,Variation 1,Variant Image,Variation 2,Package Weight(lb),Package Length(inch),Package Width(inch),Package Height(inch),Delivery options,Retail Price (Local Currency),Quantity,Seller SKU',
  vendoo:
    'Title,Description,Brand,Condition,Primary Color,Tags,SKU,Price,Cost of Goods,Weight (lb),Weight (oz),Labels,Internal Notes,Status,Sold Platform,Sold Date,Sold Price,Images',
  'list-perfectly': 'Title,Description,Brand,Size,Condition,Price,COGS,Quantity,SKU,Status,Sold Price,Sold Date,Photos',
  crosslist: 'Id,Title,Description,Price,Quantity,Sku,Brand,Condition,Category id,Size id,Images',
  whatnot: WHATNOT_HEADER.join(','),
  generic: 'SKU,Title,Qty,Price,Cost,Status',
} as const;
