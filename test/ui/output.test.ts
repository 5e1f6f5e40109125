import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/ui/output.js';

function capture(tty: boolean, color: boolean) {
  const make = () => {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean; text: string };
    s.isTTY = tty;
    s.text = '';
    s.on('data', (d: Buffer) => (s.text += d.toString('utf8')));
    return s;
  };
  const stdout = make();
  const stderr = make();
  const out = new Output(stdout as unknown as NodeJS.WriteStream, stderr as unknown as NodeJS.WriteStream, { color });
  return { out, stdout, stderr };
}

const EVIL = 'Tee\u001b]0;PWNED\u0007\u001b[2J\u009b1;1H\u202eShirt';

describe('Output keeps control sequences in data away from the terminal', () => {
  it('human lines: data cleaned, lotcast colours kept', () => {
    const prev = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    try {
      const { out, stdout, stderr } = capture(true, true);
      out.line(`${out.color.red('error')}: ${EVIL}`);
      out.note(EVIL);
      expect(stdout.text).toBe('\u001b[31merror\u001b[39m: TeeShirt\n');
      expect(stderr.text).toBe('TeeShirt\n');
    } finally {
      if (prev !== undefined) process.env.NO_COLOR = prev;
    }
  });

  it('JSON: same data when parsed, but no raw C1 or bidi control in the bytes', () => {
    const { out, stdout } = capture(false, false);
    out.json({ title: EVIL });
    expect(JSON.parse(stdout.text).title).toBe(EVIL);
    expect(stdout.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e](?<!\n)/);
  });

  it('documents: exact in a pipe or file, cleaned on a terminal', () => {
    const piped = capture(false, false);
    piped.out.document(`${EVIL}\n`);
    expect(piped.stdout.text).toBe(`${EVIL}\n`);
    const shown = capture(true, false);
    shown.out.document(`${EVIL}\n`);
    shown.out.documentStream().write(`${EVIL}\n`);
    expect(shown.stdout.text).toBe('TeeShirt\nTeeShirt\n');
  });
});
