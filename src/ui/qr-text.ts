/** A QR code's modules: `dark(x, y)` for 0 <= x, y < size. */
export interface QrModules {
  size: number;
  dark(x: number, y: number): boolean;
}

/** Light modules around the code; phones read 2 well, and a terminal has little room. */
const QUIET = 2;
// Two module rows per text row: [top inked, bottom inked] -> the half block that draws them.
const BLOCK = [' ', '▄', '▀', '█'] as const;

/**
 * A QR code as lines of half blocks. With `paper` (black ink on a white ground, a terminal with
 * colour) the dark modules are drawn, so it scans on dark and light themes alike. Without it
 * (piped into a file, NO_COLOR) no escape sequence is written: the light modules and the quiet
 * zone are drawn instead, as `qrencode -t UTF8` does, which reads right on a dark terminal.
 */
export function qrText(m: QrModules, paper: ((s: string) => string) | null): string[] {
  const inside = (i: number) => i >= 0 && i < m.size;
  const inked = (x: number, y: number) => {
    const dark = inside(x) && inside(y) && m.dark(x, y);
    return paper ? dark : !dark;
  };
  const lines: string[] = [];
  for (let y = -QUIET; y < m.size + QUIET; y += 2) {
    let line = '';
    // The row under the last quiet row (an odd count) is outside the code: never inked.
    const lower = y + 1 < m.size + QUIET;
    for (let x = -QUIET; x < m.size + QUIET; x++)
      line += BLOCK[(inked(x, y) ? 2 : 0) + (lower && inked(x, y + 1) ? 1 : 0)];
    lines.push(paper ? paper(line) : line);
  }
  return lines;
}
