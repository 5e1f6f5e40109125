import type { DemoRelay, DemoRelaySummary } from '../services/demo-relay.js';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** What the demo's stream part is, printed before it starts (plain mode). */
export function demoStreamIntro(r: DemoRelay): string[] {
  return [
    `stream: bundled test feed (no ffmpeg) -> lotcast relay ${r.ingestUrl} (key generated for this run)`,
    `stream: stand-in ingests on this machine: ${r.standIns.map((s) => `${s.name} ${s.url}`).join(', ')}`,
  ];
}

/** Per destination: what the relay sent and what the stand-in ingest says it received. */
export function demoStreamLines(s: DemoRelaySummary): string[] {
  return [
    `  Stream: the test feed published ${s.framesPublished} frames into the relay over ${s.seconds.toFixed(0)} s`,
    ...s.destinations.flatMap((d) => [
      `    ${d.name.padEnd(8)} relay sent ${d.framesSent} video frames, ${mb(d.bytesSent)} (avg ${d.avgKbps} kb/s); dropped ${d.framesDropped}, reconnects ${d.reconnects}`,
      `    ${''.padEnd(8)} stand-in received ${d.received.videoFrames} video + ${d.received.audioFrames} audio frames, ${mb(d.received.bytes)}${d.received.publishes > 1 ? ` over ${d.received.publishes} connections` : ''}`,
    ]),
  ];
}

export function demoStreamJson(s: DemoRelaySummary) {
  return {
    ingestUrl: s.ingestUrl,
    seconds: s.seconds,
    framesPublished: s.framesPublished,
    destinations: s.destinations.map((d) => ({
      name: d.name,
      url: d.url,
      state: d.state,
      framesSent: d.framesSent,
      framesDropped: d.framesDropped,
      bytesSent: d.bytesSent,
      avgKbps: d.avgKbps,
      reconnects: d.reconnects,
      received: d.received,
    })),
  };
}
