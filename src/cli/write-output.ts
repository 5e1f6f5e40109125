import { writeFileAtomic } from '../adapters/atomic-file.js';
import type { Output } from '../ui/output.js';

/** A document to stdout, or written whole to `--out` with a note saying where. */
export function emitText(out: Output, text: string, file: string | undefined, what: string): void {
  if (!file) {
    out.document(text);
    return;
  }
  writeFileAtomic(file, text);
  out.note(`Wrote the ${what} to ${file}.`);
}
