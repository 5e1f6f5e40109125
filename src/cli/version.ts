import { readFileSync } from 'node:fs';

// dist/cli/version.js -> ../../package.json; read once, at startup, a few hundred bytes.
export const LOTCAST_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
