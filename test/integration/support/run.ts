import { spawn, spawnSync } from 'node:child_process';

// Runs real tools for integration tests. Tests never skip when a tool is missing: they fail with a hint
// that says how to install it, because a silently skipped e2e test reads as a passing one.

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the child's stdin, which is closed afterwards (it is closed at once without input). */
  input?: string | Buffer;
}

/** Runs a command to completion and captures its output; never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    // A child that exits without reading its input must not crash the test with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

/** Like run, but a non-zero exit is an error that shows the command and its stderr. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code ?? result.signal}\n` +
        `--- stderr ---\n${result.stderr.trimEnd()}\n--- stdout ---\n${result.stdout.trimEnd()}`,
    );
  }
  return result;
}

/** Debian packages that provide each tool the integration tests use. */
const INSTALL_HINTS: Record<string, string> = {
  skopeo: 'apt-get install -y skopeo',
  podman: 'apt-get install -y podman uidmap',
  runc: 'apt-get install -y runc',
  umoci: 'apt-get install -y umoci',
  busybox: 'apt-get install -y busybox-static',
  'nix-build': 'apt-get install -y nix-bin',
  'nix-store': 'apt-get install -y nix-bin',
  nix: 'apt-get install -y nix-bin',
  containerd: 'apt-get install -y containerd',
  ctr: 'apt-get install -y containerd',
  'qemu-aarch64-static': 'apt-get install -y qemu-user-static',
  unshare: 'apt-get install -y util-linux',
  file: 'apt-get install -y file',
  sshd: 'apt-get install -y openssh-server',
  'ssh-keygen': 'apt-get install -y openssh-client',
};

/** Throws, naming every missing tool and how to install it (or run .ci/setup), unless all are on PATH. */
export function requireTools(...tools: string[]): void {
  const missing = tools.filter((tool) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool]).status !== 0);
  if (missing.length === 0) return;
  const hints = missing.map((tool) => `  ${tool}: ${INSTALL_HINTS[tool] ?? `install ${tool}`}`).join('\n');
  throw new Error(`integration tests need tools that are not on PATH:\n${hints}\n(or run .ci/setup, which installs them all)`);
}
