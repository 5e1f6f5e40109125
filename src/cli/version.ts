import { readFileSync } from 'node:fs';

// dist/cli/version.js -> ../../package.json; read once, at startup, a few hundred bytes.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  engines: { node: string };
};

export const LOTCAST_VERSION: string = pkg.version;

/** The oldest Node lotcast runs on ("22.22"), from engines in package.json like bin/lotcast.js. */
export const MIN_NODE: string = pkg.engines.node.replace(/^>=\s*/, '');
