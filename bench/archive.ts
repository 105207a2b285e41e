// Layer archive throughput: our packStorePaths + compressLayer against GNU tar piped into cat, pigz and zstd, on two
// closures shaped like real ones, built from this machine's files under bench/.cache (hard links, no disk space):
//
//   dominant   ~1.4 GB: one store path (/usr/lib/x86_64-linux-gnu) holds about half the bytes, as a real closure's
//              biggest path (a compiler, a JDK, a browser) does; each store path is its own layer, and the layers are
//              compressed at once as the materialise stage does, so the big one sets the wall time.
//   small      200k files of 1 KiB in one store path: per-file cost.
//
// Every variant runs in its own child process under /usr/bin/time, so wall time, peak RSS and CPU% are measured the
// same way for us and for the peer; rounds alternate ours and the peer and the table shows medians, with each ratio
// (our speed / the peer's) next to it.
//
//   node bench/archive.ts [--rounds N] [--only none|gzip|zstd|small]
//
// Needs tar, pigz, zstd and GNU time (apt-get install -y tar pigz zstd time). Our side runs bundled, as dist/ ships.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { compressLayer } from '../src/archive/compress.ts';
import { packStorePaths } from '../src/archive/tar.ts';
import type { Compression } from '../src/oci/media-types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
// The child runs from a bundle elsewhere, and is told where the cache is.
const CACHE = process.argv[2] === 'child' ? process.argv[5]! : join(HERE, '.cache', 'archive');
const ROOT = join(CACHE, 'root');
const OUT = join(CACHE, 'out');

// The dominant path, then the rest of the closure (each its own layer).
const DOMINANT_SOURCES = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/llvm-14', '/usr/share/locale', '/usr/lib/python3.11', '/usr/share/man'];
const SMALL_FILES = 200_000;
const SMALL_FILE_BYTES = 1024;
const SMALL_FILES_PER_DIR = 1000;

interface Plan {
  name: string;
  layers: string[][];
}

if (process.argv[2] === 'child') {
  await runChild(JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Plan, process.argv[4] as Compression);
} else {
  await main();
}

/** Our side, inside the child process being timed: every layer at once, as the materialise stage runs them. */
async function runChild(plan: Plan, compression: Compression): Promise<void> {
  const limit = pLimit(availableParallelism());
  const results = await Promise.all(
    plan.layers.map((paths, i) =>
      limit(() => compressLayer(packStorePaths(paths, { root: ROOT }), compression, join(OUT, `layer${i}.${compression}`))),
    ),
  );
  const tarBytes = results.reduce((n, r) => n + r.uncompressedSize, 0);
  const blobBytes = results.reduce((n, r) => n + r.size, 0);
  process.stdout.write(JSON.stringify({ tarBytes, blobBytes }) + '\n');
}

interface Run {
  seconds: number;
  rssMB: number;
  cpuPercent: number;
  blobBytes: number;
}

