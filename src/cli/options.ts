import { type Command, Option } from 'commander';

/** Finds or creates a command group such as `show` or `inventory` that several modules add to. */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(description);
}

/** `--json` for every command that reports data. */
export function jsonOption(): Option {
  return new Option('--json', 'print machine-readable JSON instead of text');
}

/** Parser for a repeatable option (`--to a --to b`): every value, in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parser for a repeatable option that also takes comma-separated lists (`--tag a,b --tag c`). */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}
