import { describe, expect, it } from 'vitest';
import { findHeaderRow, RowAssembler, type MappedRow } from '../../../src/core/inventory/assemble.js';
import { htmlToText } from '../../../src/core/inventory/html-text.js';
import { mapColumns, type FormatChoice } from '../../../src/core/inventory/mapping.js';
import { mapRow, rowContext, type ItemDraft } from '../../../src/core/inventory/row.js';
import { parseSheetMoney } from '../../../src/core/inventory/sheet-money.js';
import { HEADERS } from '../../helpers/export-headers.js';

const split = (line: string) => line.split(',');

describe('export recognised by its header', () => {
  it.each(Object.entries(HEADERS))('%s', (id, header) => {
    const { mapping, problems } = mapColumns(split(header));
    expect(problems).toEqual([]);
    expect(mapping.format).toBe(id.replace(/-2024$/, ''));
  });

  it('--format NAME insists on the source, saying which columns are missing', () => {
    const { mapping, problems } = mapColumns(split(HEADERS.generic), { format: 'shopify' as FormatChoice });
    expect(mapping.format).toBe('shopify');
    expect(problems[0]?.message).toMatch(/--format shopify, but the header lacks handle/);
    expect(mapColumns(split(HEADERS.vendoo), { format: 'generic' }).mapping.format).toBe('generic');
  });
});

/** Maps one data row under a header, the way the importer does. */
function one(header: string, row: string[], opts: Partial<Parameters<typeof rowContext>[0]> = {}) {
  const { mapping } = mapColumns(split(header));
  return mapRow(row, mapping, 2, rowContext(opts));
}

function fill(header: string, cells: Record<string, string>): string[] {
  return split(header).map((h) => cells[h] ?? '');
}

