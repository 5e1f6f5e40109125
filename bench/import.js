// npm run bench:import: 100,000-row CSV into a fresh store; rows/s, peak RSS, and the ratio of
// import time to csv-parse alone on the same file. Runs on the built dist/.
import { createReadStream, mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { openStore } from '../dist/adapters/store/database.js';
import { importInventory } from '../dist/services/inventory-import.js';

const sizes = (process.argv[2] ?? '20000,100000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'lotcast-bench-import-'));

function makeCsv(rows) {
  const file = join(dir, `inventory-${rows}.csv`);
  const fd = openSync(file, 'w');
  writeSync(fd, 'SKU,Title,Description,Qty,Price,Cost,Condition,Category,Sub Category,Brand,Size,Tags,Weight,Location,Image URL 1\n');
  const cats = ['Clothing', 'Shoes', 'Trading Cards', 'Home', 'Toys', 'Jewelry'];
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `SKU-${i},"Vintage item ${i}, nice","Desc ${i} with ""quotes""",${1 + (i % 5)},$${(5 + (i % 300)).toFixed(2)},${(i % 40) + 0.5},Good,${cats[i % cats.length]},Sub ${i % 17},Brand ${i % 97},M,"vintage, lot${i % 13}",${(i % 30) + 1} oz,B${i % 50},https://images.example-thrift.com/${i}.jpg\n`;
    if (buf.length > 1 << 20) { writeSync(fd, buf); buf = ''; }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return file;
}

async function parseOnly(file) {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for await (const _ of createReadStream(file).pipe(parse({ delimiter: ',', bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }))) n++;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, n };
}

let peak = 0;
let peakHeap = 0;
const sampler = setInterval(() => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed); }, 20);

console.log(`node ${process.version}; rows, import s, rows/s, csv-parse alone s, ratio, peak RSS during import`);
for (const rows of sizes) {
  const file = makeCsv(rows);
  const parsed = await parseOnly(file);
  globalThis.gc?.();
  peak = process.memoryUsage().rss;
  peakHeap = 0;
  const store = openStore(join(dir, `bench-${rows}.db`));
  const t0 = process.hrtime.bigint();
  const s = await importInventory(store, { file, now: new Date().toISOString() });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  store.close();
  if (s.created !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(s)}`);
  console.log(
    `${rows.toLocaleString('en-US').padStart(8)} rows  import ${(ms / 1000).toFixed(2)} s  ${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s  ` +
      `csv-parse alone ${(parsed.ms / 1000).toFixed(2)} s  ratio ${(ms / parsed.ms).toFixed(2)}  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB  peak JS heap used ${(peakHeap / 2 ** 20).toFixed(0)} MB`,
  );
}
clearInterval(sampler);
rmSync(dir, { recursive: true, force: true });
