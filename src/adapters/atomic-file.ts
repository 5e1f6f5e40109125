import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Files lotcast writes for the seller (exports, rundowns, reports) appear whole or not at all:
 * written beside the target and renamed over it, so a crash or a full disk never leaves half a
 * file where the old one was.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.lotcast-tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The streaming form: `fill` writes into the stream, which is closed and renamed into place. */
export async function writeStreamAtomic(
  file: string,
  fill: (out: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  const tmp = `${file}.lotcast-tmp`;
  const out = createWriteStream(tmp);
  try {
    await fill(out);
    await new Promise<void>((resolve, reject) => {
      out.on('error', reject);
      out.end(() => resolve());
    });
    renameSync(tmp, file);
  } catch (err) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw err;
  }
}
