// node-media-server 4.4.3's own push relay, for comparison in bench:relay.
// usage: node nms-push.cjs PORT KEY STOREDIR URL...
const NodeMediaServer = require('node-media-server');
const [port, key, storeDir, ...urls] = process.argv.slice(2);
const logger = require('node-media-server/src/core/logger.js');
logger.log = () => {};
const nms = new NodeMediaServer({ bind: '127.0.0.1', rtmp: { port: Number(port) }, store: { path: storeDir } });
nms.on('postPublish', (session) => {
  if (session.streamPath !== `/live/${key}`) return;
  // Push tasks exist only while a publisher is live.
  for (const url of urls) nms.relayServer.addTask({ url, streamPath: session.streamPath, mode: 'push' });
});
nms.run().then(() => process.stdout.write('ready\n'));
process.on('SIGTERM', () => nms.stop().then(() => process.exit(0)));
