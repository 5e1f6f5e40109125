export interface SinkReport {
  publishes: number;
  unpublishes: number;
  videoFrames: number;
  audioFrames: number;
  headers: number;
  firstMediaIsKeyframe: boolean[];
  headersBeforeMedia: number[];
  lastQuery: Record<string, string> | null;
  digest: string;
  tsBackwards: number;
  maxVideoGapMs: number;
}
export declare function freePort(): Promise<number>;
export declare class Sink {
  constructor(port: number, key: string, tls?: { keyFile: string; certFile: string });
  readonly port: number;
  out: string;
  start(): Promise<this>;
  waitFor(re: RegExp, ms?: number): Promise<void>;
  report(): Promise<SinkReport>;
  stop(): Promise<void>;
}
export declare function throttlingProxy(
  targetPort: number,
  bytesPerSecond: number,
): Promise<{ port: number; close: () => void }>;