interface Case {
  plan: Plan;
  compression: Compression;
  files: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, only: { type: 'string' } } });
  const rounds = Number(values.rounds);
  for (const tool of ['tar', 'pigz', 'zstd', '/usr/bin/time']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      throw new Error(`bench needs ${tool} (apt-get install -y tar pigz zstd time)`);
  }
  const child = bundleChild();
  const dominant = buildDominantClosure();
  const small = buildSmallFiles();
  const all: Case[] = [
    { plan: dominant, compression: 'none', files: 0 },
    { plan: dominant, compression: 'gzip', files: 0 },
    { plan: dominant, compression: 'zstd', files: 0 },
    { plan: small, compression: 'none', files: SMALL_FILES },
  ];
  const cases = all.filter((c) => !values.only || values.only === (c.plan === small ? 'small' : c.compression));
  const loadBefore = loadavg()[0]!;
  const tarBytes = new Map<Plan, number>();
  const runs = new Map<Case, { ours: Run[]; peer: Run[] }>();
  for (const c of cases) {
    warmPageCache(c.plan);
    const entry = { ours: [] as Run[], peer: [] as Run[] };
    runs.set(c, entry);
    for (let round = 0; round < rounds; round++) {
      const ours = runOurs(c.plan, c.compression, child);
      tarBytes.set(c.plan, ours.tarBytes);
      entry.ours.push(ours);
      entry.peer.push(runPeer(c.plan, c.compression));
    }
  }
  rmSync(OUT, { recursive: true, force: true });
  const loadAfter = loadavg()[0]!;
  const speedup = machineParallelSpeedup(dominant);

  console.log(
    `\nLayer archives: medians of ${rounds} alternating rounds, ${availableParallelism()} cores, node ${process.version}, ` +
      `load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after`,
  );
  console.log(
    `machine check: two single-threaded \`pigz -6 -p1\` at once ran ${speedup.toFixed(2)}x as fast as one (2.00 = two free cores)\n`,
  );
  console.log(
    '| closure | compression | ours MB/s | peer | peer MB/s | ratio | ours blob MB | peer blob MB | ours RSS MB | ours CPU % | peer CPU % |',
  );
  console.log('|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    const { ours, peer } = runs.get(c)!;
    const bytes = tarBytes.get(c.plan)!;
    const o = median(ours.map((r) => r.seconds));
    const p = median(peer.map((r) => r.seconds));
    const speed = (s: number) => (c.files ? `${(c.files / s / 1000).toFixed(0)}k files/s` : (bytes / 1e6 / s).toFixed(0));
    console.log(
      `| ${c.plan.name} (${(bytes / 1e9).toFixed(2)} GB) | ${c.compression} | ${speed(o)} | ${peerName(c.compression)} | ${speed(p)} | ${(p / o).toFixed(2)} | ` +
        `${(median(ours.map((r) => r.blobBytes)) / 1e6).toFixed(0)} | ${(median(peer.map((r) => r.blobBytes)) / 1e6).toFixed(0)} | ` +
        `${median(ours.map((r) => r.rssMB)).toFixed(0)} | ${median(ours.map((r) => r.cpuPercent))} | ${median(peer.map((r) => r.cpuPercent))} |`,
    );
  }
}

function peerName(compression: Compression): string {
  return { gzip: 'tar → pigz -6', zstd: 'tar → zstd -3 -T0', none: 'tar → cat' }[compression];
}

/**
 * This file and the thread scripts bundled as dist/ ships them (so neither the child nor its threads pay for
 * TypeScript stripping, ~34 MB in the main thread and ~12 MB in each thread): what the child runs.
 */
function bundleChild(): string {
  const outdir = join(CACHE, 'bundle');
  const entries = [
    fileURLToPath(import.meta.url),
    ...['compress-worker', 'blob-writer-worker'].map((n) => join(HERE, '..', 'src', 'archive', `${n}.ts`)),
  ];
  execFileSync(join(HERE, '..', 'node_modules', '.bin', 'esbuild'), [
    ...entries,
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--entry-names=[name]',
    // As package.json's build: CommonJS dependencies (tar-stream's streamx) call require.
    "--banner:js=import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);",
    `--outdir=${outdir}`,
    '--log-level=warning',
  ]);
  return join(outdir, 'archive.js');
}

