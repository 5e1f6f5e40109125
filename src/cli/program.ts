import { Command } from 'commander';
import { commandModules } from './commands/index.js';
import { LOTCAST_VERSION } from './version.js';

/** The root program: global options, then every command module registers itself. */
export function buildProgram(): Command {
  const program = new Command('lotcast')
    .description('Spreadsheet to finished live show, for sellers on Whatnot and TikTok Shop at once.')
    .version(LOTCAST_VERSION, '-V, --version', 'print the lotcast version')
    .option('--data-dir <dir>', 'use this data folder (store, config) instead of the default; also LOTCAST_DATA_DIR')
    .option('--no-color', 'plain text without colour (also NO_COLOR, or when output is not a terminal)')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });
  for (const register of commandModules) register(program);
  // Every subcommand throws instead of exiting so the error boundary decides the exit code.
  const override = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride();
      sub.showHelpAfterError('(run with --help for usage)');
      override(sub);
    }
  };
  override(program);
  return program;
}
