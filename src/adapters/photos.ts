import { readdir } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';

const PHOTO = new Set(['.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif', '.gif']);

/**
 * Photos in a folder named by SKU, as a phone's photos get renamed: `SKU.jpg` first, then
 * `SKU-2.jpg`, `SKU_3.png`, ... (case-insensitive). Paths are absolute, so a listing run from
 * any folder finds them.
 */
export class PhotoFolder {
  private readonly exact = new Map<string, string[]>();
  private readonly numbered = new Map<string, Array<{ n: number; path: string }>>();
  private readonly used = new Set<string>();
  readonly files: string[] = [];

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<PhotoFolder> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT'
          ? `--images: no such folder: ${dir}`
          : `--images: cannot read ${dir}: ${(err as Error).message}`,
        { hint: 'Give the folder that holds the photos named by SKU (TEE-001.jpg, TEE-001-2.jpg).' },
      );
    }
    const folder = new PhotoFolder(dir);
    for (const name of names.sort()) {
      const ext = extname(name);
      if (!PHOTO.has(ext.toLowerCase()) || name.startsWith('.')) continue;
      const path = resolve(dir, name);
      const stem = name.slice(0, -ext.length).toLowerCase();
      folder.files.push(path);
      folder.exact.set(stem, [...(folder.exact.get(stem) ?? []), path]);
      const m = /^(.+?)[-_ ](\d{1,3})$/.exec(stem);
      if (m?.[1]) {
        const list = folder.numbered.get(m[1]) ?? [];
        list.push({ n: Number(m[2]), path });
        folder.numbered.set(m[1], list);
      }
    }
    for (const list of folder.numbered.values()) list.sort((a, b) => a.n - b.n);
    return folder;
  }

  /** Adds the SKU's photos after the item's own images; how many it added. */
  attach(item: { sku: string; images: string[] }): number {
    const key = item.sku.toLowerCase();
    const found = [...(this.exact.get(key) ?? []), ...(this.numbered.get(key) ?? []).map((p) => p.path)];
    let added = 0;
    for (const path of found) {
      this.used.add(path);
      if (!item.images.includes(path)) {
        item.images.push(path);
        added++;
      }
    }
    return added;
  }

  /** Photos no item's SKU claimed (a typo in a file name, or an item not in this sheet). */
  unmatched(): string[] {
    return this.files.filter((f) => !this.used.has(f));
  }
}
