import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalText } from '../../src/core/terminal-text.js';

describe('terminalText', () => {
  it.each([
    ['OSC title (BEL)', 'Tee\u001b]0;PWNED\u0007 Shirt', 'Tee Shirt'],
    ['OSC title (ST)', 'Tee\u001b]2;PWNED\u001b\\ Shirt', 'Tee Shirt'],
    ['OSC 8 hyperlink', '\u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007', 'click'],
    ['unterminated OSC', 'Tee\u001b]0;PWNED', 'Tee'],
    ['clear screen + home', 'A\u001b[2J\u001b[HB', 'AB'],
    ['colour', '\u001b[31mred\u001b[0m', 'red'],
    ['private mode', '\u001b[?1049hX', 'X'],
    ['reset (ESC c)', 'A\u001bcB', 'AB'],
    ['charset (ESC ( 0)', 'A\u001b(0B', 'AB'],
    ['8-bit CSI', 'A\u009b2JB', 'AB'],
    ['8-bit OSC', 'A\u009d0;x\u009cB', 'AB'],
    ['DCS', 'A\u001bPq#0\u001b\\B', 'AB'],
    ['C0 controls and DEL', 'A\u0000\u0007\b\r\u007fB', 'AB'],
    ['bidi overrides', 'A\u202eB\u2066C\u200fD', 'ABCD'],
    ['lone ESC at the end', 'A\u001b', 'A'],
  ])('%s', (_name, raw, shown) => {
    expect(terminalText(raw)).toBe(shown);
    expect(terminalText(raw)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it.each(['Levi 501 Café ½', 'line one\nline two', 'a\tb', '日本語 ✓ 🎉', 'שלום'])('keeps %j', (text) => {
    expect(terminalText(text)).toBe(text);
  });
});

describe('terminalSafe', () => {
  it('cleans every string in an object and keeps what needs no cleaning as it is', () => {
    const clean = { title: 'Tee', n: 3 };
    const dirty = { title: 'T\u001b[2Jee', nested: [{ buyer: '\u001b]0;x\u0007jane' }, clean] };
    const out = terminalSafe(dirty);
    expect(out).toEqual({ title: 'Tee', nested: [{ buyer: 'jane' }, { title: 'Tee', n: 3 }] });
    expect(out.nested[1]).toBe(clean);
    expect(terminalSafe(clean)).toBe(clean);
    expect(terminalSafe(dirty)).toBe(out);
    expect(dirty.title).toBe('T\u001b[2Jee');
  });
});
