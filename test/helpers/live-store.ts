import { join } from 'node:path';
import { openStore, type Store } from '../../src/adapters/store/database.js';
import { ItemRepo } from '../../src/adapters/store/item-repo.js';
import { ShowRepo } from '../../src/adapters/store/show-repo.js';
import { makeItem } from '../../src/core/inventory/item.js';
import { LiveShow } from '../../src/services/live-show.js';
import { tempDir } from './cli.js';
import { testPlan } from './plans.js';

/**
 * A store file in a fresh temp folder holding items A (1 unit), B (3), C (1) and GIFT and
 * testPlan(id), started and on L01 (item A), in this process. `cleanup` closes and removes it.
 */
export function liveTestShow(id: string): {
  store: Store;
  show: LiveShow;
  dir: string;
  dbFile: string;
  cleanup: () => void;
} {
  const tmp = tempDir('lotcast-live-');
  const dbFile = join(tmp.dir, 'lotcast.db');
  const store = openStore(dbFile);
  new ItemRepo(store).put([
    makeItem({ sku: 'A', title: 'Item A', quantity: 1, priceCents: 2000 }),
    makeItem({ sku: 'B', title: 'Item B', quantity: 3, priceCents: 2000 }),
    makeItem({ sku: 'C', title: 'Item C', quantity: 1, priceCents: 2000 }),
    makeItem({ sku: 'GIFT', title: 'Gift', quantity: 5 }),
  ]);
  new ShowRepo(store).insert(testPlan(id), new Date().toISOString());
  const show = LiveShow.open(store, id);
  show.start();
  show.next(); // L01, item A
  const cleanup = () => {
    store.close();
    tmp.cleanup();
  };
  return { store, show, dir: tmp.dir, dbFile, cleanup };
}
