import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { nixOptionArgs } from './options.ts';
import type { NixOptions } from './options.ts';

// Runs a Nix command in its own process group so a timeout or abort can stop everything
// it started. nix-build answers SIGTERM by killing its builders (which run in their own
// sessions, often as nixbld users) before it exits. If it has not exited after a grace
// period, everything still descending from it is SIGKILLed, builders included: once
// nix-build is gone they can no longer be found.

export interface NixCommandOptions {
  /** The build's Nix settings (builders, caches): every Nix command gets them, so each caller must pass them. */
  nix: NixOptions;
  /** Absolute time (Date.now() ms) after which the command is stopped. */
  deadline: number;
  signal?: AbortSignal;
  onStderrLine?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** How many trailing stderr lines to keep for error messages. */
  tailLines?: number;
}

export interface NixCommandResult {
  exitCode: number | null;
  stdout: string;
  stderrTail: string[];
  /** Why the command was stopped, if it was. */
  stopped?: 'timeout' | 'abort';
}

const KILL_GRACE_MS = 3000;
const PIPE_GRACE_MS = 1000;

export function runNixCommand(command: string, args: string[], opts: NixCommandOptions): Promise<NixCommandResult> {
  const tailLimit = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ exitCode: null, stdout: '', stderrTail: [], stopped: 'abort' });
      return;
    }
    const child = spawn(command, [...nixOptionArgs(opts.nix), ...args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });

    const stdoutChunks: Buffer[] = [];
    const tail: string[] = [];
    let partial = '';
    let stopped: NixCommandResult['stopped'];
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const pushLine = (line: string) => {
      tail.push(line);
      if (tail.length > tailLimit) tail.shift();
      opts.onStderrLine?.(line);
    };

    child.stdout.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) pushLine(line);
    });

    const signalGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    };

    const stop = (why: 'timeout' | 'abort') => {
      if (stopped || settled) return;
      stopped = why;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => {
        if (child.pid !== undefined) killDescendants(child.pid);
        signalGroup('SIGKILL');
      }, KILL_GRACE_MS);
    };

    const timeout = setTimeout(() => stop('timeout'), Math.max(0, opts.deadline - Date.now()));
    const onAbort = () => stop('abort');
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = () => {
      settled = true;
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      finish();
      if (err.code === 'ENOENT') {
        reject(new Error(`${command} not found on PATH: install Nix (e.g. apt-get install nix-bin) and try again`));
      } else {
        reject(err);
      }
    });

    // 'close' waits for our pipes, which a stray process may still hold after the command
    // itself exited; don't wait for it long.
    child.on('exit', () => {
      if (stopped) signalGroup('SIGKILL');
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS).unref();
    });

    child.on('close', (code) => {
      finish();
      if (partial) pushLine(partial);
      resolve({
        exitCode: code,
        stdout: Buffer.concat(stdoutChunks).toString('utf8'),
        stderrTail: tail,
        ...(stopped ? { stopped } : {}),
      });
    });
  });
}

/** SIGKILLs every process below `rootPid` and the process groups they lead (Linux /proc). */
function killDescendants(rootPid: number): void {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return; // no /proc: the process-group kill is all we can do
  }
  const leaders = new Set<number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (Number(fields[2]) === pid) leaders.add(pid);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const queue = [...(children.get(rootPid) ?? [])];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    queue.push(...(children.get(pid) ?? []));
    for (const target of leaders.has(pid) ? [-pid, pid] : [pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
