import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXAMPLE_PACKAGES } from './cli.ts';
import { startServe } from './serve.ts';
import type { Serve } from './serve.ts';

// Several `nixery serve --build` replicas over one bucket, as a scaled-out deployment runs them (one process each,
// the real CLI), with Nix counted from outside: a folder put first on their PATH holds a `nix-build` that appends
// a line to a counter file and then execs the real one. Shared by test/integration/scale-out.test.ts and
// bench/scale-out.ts.

const MANIFEST_ACCEPT = 'application/vnd.oci.image.manifest.v1+json';
// No binary cache is reachable here; asking one costs seconds of retries per build.
const NIX_CONFIG = `${process.env.NIX_CONFIG ?? ''}\nsubstituters =`;

export interface CountedNix {
  /** Put this folder first on PATH. */
  bin: string;
  /** nix-build invocations so far. */
  builds(): Promise<number>;
}

/** A `nix-build` wrapper in dir/bin that counts its invocations in dir/nix-build.count. */
export async function countedNix(dir: string): Promise<CountedNix> {
  const bin = path.join(dir, 'bin');
  const counter = path.join(dir, 'nix-build.count');
  await mkdir(bin, { recursive: true });
  await writeFile(counter, '');
  const real = execFileSync('sh', ['-c', 'command -v nix-build'], { encoding: 'utf8' }).trim();
  // One short line per call with O_APPEND: concurrent callers never interleave within a line.
  await writeFile(path.join(bin, 'nix-build'), `#!/bin/sh\necho "$$" >> '${counter}'\nexec '${real}' "$@"\n`);
  await chmod(path.join(bin, 'nix-build'), 0o755);
  return {
    bin,
    builds: async () => (await readFile(counter, 'utf8')).split('\n').filter(Boolean).length,
  };
}

/**
 * A package set (in dir) of the example packages plus `slowpoke`, a package whose build sleeps `sleepSeconds` and
 * whose derivation is new for every call (a random nonce), so its first build really runs Nix's builder; and
 * `slowfail`, which sleeps as long and then fails.
 */
export async function slowPackageSet(dir: string, sleepSeconds: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const nonce = randomBytes(8).toString('hex');
  await writeFile(
    path.join(dir, 'default.nix'),
    `{ system ? builtins.currentSystem, ... }:
let examples = import ${EXAMPLE_PACKAGES} { inherit system; };
in examples // {
  slowpoke = examples.lib.mkPackage {
    name = "slowpoke";
    nonce = "${nonce}";
    script = ''
      /bin/sleep ${sleepSeconds}
      /bin/mkdir -p $out/bin
      echo "slowpoke ${nonce}" > $out/bin/slowpoke
    '';
  };
  slowfail = examples.lib.mkPackage {
    name = "slowfail";
    nonce = "${nonce}";
    script = ''
      /bin/sleep ${sleepSeconds}
      echo "slowfail: broken on purpose" >&2
      exit 1
    '';
  };
}
`,
  );
  return dir;
}

export interface ReplicaOptions {
  storage: string;
  packages: string;
  nix: CountedNix;
  /** Extra flags, e.g. ['--lease', '3']. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

/** `count` replicas of `nixery serve --build` over one bucket, started in parallel. */
export function startReplicas(count: number, options: ReplicaOptions): Promise<Serve[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      startServe(['--build', '--storage', options.storage, '--pkgs-path', options.packages, '--port', '0', ...(options.args ?? [])], {
        env: { NIX_CONFIG, PATH: `${options.nix.bin}:${process.env.PATH}`, ...options.env },
      }),
    ),
  );
}

export interface PullResult {
  status: number;
  digest: string | null;
}

/** One manifest GET per client, client i on replica i mod n, all at once: what a burst of pulls asks first. */
export async function concurrentPulls(replicas: Serve[], clients: number, name: string, tag: string): Promise<PullResult[]> {
  return Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const replica = replicas[i % replicas.length]!;
      const response = await fetch(`${replica.url}/v2/${name}/manifests/${tag}`, { headers: { Accept: MANIFEST_ACCEPT } });
      await response.arrayBuffer();
      return { status: response.status, digest: response.headers.get('docker-content-digest') };
    }),
  );
}

/** Ids of the replicas, from their "listening" lines. */
export function replicaIdOf(serve: Serve): string {
  return String(serve.log.find((e) => e.msg === 'listening')?.replica);
}