/** Our side in a timed child. */
function runOurs(plan: Plan, compression: Compression, child: string): Run & { tarBytes: number } {
  const planFile = join(CACHE, `${plan.name}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  const { stdout, ...time } = timed([process.execPath, child, 'child', planFile, compression, CACHE]);
  const { tarBytes, blobBytes } = JSON.parse(stdout) as { tarBytes: number; blobBytes: number };
  return { ...time, tarBytes, blobBytes };
}

/** GNU tar with the same determinism flags, one layer after another; pigz and zstd -T0 use every core themselves. */
function runPeer(plan: Plan, compression: Compression): Run {
  const compressor = { gzip: 'pigz -6', zstd: 'zstd -3 -T0 -q', none: 'cat' }[compression];
  const script = plan.layers
    .map((paths, i) => {
      const names = paths.map((p) => `'${p.slice(1)}'`).join(' ');
      return `tar -c --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1 --hard-dereference -C '${ROOT}' ${names} | ${compressor} > '${join(OUT, `peer${i}`)}'`;
    })
    .join('\n');
  const time = timed(['bash', '-c', 'set -euo pipefail\n' + script]);
  const blobBytes = plan.layers.reduce((n, _, i) => n + statSync(join(OUT, `peer${i}`)).size, 0);
  return { ...time, blobBytes };
}

function timed(command: string[]): { stdout: string; seconds: number; rssMB: number; cpuPercent: number } {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const timeFile = join(CACHE, 'time.txt');
  console.error(`running: ${command.slice(-3).join(' ').slice(0, 100)}`);
  const stdout = execFileSync('/usr/bin/time', ['-f', '%e %M %P', '-o', timeFile, ...command], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const [seconds, rssKiB, cpu] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ');
  return { stdout, seconds: Number(seconds), rssMB: (Number(rssKiB) * 1024) / 1e6, cpuPercent: parseInt(cpu!, 10) };
}

function storePathFor(tag: string): string {
  return '/nix/store/' + createHash('sha256').update(tag).digest('hex').slice(0, 32) + '-' + tag.replace(/[^A-Za-z0-9.+_-]/g, '-');
}

/** One store path per source directory, made of hard links; each is its own layer. Stable names and contents. */
function buildDominantClosure(): Plan {
  const layers: string[][] = [];
  for (const source of DOMINANT_SOURCES) {
    const storePath = storePathFor(source.slice(1));
    if (!existsSync(ROOT + storePath)) {
      mkdirSync(dirname(ROOT + storePath), { recursive: true });
      execFileSync('cp', ['-al', source, ROOT + storePath + '.partial']);
      renameSync(ROOT + storePath + '.partial', ROOT + storePath);
    }
    layers.push([storePath]);
  }
  return { name: 'dominant', layers };
}

/** SMALL_FILES files of SMALL_FILE_BYTES each (text that differs per file), in directories of SMALL_FILES_PER_DIR. */
function buildSmallFiles(): Plan {
  const storePath = storePathFor(`small-files-${SMALL_FILES}`);
  if (!existsSync(ROOT + storePath)) {
    const partial = ROOT + storePath + '.partial';
    rmSync(partial, { recursive: true, force: true });
    for (let i = 0; i < SMALL_FILES; i++) {
      const dir = join(partial, `d${Math.floor(i / SMALL_FILES_PER_DIR)}`);
      if (i % SMALL_FILES_PER_DIR === 0) mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `f${i}`), `file ${i}\n`.repeat(SMALL_FILE_BYTES).slice(0, SMALL_FILE_BYTES));
    }
    renameSync(partial, ROOT + storePath);
  }
  return { name: 'small', layers: [[storePath]] };
}

/** Reads every file once so no variant pays for cold disk reads that the next one then gets for free. */
function warmPageCache(plan: Plan): void {
  const names = plan.layers
    .flat()
    .map((p) => `'${p.slice(1)}'`)
    .join(' ');
  execFileSync('bash', ['-c', `tar -c -C '${ROOT}' ${names} > /dev/null`]);
}

/**
 * How much a second core helps right now: two single-threaded pigz runs at once against one. Shared or busy
 * machines give far less than 2x, and every multi-threaded figure above can only be read against this.
 */
function machineParallelSpeedup(plan: Plan): number {
  const sample = join(CACHE, 'calibration.tar');
  execFileSync('bash', [
    '-c',
    `tar -c -C '${ROOT}' '${plan.layers[0]![0]!.slice(1)}' 2>/dev/null | head -c 100000000 > '${sample}' || true`,
  ]);
  const one = timed(['bash', '-c', `pigz -6 -p1 < '${sample}' > /dev/null`]).seconds;
  const two = timed(['bash', '-c', `pigz -6 -p1 < '${sample}' > /dev/null & pigz -6 -p1 < '${sample}' > /dev/null; wait`]).seconds;
  rmSync(sample);
  return (2 * one) / two;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
