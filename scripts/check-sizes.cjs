#!/usr/bin/env node
// Size rules from STYLE.md that no linter has: a file in src/ stays under 300 lines and a
// command's action (commander's `.action(...)` callback in src/cli) under 60 lines.
'use strict';
const { readFileSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const MAX_FILE_LINES = 300;
const MAX_ACTION_LINES = 60;
const root = join(__dirname, '..');
// Files still being brought under the rules; each entry is a debt, not a permission.
const PENDING = new Set([]);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Lines of every `.action(` call: from the call to the paren that closes it. */
function actionSpans(text) {
  const spans = [];
  const re = /\.action\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    let quote = null;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    const startLine = text.slice(0, m.index).split('\n').length;
    const endLine = text.slice(0, i).split('\n').length;
    spans.push({ startLine, lines: endLine - startLine + 1 });
  }
  return spans;
}

const problems = [];
for (const file of walk(join(root, 'src'))) {
  const rel = relative(root, file);
  if (PENDING.has(rel)) continue;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) problems.push(`${rel}: ${lines} lines (at most ${MAX_FILE_LINES}); split it by role`);
  if (rel.startsWith(join('src', 'cli'))) {
    for (const s of actionSpans(text))
      if (s.lines > MAX_ACTION_LINES)
        problems.push(
          `${rel}:${s.startLine}: command action of ${s.lines} lines (at most ${MAX_ACTION_LINES}); move the wiring into a service`,
        );
  }
}
if (problems.length > 0) {
  process.stderr.write(`check-sizes: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('check-sizes: every src file under 300 lines, every command action under 60\n');