describe('row mapping per source', () => {
  const cases: Array<[string, string, Record<string, string>, Partial<ItemDraft>]> = [
    [
      'eBay: Custom label is the SKU, FIXED_PRICE is buy it now, category 1 name',
      HEADERS.ebay,
      {
        'Item number': '256789012345',
        Title: 'Levi 501 Jeans',
        'Custom label (SKU)': 'JEAN-01',
        'Available quantity': '2',
        Format: 'FIXED_PRICE',
        Currency: 'USD',
        'Start price': '34.99',
        'eBay category 1 name': 'Jeans',
        Condition: 'Pre-owned',
      },
      {
        sku: 'JEAN-01',
        quantity: 2,
        listingType: 'Buy it Now',
        priceCents: 3499,
        category: 'Jeans',
        condition: 'Pre-owned',
      },
    ],
    [
      'eBay: the item number only when Custom label is blank; AUCTION',
      HEADERS.ebay,
      {
        'Item number': '256789012346',
        Title: 'Pyrex Bowl',
        'Available quantity': '1',
        Format: 'AUCTION',
        'Start price': '9.99',
      },
      { sku: '256789012346', listingType: 'Auction', skuGenerated: false },
    ],
    [
      'eBay: StoresFixedPrice',
      HEADERS.ebay,
      { 'Item number': '1', Title: 'Mug', Format: 'StoresFixedPrice', 'Start price': '5' },
      { listingType: 'Buy it Now' },
    ],
    [
      'eBay File Exchange: ConditionID as words, pipe-separated PicURL, HTML description',
      HEADERS['ebay-file-exchange'],
      {
        '*Action(SiteID=US|Country=US|Currency=USD|Version=1193)': 'Add',
        CustomLabel: 'FX-1',
        '*Title': 'Vintage Lamp',
        '*Description': '<p>Brass &amp; glass</p><ul><li>works</li></ul>',
        '*ConditionID': '3000',
        PicURL: 'https://i.example/1.jpg|https://i.example/2.jpg',
        '*Quantity': '1',
        '*Format': 'FixedPrice',
        '*StartPrice': '45.00',
      },
      {
        sku: 'FX-1',
        condition: 'Used',
        images: ['https://i.example/1.jpg', 'https://i.example/2.jpg'],
        description: 'Brass & glass\n\n• works',
        listingType: 'Buy it Now',
        priceCents: 4500,
      },
    ],
    [
      'Etsy: IMAGE1..N, CURRENCY_CODE USD',
      HEADERS.etsy,
      {
        TITLE: 'Beaded Necklace',
        PRICE: '25.00',
        CURRENCY_CODE: 'USD',
        QUANTITY: '3',
        IMAGE1: 'https://e/1.jpg',
        IMAGE2: 'https://e/2.jpg',
        SKU: 'NK-1',
        TAGS: 'boho,beads',
      },
      {
        sku: 'NK-1',
        priceCents: 2500,
        quantity: 3,
        images: ['https://e/1.jpg', 'https://e/2.jpg'],
        tags: ['boho', 'beads'],
      },
    ],
    [
      'TikTok: Seller SKU, Retail Price (Local Currency), Package Weight(lb), variation in the title',
      HEADERS.tiktok,
      {
        'Product Name': 'Y2K Baby Tee',
        'Seller SKU': 'TEE-9',
        'Retail Price (Local Currency)': '28',
        Quantity: '4',
        'Package Weight(lb)': '0.5',
        'Main Product Image': 'https://t/1.jpg',
        'Variation 1': 'Pink',
      },
      {
        sku: 'TEE-9',
        title: 'Y2K Baby Tee - Pink',
        priceCents: 2800,
        quantity: 4,
        weightOz: 8,
        images: ['https://t/1.jpg'],
      },
    ],
    [
      'Vendoo: Cost of Goods, Weight (lb) + Weight (oz), Labels, Internal Notes',
      HEADERS.vendoo,
      {
        Title: 'Coach Bag',
        SKU: 'V-1',
        Price: '80',
        'Cost of Goods': '12.50',
        'Weight (lb)': '1',
        'Weight (oz)': '4',
        Labels: 'bags',
        'Internal Notes': 'shelf 3',
        Status: 'Listed',
        Images: 'https://v/1.jpg https://v/2.jpg',
      },
      {
        costCents: 1250,
        weightOz: 20,
        tags: ['bags'],
        notes: 'shelf 3',
        images: ['https://v/1.jpg', 'https://v/2.jpg'],
      },
    ],
    [
      'List Perfectly: COGS',
      HEADERS['list-perfectly'],
      { Title: 'Nike Hoodie', SKU: 'LP-1', Price: '30', COGS: '4', Status: 'Active', Photos: 'https://l/1.jpg' },
      { costCents: 400, images: ['https://l/1.jpg'] },
    ],
    [
      'Crosslist: | between images, Category id and Size id are not the category or size',
      HEADERS.crosslist,
      { Title: 'Boots', Sku: 'CL-1', Price: '60', 'Category id': '123', 'Size id': '9', Images: 'a.jpg|b.jpg' },
      { sku: 'CL-1', category: '', size: '', images: ['a.jpg', 'b.jpg'] },
    ],
  ];
  it.each(cases)('%s', (_name, header, cells, expected) => {
    const r = one(header, fill(header, cells));
    expect(r.problems).toEqual([]);
    expect(r.draft).toMatchObject(expected);
  });

  it.each([
    [HEADERS.vendoo, 'Status', 'Sold', /status "Sold": sold, not stock/],
    [HEADERS['list-perfectly'], 'Status', 'sold', /sold/],
    [HEADERS.generic, 'Status', 'Archived', /archived/],
    [HEADERS.generic, 'Status', 'Deleted', /deleted/],
    [HEADERS.ebay, 'Title', 'x', undefined],
  ])('a row whose status says so is skipped with the reason (%#)', (header, col, value, reason) => {
    const cells: Record<string, string> = { Title: 'Thing', [col]: value };
    const r = one(header, fill(header, cells));
    if (reason) {
      expect(r.draft).toBeUndefined();
      expect(r.skipped).toMatch(reason);
      const sold = one(header, fill(header, cells), { includeSold: true });
      expect(sold.draft?.quantity).toBe(0);
    } else expect(r.skipped).toBeUndefined();
  });

  it("a currency other than the store's is a problem, in a column or in the cell", () => {
    const etsy = one(HEADERS.etsy, fill(HEADERS.etsy, { TITLE: 'x', PRICE: '25', CURRENCY_CODE: 'EUR' }));
    expect(etsy.problems[0]?.message).toMatch(/prices in EUR, but lotcast keeps prices in USD/);
    const cell = one(HEADERS.generic, fill(HEADERS.generic, { Title: 'x', Price: '€12,50' }));
    expect(cell.problems).toEqual([expect.objectContaining({ field: 'Price', message: expect.stringMatching(/EUR/) })]);
    const fx = mapColumns(split(HEADERS['ebay-file-exchange'].replace('Currency=USD', 'Currency=GBP')));
    expect(fx.mapping.headerCurrency).toBe('GBP');
    expect(fx.problems).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/the file's prices are in GBP, but lotcast keeps prices in USD/),
      }),
    ]);
    expect(mapColumns(split(HEADERS['ebay-file-exchange'])).problems).toEqual([]);
  });

  it('rows wider or narrower than the header are problems, never silently cut', () => {
    const wide = one('SKU,Title,Price', ['A', 'Tee', '5', 'lost', '']);
    expect(wide.problems[0]?.message).toMatch(/5 values but the header has 3 columns: "lost" would be lost/);
    expect(one('SKU,Title,Price', ['A', 'Tee', '5', '', '']).problems).toEqual([]);
    const short = one('SKU,Title,Price,Qty', ['A', 'Tee']);
    expect(short.problems[0]?.message).toMatch(/only 2 of the header's 4 columns: no value for Price, Qty/);
    expect(one('SKU,Title,Price,Qty', ['A', 'Tee'], { strictWidth: false }).problems).toEqual([]);
    expect(one('SKU,Title,Price,,', ['A', 'Tee', '5']).problems).toEqual([]);
  });

  it('quantities and money beyond the bounds are errors, not floats', () => {
    const r = one('Title,Qty,Price', ['Tee', '99999999999999999999', '99999999999999999999']);
    expect(r.problems.map((p) => p.field)).toEqual(['Qty', 'Price']);
    expect(r.problems[0]?.message).toMatch(/too many units/);
    expect(r.problems[1]?.message).toMatch(/too large/);
  });

  it('a replacement character (text already damaged) is reported', () => {
    expect(one('Title', ['Caf\uFFFD']).problems[0]?.message).toMatch(/U\+FFFD|\uFFFD/);
  });
});

