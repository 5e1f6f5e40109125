import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A private tmux server (its own socket) for driving lotcast in a real terminal. */
export function tmuxSession(name: string) {
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', name, ...args], { encoding: 'utf8' });
  return {
    tmux,
    /** Polls the pane until `re` matches; the last screen in the error otherwise. */
    async screenMatches(re: RegExp, ms = 8000): Promise<string> {
      const until = Date.now() + ms;
      let screen = '';
      while (Date.now() < until) {
        screen = tmux('capture-pane', '-t', name, '-p');
        if (re.test(screen)) return screen;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`screen never matched ${re}:\n${screen}`);
    },
    kill(): void {
      spawnSync('tmux', ['-L', name, 'kill-server']);
    },
  };
}
