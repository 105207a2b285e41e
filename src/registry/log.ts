// Structured logs: one JSON object per line, so log shippers and `jq` read them without parsing rules.

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  ms: number;
  user?: string;
  /** Set when the client went away, or the server cut the response (e.g. a blob failed its digest check). */
  aborted?: boolean;
  error?: string;
}

export type LogSink = (line: string) => void;

export function stdoutSink(line: string): void {
  process.stdout.write(line + '\n');
}

export class RegistryLog {
  private readonly sink: LogSink;

  constructor(sink: LogSink = stdoutSink) {
    this.sink = sink;
  }

  request(entry: RequestLogEntry): void {
    this.write({ time: new Date().toISOString(), ...entry });
  }

  /** Server lifecycle and problems that are not tied to one response. */
  event(msg: string, fields: Record<string, unknown> = {}): void {
    this.write({ time: new Date().toISOString(), msg, ...fields });
  }

  private write(record: Record<string, unknown>): void {
    this.sink(JSON.stringify(record));
  }
}