describe('Shopify products: one item per variant', () => {
  const h = HEADERS.shopify;
  const rows = [
    fill(h, {
      Handle: 'levis-501',
      Title: "Levi's 501",
      'Body (HTML)': '<p>Classic <b>straight</b> fit</p>',
      Vendor: "Levi's",
      'Product Category': 'Apparel & Accessories > Clothing > Pants',
      Type: 'Jeans',
      Tags: 'denim, vintage',
      'Option1 Name': 'Size',
      'Option1 Value': '32',
      'Option2 Name': 'Color',
      'Option2 Value': 'Blue',
      'Variant SKU': 'L501-32',
      'Variant Grams': '680.4',
      'Variant Inventory Qty': '2',
      'Variant Price': '45.00',
      'Image Src': 'https://cdn.shopify.com/a.jpg',
      'Image Position': '1',
      'Cost per item': '8.00',
      Status: 'active',
    }),
    fill(h, {
      Handle: 'levis-501',
      'Option1 Value': '34',
      'Option2 Value': 'Black',
      'Variant SKU': 'L501-34',
      'Variant Grams': '700',
      'Variant Inventory Qty': '1',
      'Variant Price': '48.00',
      'Variant Image': 'https://cdn.shopify.com/black.jpg',
    }),
    fill(h, { Handle: 'levis-501', 'Image Src': 'https://cdn.shopify.com/b.jpg', 'Image Position': '2' }),
    // Shopify lets stock go negative when it oversells.
    fill(h, {
      Handle: 'levis-501',
      'Option1 Value': '36',
      'Option2 Value': 'Blue',
      'Variant SKU': 'L501-36',
      'Variant Inventory Qty': '-1',
      'Variant Price': '45',
    }),
    fill(h, {
      Handle: 'mug',
      Title: 'Fire King Mug',
      Type: 'Kitchen',
      'Option1 Name': 'Title',
      'Option1 Value': 'Default Title',
      'Variant Price': '12',
      Status: 'draft',
    }),
  ];
  function run(opts: Partial<Parameters<typeof rowContext>[0]> = {}): MappedRow[] {
    const { mapping } = mapColumns(split(h));
    const a = new RowAssembler(mapping, rowContext(opts));
    const out: MappedRow[] = [];
    rows.forEach((r, i) => {
      a.push(r, i + 2, out);
    });
    a.flush(out);
    return out;
  }

  it('variants carry the product fields, options become size or title, image rows add images', () => {
    const out = run();
    expect(out.map((o) => o.line)).toEqual([2, 3, 5, 6]);
    expect(out[2]?.result.draft).toMatchObject({ sku: 'L501-36', quantity: 0 });
    const [a, b] = out.map((o) => o.result.draft);
    expect(a).toMatchObject({
      sku: 'L501-32',
      title: "Levi's 501 - Blue",
      size: '32',
      description: 'Classic straight fit',
      brand: "Levi's",
      category: 'Jeans',
      tags: ['denim', 'vintage'],
      quantity: 2,
      priceCents: 4500,
      costCents: 800,
      weightOz: 24,
      images: ['https://cdn.shopify.com/a.jpg', 'https://cdn.shopify.com/b.jpg'],
      listingType: '',
    });
    expect(b).toMatchObject({
      sku: 'L501-34',
      title: "Levi's 501 - Black",
      size: '34',
      brand: "Levi's",
      quantity: 1,
      images: ['https://cdn.shopify.com/black.jpg', 'https://cdn.shopify.com/a.jpg', 'https://cdn.shopify.com/b.jpg'],
    });
    expect(out[3]?.result.skipped).toMatch(/status "draft": draft, not stock/);
  });

  it("reads the 2024 export's column names the same way", () => {
    const h24 = HEADERS['shopify-2024'];
    const { mapping } = mapColumns(split(h24));
    const a = new RowAssembler(mapping, rowContext());
    const out: MappedRow[] = [];
    a.push(
      fill(h24, {
        Title: 'Wool Coat',
        'URL handle': 'wool-coat',
        Description: '<p>Warm</p>',
        Vendor: 'Pendleton',
        Type: 'Coats',
        Status: 'Active',
        SKU: 'WC-M',
        'Option1 name': 'Size',
        'Option1 value': 'M',
        Price: '95.00',
        'Cost per item': '20',
        'Inventory quantity': '1',
        'Weight value (grams)': '1360.78',
        'Product image URL': 'https://cdn.shopify.com/coat.jpg',
      }),
      2,
      out,
    );
    a.push(
      fill(h24, {
        'URL handle': 'wool-coat',
        'Option1 value': 'L',
        SKU: 'WC-L',
        Price: '95.00',
        'Inventory quantity': '2',
      }),
      3,
      out,
    );
    a.flush(out);
    expect(out.map((o) => o.result.draft)).toMatchObject([
      {
        sku: 'WC-M',
        size: 'M',
        description: 'Warm',
        brand: 'Pendleton',
        category: 'Coats',
        priceCents: 9500,
        costCents: 2000,
        weightOz: 48,
        images: ['https://cdn.shopify.com/coat.jpg'],
      },
      { sku: 'WC-L', size: 'L', title: 'Wool Coat', quantity: 2, images: ['https://cdn.shopify.com/coat.jpg'] },
    ]);
  });

  it('--include-sold brings the draft in at quantity 0, titled without "Default Title"', () => {
    const mug = run({ includeSold: true })[3]?.result.draft;
    expect(mug).toMatchObject({ title: 'Fire King Mug', quantity: 0, category: 'Kitchen' });
  });
});

