// The oldest Node lotcast runs on, read from package.json's engines field: the one place to
// change it. CommonJS and old syntax on purpose: bin/lotcast.js and with-lts-node.cjs load it
// on whatever old Node they are started with, to say it is too old.
'use strict';
var range = require('../package.json').engines.node; // ">=22.22"
var min = range
  .replace(/^>=\s*/, '')
  .split('.')
  .map(Number);

/** Whether a Node version ("24.1.0" or "v24.1.0") is new enough. */
function isSupportedNode(version) {
  var p = String(version).replace(/^v/, '').split('.').map(Number);
  return p[0] > min[0] || (p[0] === min[0] && (p[1] || 0) >= (min[1] || 0));
}

/** The one line that tells a seller on an old Node what to do. */
function tooOldMessage(version) {
  return (
    'lotcast needs Node.js ' +
    min.join('.') +
    ' or newer (Node 24 LTS recommended); this is Node ' +
    version +
    '. Install Node 24 LTS from https://nodejs.org or with your version manager (nvm install 24).\n'
  );
}

module.exports = { MIN_NODE: min.join('.'), isSupportedNode: isSupportedNode, tooOldMessage: tooOldMessage };
