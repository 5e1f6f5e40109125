/**
 * Versioned schema. A migration, once released, is never edited: add a new one.
 * Version ranges per area keep parallel work from colliding:
 *   1-99 foundation/inventory, 100-199 shows/run-of-show, 200-299 live journal,
 *   300-399 channels/listing, 400-499 reports, 500-599 relay/recordings.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'inventory, shows, journal, channel listings',
    sql: `
      CREATE TABLE items (
        id            INTEGER PRIMARY KEY,
        sku           TEXT NOT NULL UNIQUE,
        title         TEXT NOT NULL,
        description   TEXT NOT NULL DEFAULT '',
        quantity      INTEGER NOT NULL CHECK (quantity >= 0),
        price_cents   INTEGER,
        cost_cents    INTEGER,
        condition     TEXT NOT NULL DEFAULT '',
        category      TEXT NOT NULL DEFAULT '',
        sub_category  TEXT NOT NULL DEFAULT '',
        brand         TEXT NOT NULL DEFAULT '',
        size          TEXT NOT NULL DEFAULT '',
        tags          TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
        weight_oz     REAL,                         -- ounces; shipping buckets are in oz/lb
        images        TEXT NOT NULL DEFAULT '[]',   -- JSON array of URLs or local paths
        location      TEXT NOT NULL DEFAULT '',     -- shelf / bin
        notes         TEXT NOT NULL DEFAULT '',
        extra         TEXT NOT NULL DEFAULT '{}',   -- JSON: columns we do not map, kept verbatim
        listing_type  TEXT NOT NULL DEFAULT '',     -- Whatnot Type when imported (Auction, Buy it Now, Giveaway)
        shipping_profile TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX items_category ON items(category);

      -- Per-channel remote ids and what was last sent (so a re-run skips or updates).
      CREATE TABLE channel_listings (
        sku            TEXT NOT NULL REFERENCES items(sku) ON UPDATE CASCADE,
        channel        TEXT NOT NULL,             -- 'whatnot' | 'tiktok'
        remote_id      TEXT,                      -- product id
        remote_sku_id  TEXT,                      -- TikTok sku id / Whatnot variant id
        remote_extra   TEXT NOT NULL DEFAULT '{}',
        content_hash   TEXT,                      -- hash of the payload last sent
        status         TEXT NOT NULL DEFAULT 'listed', -- 'listed' | 'failed' | 'delisted'
        last_error     TEXT,
        listed_at      TEXT,
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (sku, channel)
      );

      CREATE TABLE shows (
        id          TEXT PRIMARY KEY,             -- short id, e.g. 'sun-7k2q'
        name        TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'planned', -- planned | live | ended | closed
        start_at    TEXT,                         -- ISO time planned
        duration_s  INTEGER NOT NULL,
        channels    TEXT NOT NULL DEFAULT '[]',   -- JSON array
        plan        TEXT NOT NULL,                -- JSON PlanDocument (see src/core/show-types.ts)
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        closed_at   TEXT
      );

      -- The live show's durable journal: append-only; live state = reduce(events).
      CREATE TABLE show_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        show_id     TEXT NOT NULL REFERENCES shows(id),
        at          TEXT NOT NULL,                -- ISO time with ms
        type        TEXT NOT NULL,
        payload     TEXT NOT NULL DEFAULT '{}',   -- JSON
        source      TEXT NOT NULL DEFAULT 'dashboard', -- dashboard | cli | channel:whatnot | channel:tiktok | demo
        dedupe_key  TEXT,                         -- channel order line id; a pulled order enters once
        UNIQUE (show_id, dedupe_key)
      );
      CREATE INDEX show_events_show ON show_events(show_id, id);
    `,
  },
  {
    version: 400,
    name: 'closed-show summaries for insights',
    sql: `
      -- What a closed show sold after undo, amendments and cancellations (JSON ShowSummary,
      -- src/core/insights/facts.ts), so insights reads one row per show instead of replaying
      -- its journal. last_event_id tells a stale row (the journal grew) from a current one.
      CREATE TABLE show_summaries (
        show_id       TEXT PRIMARY KEY REFERENCES shows(id),
        version       INTEGER NOT NULL,
        last_event_id INTEGER NOT NULL,
        summary       TEXT NOT NULL,
        computed_at   TEXT NOT NULL
      );
    `,
  },
];