describe('instruction rows', () => {
  it('a first data row of long text is an item, not instructions', () => {
    const { mapping } = mapColumns(['SKU', 'Title', 'Description', 'Notes', 'Price']);
    const long = 'Vintage 1970s Pyrex Butterprint Cinderella Mixing Bowl Set of 4, Turquoise on White';
    const a = new RowAssembler(mapping, rowContext());
    const out: MappedRow[] = [];
    a.push(['P-1', long, long, long, '45'], 2, out);
    a.push(['', long, long, long, ''], 3, out);
    expect(out.map((o) => o.result.skipped)).toEqual([undefined, undefined]);
  });

  it("finds the header under a template's notes and #INFO lines", () => {
    expect(
      findHeaderRow([
        ['#INFO', 'Version=1'],
        ['#INFO Action and Category ID are required'],
        split(HEADERS['ebay-file-exchange']),
      ]),
    ).toBe(2);
    expect(findHeaderRow([['TikTok Shop bulk upload'], [''], split(HEADERS.tiktok)])).toBe(2);
    expect(findHeaderRow([split('SKU,Title,Price')])).toBe(0);
    expect(findHeaderRow([['nothing', 'here']])).toBe(0);
    // A header whose title column only --map names is still the header, not a data row below it.
    const mapped = [
      ['Listing Name', 'Cost'],
      ['Title', 'Price'],
    ];
    expect(findHeaderRow(mapped)).toBe(1);
    expect(findHeaderRow(mapped, { overrides: { 'Listing Name': 'title' } })).toBe(0);
  });

  it('skips "Mandatory/Optional" rows, a second header and instruction text under the header', () => {
    const { mapping } = mapColumns(split(HEADERS.tiktok));
    const a = new RowAssembler(mapping, rowContext({ strictWidth: false }));
    const out: MappedRow[] = [];
    a.push(['Mandatory', 'Optional', 'Mandatory', 'Mandatory', 'Mandatory'], 2, out);
    a.push(['category', 'brand', 'product_name', 'product_description', 'main_image'], 3, out);
    a.push(
      [
        'Select the category that matches the product from the drop-down list.',
        'Select the brand that matches the product from the drop-down list.',
        '• Product name must be less than 255 characters.',
      ],
      4,
      out,
    );
    a.push(
      fill(HEADERS.tiktok, {
        'Product Name': 'Tee',
        'Seller SKU': 'T1',
        Quantity: '1',
        'Retail Price (Local Currency)': '9',
      }),
      5,
      out,
    );
    expect(out.map((o) => [o.line, o.result.skipped ?? o.result.draft?.sku])).toEqual([
      [2, "the template's instructions, not an item"],
      [3, "the template's instructions, not an item"],
      [4, "the template's instructions, not an item"],
      [5, 'T1'],
    ]);
  });
});

