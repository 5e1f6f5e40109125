import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import { ConfigError, NotFoundError, ValidationError } from '../core/errors.js';
import { validateProfile } from '../core/plan/profile-validate.js';
import type { ShowProfile } from '../core/plan/profile.js';
import { DEFAULT_TALKING_POINTS, unknownPlaceholders } from '../core/plan/talking-points.js';

/** templates/ shipped with lotcast (dist/adapters -> ../../templates). */
export function templatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

/** A profile by name (templates/profiles/NAME.yaml|json) or by path, validated with positions. */
export function loadProfile(nameOrPath: string): { profile: ShowProfile; file: string } {
  const builtin = ['yaml', 'yml', 'json']
    .map((ext) => join(templatesDir(), 'profiles', `${nameOrPath}.${ext}`))
    .find((f) => existsSync(f));
  const file = builtin ?? (isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath));
  if (!existsSync(file)) {
    throw new NotFoundError(`No profile "${nameOrPath}".`, {
      hint: 'Use a built-in profile (standard, fast-auction, bin-heavy) or the path of a .yaml/.json profile file.',
    });
  }
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      `The profile ${file} is not valid YAML/JSON.`,
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line,
        column: e.linePos?.[0]?.col,
        message: e.message.split('\n')[0] ?? e.message,
      })),
      { source: file },
    );
  }
  const positionOf = (path: string[]) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let range: [number, number, number] | undefined;
    for (const key of path) {
      if (!isMap(node)) break;
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      range = (pair.key as Node).range ?? undefined;
      node = pair.value as Node | null;
    }
    if (!range) return undefined;
    const pos = lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col };
  };
  const { profile, problems } = validateProfile(doc.toJS(), positionOf);
  if (!profile) {
    throw new ValidationError(
      `The profile ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was planned.`,
      problems.map((p) => ({ ...p, field: p.column ? `${p.column}: ${p.field}` : p.field })),
      {
        source: file,
        hint: `Compare with ${join(templatesDir(), 'profiles', 'standard.yaml')}, which lists every key.`,
      },
    );
  }
  return { profile, file };
}

export function loadTalkingPoints(path?: string): string {
  if (!path) {
    const shipped = join(templatesDir(), 'talking-points.txt');
    return existsSync(shipped) ? readFileSync(shipped, 'utf8') : DEFAULT_TALKING_POINTS;
  }
  if (!existsSync(path))
    throw new NotFoundError(`No talking-points template at ${path}.`, {
      hint: `Start from ${join(templatesDir(), 'talking-points.txt')}.`,
    });
  const text = readFileSync(path, 'utf8');
  const unknown = unknownPlaceholders(text);
  if (unknown.length)
    throw new ConfigError(`${path}: unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}.`, {
      hint: 'Known: sku, title, brand, size, size_label, condition, notes, description, category, sub_category, location, tags, price, quantity, multi.',
    });
  return text;
}
