// npm run bench:import: a 100,000-row CSV into a fresh store; rows/s, peak RSS, and the ratio of
// import time to csv-parse alone parsing the same file; then a 10,000-row Excel workbook (.xlsx,
// written by exceljs as Excel would) into a fresh store. Runs on the built dist/.
// Each measurement runs in a fresh process, as `lotcast inventory import` does: csv-parse alone in
// one, the import in another (its peak RSS is that process's, untouched by the CSV generator or
// the parse-alone pass). Each size runs RUNS times and the median ratio is reported: on a shared
// 2-core machine single runs vary by 10-20%.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [mode, file, dbFile] = process.argv.slice(2);

if (mode === '--parse') {
  const { parse } = await import('csv-parse');
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let n = 0;
  for await (const _ of createReadStream(file).pipe(
    parse({
      delimiter: ',',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }),
  ))
    n++;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, n }),
  );
} else if (mode === '--import') {
  const { openStore } = await import('../dist/adapters/store/database.js');
  const { importInventory } = await import('../dist/services/inventory-import.js');
  const store = openStore(dbFile);
  const before = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const s = await importInventory(store, { file, now: new Date().toISOString() });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // CPU time of every thread of the process: steadier than wall time on a busy machine.
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  store.close();
  console.log(
    JSON.stringify({ ms, cpuMs, created: s.created, startRss: before, peakRss: process.resourceUsage().maxRSS * 1024 }),
  );
} else {
  const sizes = (process.argv[2] ?? '20000,100000,500000').split(',').filter(Boolean).map(Number);
  const RUNS = Number(process.argv[3] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'lotcast-bench-import-'));
  const self = fileURLToPath(import.meta.url);
  const child = (...args) =>
    JSON.parse(execFileSync(process.execPath, ['--no-warnings', self, ...args], { encoding: 'utf8' }));
  const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
  console.log(`node ${process.version}; each figure the median of ${RUNS} runs, each run a fresh process`);
  for (const rows of sizes) {
    const csv = makeCsv(dir, rows);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const parsed = child('--parse', csv);
      const imported = child('--import', csv, join(dir, `bench-${rows}-${r}.db`));
      if (imported.created !== rows || parsed.n !== rows + 1)
        throw new Error(`expected ${rows} rows, got ${JSON.stringify({ parsed, imported })}`);
      runs.push({ ...imported, parseMs: parsed.ms, parseCpuMs: parsed.cpuMs, ratio: imported.ms / parsed.ms });
    }
    runs.sort((a, b) => a.ratio - b.ratio);
    const m = runs[Math.floor(runs.length / 2)];
    console.log(
      `${rows.toLocaleString('en-US').padStart(8)} rows  import ${(m.ms / 1000).toFixed(2)} s  ${Math.round(rows / (m.ms / 1000)).toLocaleString('en-US')} rows/s  ` +
        `csv-parse alone ${(m.parseMs / 1000).toFixed(2)} s  ratio ${m.ratio.toFixed(2)} (runs: ${runs.map((x) => x.ratio.toFixed(2)).join(', ')})  ` +
        `cpu: import ${(m.cpuMs / 1000).toFixed(2)} s (two threads), csv-parse ${(m.parseCpuMs / 1000).toFixed(2)} s  ` +
        `peak RSS ${mb(Math.max(...runs.map((x) => x.peakRss)))} (process at start of import ${mb(m.startRss)})`,
    );
  }
  const xlsxRows = Number(process.argv[4] ?? 10000);
  if (xlsxRows > 0) {
    const book = await makeXlsx(dir, xlsxRows);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const imported = child('--import', book, join(dir, `bench-xlsx-${r}.db`));
      if (imported.created !== xlsxRows) throw new Error(`expected ${xlsxRows} rows, got ${JSON.stringify(imported)}`);
      runs.push(imported);
    }
    runs.sort((a, b) => a.ms - b.ms);
    const m = runs[Math.floor(runs.length / 2)];
    console.log(
      `${xlsxRows.toLocaleString('en-US').padStart(8)} rows .xlsx  import ${(m.ms / 1000).toFixed(2)} s  ${Math.round(xlsxRows / (m.ms / 1000)).toLocaleString('en-US')} rows/s  ` +
        `(runs: ${runs.map((x) => (x.ms / 1000).toFixed(2)).join(', ')} s)  cpu ${(m.cpuMs / 1000).toFixed(2)} s  peak RSS ${mb(Math.max(...runs.map((x) => x.peakRss)))}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

/** The same items as makeCsv, as a workbook: text, numbers and a formula cell, like a real sheet. */
async function makeXlsx(dir, rows) {
  const { default: ExcelJS } = await import('exceljs');
  const file = join(dir, `inventory-${rows}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Inventory');
  ws.addRow([
    'SKU',
    'Title',
    'Description',
    'Qty',
    'Price',
    'Cost',
    'Condition',
    'Category',
    'Brand',
    'Size',
    'Tags',
    'Weight',
    'Location',
    'Image URL 1',
  ]).commit();
  const cats = ['Clothing', 'Shoes', 'Trading Cards', 'Home', 'Toys', 'Jewelry'];
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      `SKU-${i}`,
      `Vintage item ${i}, nice`,
      `Desc ${i} with "quotes"`,
      1 + (i % 5),
      5 + (i % 300),
      { formula: `${i % 40}+0.5`, result: (i % 40) + 0.5 },
      'Good',
      cats[i % cats.length],
      `Brand ${i % 97}`,
      'M',
      `vintage, lot${i % 13}`,
      `${(i % 30) + 1} oz`,
      `B${i % 50}`,
      `https://images.example-thrift.com/${i}.jpg`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return file;
}

function makeCsv(dir, rows) {
  const file = join(dir, `inventory-${rows}.csv`);
  const fd = openSync(file, 'w');
  writeSync(
    fd,
    'SKU,Title,Description,Qty,Price,Cost,Condition,Category,Sub Category,Brand,Size,Tags,Weight,Location,Image URL 1\n',
  );
  const cats = ['Clothing', 'Shoes', 'Trading Cards', 'Home', 'Toys', 'Jewelry'];
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `SKU-${i},"Vintage item ${i}, nice","Desc ${i} with ""quotes""",${1 + (i % 5)},$${(5 + (i % 300)).toFixed(2)},${(i % 40) + 0.5},Good,${cats[i % cats.length]},Sub ${i % 17},Brand ${i % 97},M,"vintage, lot${i % 13}",${(i % 30) + 1} oz,B${i % 50},https://images.example-thrift.com/${i}.jpg\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return file;
}
