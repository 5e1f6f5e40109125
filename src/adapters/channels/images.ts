import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { PlatformHttp } from './http.js';

/** An item photo's bytes, from a public URL or a file on this computer (relative to `baseDir`). */
export async function loadImage(
  src: string,
  http: PlatformHttp,
  baseDir: string,
): Promise<{ bytes: Buffer; filename: string }> {
  if (/^https?:\/\//i.test(src)) {
    const r = await http.got(src, { responseType: 'buffer', timeout: { request: 30_000 } });
    if (r.statusCode >= 400)
      throw new UsageError(`photo ${src} could not be downloaded (HTTP ${r.statusCode})`, {
        hint: 'Check the Image URL; it must be a public direct link.',
      });
    return { bytes: Buffer.from(r.body), filename: basename(new URL(src).pathname) || 'image.jpg' };
  }
  const path = resolve(baseDir, src.replace(/^file:\/\//, ''));
  try {
    return { bytes: await readFile(path), filename: basename(path) };
  } catch {
    throw new UsageError(`photo ${path} is not there`, {
      hint: 'Fix the Image URL column (a public link, or a path to the photo on this computer).',
    });
  }
}
