import { execFileSync, spawnSync } from 'node:child_process';
import { binPath } from './cli.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A private tmux server (its own socket) for driving lotcast in a real terminal. */
export function tmuxSession(name: string) {
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', name, ...args], { encoding: 'utf8' });
  /** Polls the pane until `re` matches; the last screen in the error otherwise. */
  const screenMatches = async (re: RegExp, ms = 8000): Promise<string> => {
    const until = Date.now() + ms;
    let screen = '';
    while (Date.now() < until) {
      screen = tmux('capture-pane', '-t', name, '-p');
      if (re.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screen never matched ${re}:\n${screen}`);
  };
  return {
    tmux,
    screenMatches,
    /** `lotcast live SHOW` (the dashboard, no colour) from a shell in a new 140x40 pane, once it shows OPEN. */
    async liveDashboard(dataDir: string, show: string): Promise<void> {
      tmux('new-session', '-d', '-s', name, '-x', '140', '-y', '40', 'sh');
      tmux(
        'send-keys',
        '-t',
        name,
        '-l',
        `LOTCAST_DATA_DIR=${dataDir} NO_COLOR=1 ${process.execPath} ${binPath} live ${show}`,
      );
      tmux('send-keys', '-t', name, 'Enter');
      await screenMatches(/NOW OPEN/);
    },
    kill(): void {
      spawnSync('tmux', ['-L', name, 'kill-server']);
    },
  };
}
