// The floor under any Node relay, for bench:relay --only=floor: a process that copies a TCP
// stream's bytes to every drain with no RTMP at all, reading as bytes arrive (EVERY_MS 0) or
// every EVERY_MS into one buffer (how lotcast's ingest reads a live feed).
// usage: node node-copy.cjs PORT EVERY_MS DRAIN_PORT...
const net = require('node:net');
const { readSync } = require('node:fs');
const [port, every, ...drains] = process.argv.slice(2).map(Number);
const outs = drains.map((p) => net.connect(p, '127.0.0.1'));
const buf = Buffer.allocUnsafe(256 * 1024);
const copy = (b) => {
  for (const o of outs) o.write(b);
};
net
  .createServer({ pauseOnConnect: true }, (s) => {
    if (every === 0) {
      s.on('data', copy);
      s.resume();
      return;
    }
    const fd = s._handle.fd;
    const timer = setInterval(() => {
      for (;;) {
        let n;
        try {
          n = readSync(fd, buf, 0, buf.length, null);
        } catch (e) {
          if (e.code === 'EAGAIN') break;
          throw e;
        }
        if (n === 0) {
          clearInterval(timer);
          s.destroy();
          return;
        }
        copy(Buffer.from(buf.subarray(0, n)));
        if (n < buf.length) break;
      }
    }, every);
  })
  .listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