describe('prices as sheets write them', () => {
  it.each([
    ['12', undefined, 1200, undefined],
    ['$12.50', undefined, 1250, 'point'],
    ['49,90', undefined, 4990, 'comma'],
    ['1.234,50', undefined, 123450, 'comma'],
    ['1,234.50', undefined, 123450, 'point'],
    ['1 234,50 €', undefined, 123450, 'comma'],
    ['1.234', 'comma', 123400, 'comma'],
    ['1,234', 'point', 123400, 'point'],
    ['USD 4', undefined, 400, undefined],
  ] as const)('%s (%s)', (raw, decimal, cents, mark) => {
    const r = parseSheetMoney(raw, decimal);
    expect(r).toMatchObject({ ok: true, cents });
    if (r.ok) expect(r.mark).toBe(mark);
  });

  it('refuses what it cannot know, naming --decimal', () => {
    const r = parseSheetMoney('1,5');
    expect(r).toMatchObject({ ok: true, cents: 150 });
    expect(parseSheetMoney('12.50', 'comma')).toMatchObject({ ok: false });
    expect(parseSheetMoney('1,23', 'point')).toMatchObject({ ok: false });
  });

  it('a file that proves a decimal comma reads the rest that way; a later point is a problem', () => {
    const { mapping } = mapColumns(['Title', 'Price']);
    const ctx = rowContext();
    expect(mapRow(['A', '49,90'], mapping, 2, ctx).draft?.priceCents).toBe(4990);
    expect(mapRow(['B', '1.234'], mapping, 3, ctx).draft?.priceCents).toBe(123400);
    expect(mapRow(['C', '12.50'], mapping, 4, ctx).problems[0]?.message).toMatch(/line 2 wrote a decimal comma/);
  });
});

describe('htmlToText', () => {
  it.each([
    ['plain', 'plain'],
    ['<p>a</p><p>b</p>', 'a\nb'],
    ['a<br>b &amp; c &#8217; &frac12;', 'a\nb & c ’ ½'],
    ['<script>alert(1)</script>ok &#27;', 'ok'],
  ])('%j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
