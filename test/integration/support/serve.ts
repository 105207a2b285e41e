import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CLI_PATH, REPO_ROOT } from './cli.ts';

// `nixery serve` as users run it: the real CLI in its own process, on loopback, ready once it logs its JSON
// {"msg":"listening","port":N} line. Every stdout line is kept (raw and parsed) so tests can assert on the log.

/** One line of the server's JSON log. */
export interface ServeLogEntry {
  msg?: string;
  port?: number;
  [field: string]: unknown;
}

export interface ServeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartServeOptions {
  /**
   * Variables set on top of process.env for the server. NIXERY_REGISTRY_TOKENS is cleared first so an outer
   * value cannot turn authentication on; set it here to override. A variable set to undefined is removed.
   */
  env?: NodeJS.ProcessEnv;
}

export interface Serve {
  child: ChildProcessByStdio<null, Readable, Readable>;
  port: number;
  /** `127.0.0.1:PORT`, for skopeo and podman references. */
  host: string;
  /** `http://127.0.0.1:PORT`, for fetch. */
  url: string;
  /** Every stdout line as printed, in order. */
  lines: string[];
  /** The same lines, parsed. */
  log: ServeLogEntry[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Settles once the process has exited and its output has been read to the end. */
  exited: Promise<ServeExit>;
  /** Sends the signal (SIGTERM by default) unless the process has exited already, then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<ServeExit>;
}

/**
 * Runs `nixery serve --host 127.0.0.1 ...args` from the repository root and resolves once it listens. Pass
 * `--port 0` (or PORT=0 in env) for a free port. Rejects, with the server's stderr, if it exits first or prints a
 * line that is not JSON; the process is stopped then.
 */
export async function startServe(args: readonly string[], options: StartServeOptions = {}): Promise<Serve> {
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--host', '127.0.0.1', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NIXERY_REGISTRY_TOKENS: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const log: ServeLogEntry[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': by then every line the server printed is in `lines` and `log`.
  const exited = new Promise<ServeExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const stop = (signal: NodeJS.Signals = 'SIGTERM'): Promise<ServeExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const what = `nixery serve ${args.join(' ')}`;

  let listening = false;
  const port = await new Promise<number>((resolve, reject) => {
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        let entry: ServeLogEntry;
        try {
          entry = JSON.parse(line) as ServeLogEntry;
        } catch {
          const error = new Error(`${what} printed a stdout line that is not JSON: ${line}`);
          if (listening) throw error; // fails whatever test is running, as the log must stay machine-readable
          reject(error);
          continue;
        }
        log.push(entry);
        if (entry.msg === 'listening' && !listening) {
          listening = true;
          resolve(entry.port!);
        }
      }
    });
    child.once('error', reject);
    void exited.then(({ code, signal }) => reject(new Error(`${what} exited with ${code ?? signal} before listening:\n${stderr}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const host = `127.0.0.1:${port}`;
  return { child, port, host, url: `http://${host}`, lines, log, stderr: () => stderr, exited, stop };
}
