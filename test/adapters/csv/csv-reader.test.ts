import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/adapters/csv/csv-reader.js';
import { tempDir } from '../../helpers/cli.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function linesOf(text: string): Promise<Array<[string, number]>> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = join(t.dir, 'f.csv');
  writeFileSync(file, text);
  const src = await openCsv(file, { encoding: 'utf-8' });
  const out: Array<[string, number]> = [];
  for await (const batch of src.batches) for (const r of batch) out.push([r.values[0]!, r.line]);
  return out;
}

describe('openCsv record lines', () => {
  it.each([
    ['plain LF', 'SKU,Title\nA,x\nB,y\nC,z\n'],
    ['plain CRLF', 'SKU,Title\r\nA,x\r\nB,y\r\nC,z\r\n'],
  ])('%s: one line each', async (_name, text) => {
    expect(await linesOf(text)).toEqual([
      ['A', 2],
      ['B', 3],
      ['C', 4],
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF (Excel on Windows)', '\r\n'],
  ])('%s: quoted line breaks and blank lines move the lines of the rows after them', async (_name, nl) => {
    const text = ['SKU,Title', 'A,"two', 'lines"', 'B,y', '', '', 'C,"three', 'whole', 'lines"', 'D,z', 'E,w', ''].join(
      nl,
    );
    expect(await linesOf(text)).toEqual([
      ['A', 2],
      ['B', 4],
      ['C', 7],
      ['D', 10],
      ['E', 11],
    ]);
  });

  it('keeps counting right across read chunks in a long file', async () => {
    const rows = ['SKU,Title'];
    for (let i = 0; i < 20_000; i++)
      rows.push(i % 5000 === 1 ? `R${i},"multi\nline ${'x'.repeat(40)}"` : `R${i},title ${'y'.repeat(40)}`);
    const got = await linesOf(`${rows.join('\n')}\n`);
    expect(got).toHaveLength(20_000);
    // Row i starts on line 2 + i + (two-line rows before it: rows 1, 5001, 10001, 15001).
    const before = (i: number) => (i <= 1 ? 0 : Math.floor((i - 2) / 5000) + 1);
    for (const i of [0, 1, 2, 5000, 5001, 5002, 12_345, 19_999]) {
      expect(got[i]).toEqual([`R${i}`, 2 + i + before(i)]);
    }
  });
});
