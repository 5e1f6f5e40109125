import type { Command } from 'commander';
import { commandGroup } from '../options.js';

/** The command groups (`lotcast show ...`), described once; their subcommands each have a file. */
const GROUPS = {
  config: 'see and change settings and secrets (secrets always shown masked)',
  inventory: 'import, list and export your inventory',
  show: 'plan shows, see and edit their rundowns, follow them live',
  destination: 'stream destinations the relay sends to (keys kept secret)',
  channel: 'selling channels: TikTok Shop and Whatnot API credentials (kept secret)',
  export: "files for platforms: Whatnot's bulk-listing CSV",
  overlay: 'OBS overlays and the producer page of a live show (served by `lotcast live`)',
} as const;

export function group(program: Command, name: keyof typeof GROUPS): Command {
  return commandGroup(program, name, GROUPS[name]);
}
