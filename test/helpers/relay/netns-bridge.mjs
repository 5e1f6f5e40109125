// Runs a command in a network namespace of its own (started as `unshare -rn node netns-bridge.mjs
// PORT SOCKET -- command...`): the namespace has a loopback and nothing else, so the command can
// reach no host at all, and its one way out is 127.0.0.1:PORT, piped byte for byte to a Unix
// socket the test listens on (a file, so it crosses namespaces). OBS runs here: its RTMP client
// reaches the relay, its update checks reach nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const [port, socketPath, sep, command, ...args] = process.argv.slice(2);
if (!port || !socketPath || sep !== '--' || !command) {
  console.error('usage: netns-bridge.mjs PORT SOCKET -- COMMAND [ARGS...]');
  process.exit(2);
}

// A new namespace's loopback is down. Debian puts ip in /usr/sbin, not on every user's PATH.
const lo = spawnSync(existsSync('/usr/sbin/ip') ? '/usr/sbin/ip' : 'ip', ['link', 'set', 'lo', 'up'], {
  encoding: 'utf8',
});
if (lo.status !== 0) {
  console.error(`netns-bridge: cannot bring the loopback up: ${lo.stderr || lo.error}`);
  process.exit(3);
}

const server = net.createServer((client) => {
  const out = net.connect(socketPath);
  client.pipe(out);
  out.pipe(client);
  const close = () => {
    client.destroy();
    out.destroy();
  };
  client.on('error', close).on('close', close);
  out.on('error', close).on('close', close);
});
server.listen(Number(port), '127.0.0.1', () => {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
});
