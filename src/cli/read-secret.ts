/**
 * A secret from a flag, standard input (`--x-stdin`, or whenever stdin is not a terminal), or
 * a hidden prompt. Flags are allowed for scripts but leave the value in shell history.
 */
export async function readSecret(opts: {
  value?: string | undefined;
  stdin?: boolean | undefined;
  prompt: string;
}): Promise<string> {
  if (opts.value) return opts.value.trim();
  if (opts.stdin || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.trim();
  }
  const { password } = await import('@inquirer/prompts');
  return (await password({ message: opts.prompt, mask: '*' })).trim();
}
