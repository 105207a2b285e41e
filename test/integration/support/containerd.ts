import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { requireTools, run, runChecked } from './run.ts';
import type { RunResult } from './run.ts';

// A private containerd for one test file: Debian's containerd with its own root, state and socket in a temp dir,
// started and stopped by the test (never the machine's), with the CRI plugin off (no Kubernetes here).

export interface Containerd {
  root: string;
  socket: string;
  /** `ctr --address SOCKET -n NAMESPACE args...`; never throws for a non-zero exit. */
  ctr(namespace: string, args: readonly string[]): Promise<RunResult>;
  /** Stops containerd (SIGTERM, then SIGKILL) and removes its folder. */
  stop(): Promise<void>;
}

export async function startContainerd(): Promise<Containerd> {
  requireTools('containerd', 'ctr');
  // Unix socket paths are limited to 108 bytes: keep the folder short.
  const root = await mkdtemp(path.join('/tmp', 'ctd-'));
  const socket = path.join(root, 'c.sock');
  const config = path.join(root, 'config.toml');
  await writeFile(
    config,
    [
      'version = 2',
      `root = "${root}/root"`,
      `state = "${root}/state"`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = "${socket}"`,
      '[ttrpc]',
      `  address = "${socket}.ttrpc"`,
      '[debug]',
      '  address = ""',
      '[metrics]',
      '  address = ""',
      '',
    ].join('\n'),
  );
  const logFile = path.join(root, 'containerd.log');
  const child = spawn('sh', ['-c', 'exec containerd --config "$1" >"$2" 2>&1', 'sh', config, logFile], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const ctr = (namespace: string, args: readonly string[]) => run('ctr', ['--address', socket, '-n', namespace, ...args]);

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (!running) throw new Error(`containerd exited at start:\n${await readFile(logFile, 'utf8').catch(() => '')}`);
    if ((await stat(socket).catch(() => null)) && (await ctr('default', ['version'])).code === 0) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`containerd did not answer on ${socket} within 20 s:\n${await readFile(logFile, 'utf8').catch(() => '')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    root,
    socket,
    ctr,
    async stop() {
      if (running) {
        child.kill('SIGTERM');
        const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killed);
      }
      // Snapshots may hold mounts; unmount anything left under the root before removing it.
      await runChecked('sh', ['-c', `grep -o " ${root}[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l`]).catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}
