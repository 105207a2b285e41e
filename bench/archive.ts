// Layer archive throughput: our packStorePaths + compressLayer against GNU tar piped into pigz/zstd, on a
// fake closure made of this machine's /usr/lib and /usr/share. Every variant runs in its own child process
// under /usr/bin/time, so wall time, peak RSS and CPU% are measured the same way for us and for the peer.
//
//   node bench/archive.ts            medium closure (~1.7 GB) in all variants, then the whole ~4.5 GB closure
//   node bench/archive.ts --medium   only the medium closure
// Peak RSS includes ~34 MB for Node's TypeScript stripping, which the bundled dist/ build does not pay.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { compressLayer } from '../src/archive/compress.ts';
import { packStorePaths } from '../src/archive/tar.ts';
import type { Compression } from '../src/oci/media-types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE = join(HERE, '.cache', 'archive');
const ROOT = join(CACHE, 'root');
const OUT = join(CACHE, 'out');
const LAYERS = 4;

interface Plan {
  name: string;
  layers: string[][];
}
type Mode = 'serial' | 'concurrent';

if (process.argv[2] === 'child') {
  await runChild(JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Plan, process.argv[4] as Compression, process.argv[5] as Mode);
} else {
  await main();
}

/** One variant of ours, inside the child process being timed. Prints tar and blob byte counts. */
async function runChild(plan: Plan, compression: Compression, mode: Mode): Promise<void> {
  const limit = pLimit(mode === 'serial' ? 1 : availableParallelism());
  const results = await Promise.all(
    plan.layers.map((paths, i) =>
      limit(() => compressLayer(packStorePaths(paths, { root: ROOT }), compression, join(OUT, `layer${i}.${compression}`))),
    ),
  );
  const tarBytes = results.reduce((n, r) => n + r.uncompressedSize, 0);
  const blobBytes = results.reduce((n, r) => n + r.size, 0);
  process.stdout.write(JSON.stringify({ tarBytes, blobBytes }) + '\n');
}

interface Row {
  closure: string;
  variant: string;
  compression: string;
  seconds: number;
  mbPerSecond: number;
  blobMB: number;
  rssMB: number;
  cpuPercent: number;
}

async function main(): Promise<void> {
  for (const tool of ['tar', 'pigz', 'zstd', '/usr/bin/time']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      throw new Error(`bench needs ${tool} (apt-get install -y tar pigz zstd time)`);
  }
  const storePaths = buildStore();
  const medium = planLayers(
    'medium',
    storePaths.filter((p) => /-(share-.*|lib-x86_64-linux-gnu|lib-llvm-14)$/.test(p)),
  );
  const large = planLayers('large', storePaths);
  const rows: Row[] = [];
  warmPageCache(large);

  const mediumTar = runOurs(medium, 'none', 'serial', rows);
  runOurs(medium, 'none', 'concurrent', rows);
  runPeer(medium, 'none', mediumTar, rows);
  for (const compression of ['gzip', 'zstd'] as const) {
    runOurs(medium, compression, 'serial', rows);
    runOurs(medium, compression, 'concurrent', rows);
    runPeer(medium, compression, mediumTar, rows);
  }
  if (!process.argv.includes('--medium')) {
    const largeTar = runOurs(large, 'gzip', 'concurrent', rows);
    runPeer(large, 'gzip', largeTar, rows);
    runOurs(large, 'zstd', 'concurrent', rows);
    // V8 grows its young generation to tens of MB when garbage is plentiful; capping it bounds RSS.
    runOurs(large, 'gzip', 'concurrent', rows, ['--max-semi-space-size=1']);
    runOurs(large, 'zstd', 'concurrent', rows, ['--max-semi-space-size=1']);
  }
  rmSync(OUT, { recursive: true, force: true });
  const speedup = machineParallelSpeedup(medium);

  console.log(`\nLayer archives, ${LAYERS} layers per closure, ${availableParallelism()} cores, node ${process.version}\n`);
  console.log(
    `machine check: two single-threaded \`pigz -6 -p1\` at once ran ${speedup.toFixed(2)}x as fast as one (2.00 = two free cores)\n`,
  );
  console.log('| closure | variant | compression | wall s | MB/s | blob MB | peak RSS MB | CPU % |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.closure} | ${r.variant} | ${r.compression} | ${r.seconds.toFixed(1)} | ${r.mbPerSecond.toFixed(0)} | ${r.blobMB.toFixed(0)} | ${r.rssMB.toFixed(0)} | ${r.cpuPercent} |`,
    );
  }
}

/** Our variant in a timed child; returns the closure's tar size so peers are rated on the same input. */
function runOurs(plan: Plan, compression: Compression, mode: Mode, rows: Row[], nodeFlags: string[] = []): number {
  const planFile = join(CACHE, `${plan.name}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  const { stdout, seconds, rssMB, cpuPercent } = timed([
    process.execPath,
    ...nodeFlags,
    fileURLToPath(import.meta.url),
    'child',
    planFile,
    compression,
    mode,
  ]);
  const { tarBytes, blobBytes } = JSON.parse(stdout) as { tarBytes: number; blobBytes: number };
  const variant = `ours, ${mode}${mode === 'concurrent' ? ` (${availableParallelism()} at once)` : ''}${nodeFlags.length ? `, node ${nodeFlags.join(' ')}` : ''}`;
  rows.push({
    closure: `${plan.name} (${(tarBytes / 1e9).toFixed(2)} GB)`,
    variant,
    compression,
    seconds,
    mbPerSecond: tarBytes / 1e6 / seconds,
    blobMB: blobBytes / 1e6,
    rssMB,
    cpuPercent,
  });
  return tarBytes;
}

/** GNU tar with the same determinism flags, one layer after another; pigz and zstd -T0 use every core themselves. */
function runPeer(plan: Plan, compression: Compression, tarBytes: number, rows: Row[]): void {
  const compressor = { gzip: 'pigz -6', zstd: 'zstd -3 -T0 -q', none: 'cat' }[compression];
  const script = plan.layers
    .map((paths, i) => {
      const names = paths.map((p) => `'${p.slice(1)}'`).join(' ');
      return `tar -c --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1 --hard-dereference -C '${ROOT}' ${names} | ${compressor} > '${join(OUT, `peer${i}`)}'`;
    })
    .join('\n');
  const { seconds, rssMB, cpuPercent } = timed(['bash', '-c', 'set -euo pipefail\n' + script]);
  const blobBytes = plan.layers.reduce((n, _, i) => n + statSync(join(OUT, `peer${i}`)).size, 0);
  const variant = { gzip: 'tar → pigz -6', zstd: 'tar → zstd -3 -T0', none: 'tar' }[compression];
  rows.push({
    closure: `${plan.name} (${(tarBytes / 1e9).toFixed(2)} GB)`,
    variant,
    compression,
    seconds,
    mbPerSecond: tarBytes / 1e6 / seconds,
    blobMB: blobBytes / 1e6,
    rssMB,
    cpuPercent,
  });
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

/**
 * A fake store under bench/.cache: one store path per top-level entry of /usr/lib and /usr/share, made of
 * hard links so it costs no disk space. Names are stable, so the same machine always gets the same closure.
 */
function buildStore(): string[] {
  const store = join(ROOT, 'nix', 'store');
  mkdirSync(store, { recursive: true });
  const paths: string[] = [];
  for (const [dir, tag] of [
    ['/usr/lib', 'lib'],
    ['/usr/share', 'share'],
  ] as const) {
    for (const name of readdirSync(dir).sort()) {
      const storeName = createHash('sha256').update(`${tag}/${name}`).digest('hex').slice(0, 32) + `-${tag}-${name}`;
      const target = join(store, storeName);
      if (!existsSync(target)) execFileSync('cp', ['-al', join(dir, name), target]);
      paths.push('/nix/store/' + storeName);
    }
  }
  return paths;
}

/** Spreads store paths over LAYERS layers, biggest first into the lightest layer, so layers are similar in size. */
function planLayers(name: string, storePaths: string[]): Plan {
  const sized = storePaths.map((p) => ({
    p,
    bytes: Number(execFileSync('du', ['-s', '-b', ROOT + p], { encoding: 'utf8' }).split('\t')[0]),
  }));
  sized.sort((a, b) => b.bytes - a.bytes || (a.p < b.p ? -1 : 1));
  const layers = Array.from({ length: LAYERS }, () => ({ bytes: 0, paths: [] as string[] }));
  for (const { p, bytes } of sized) {
    const lightest = layers.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.paths.push(p);
    lightest.bytes += bytes;
  }
  return { name, layers: layers.map((l) => l.paths) };
}

/** Reads every file once so no variant pays for cold disk reads that the next one then gets for free. */
function warmPageCache(plan: Plan): void {
  execFileSync('bash', [
    '-c',
    `tar -c -C '${ROOT}' ${plan.layers
      .flat()
      .map((p) => `'${p.slice(1)}'`)
      .join(' ')} > /dev/null`,
  ]);
}

/**
 * How much a second core helps right now: two single-threaded pigz runs at once against one. Shared or
 * busy machines give far less than 2x, and the concurrent rows above can only be read against this.
 */
function machineParallelSpeedup(plan: Plan): number {
  const sample = join(CACHE, 'calibration.tar');
  const names = plan.layers
    .flat()
    .map((p) => `'${p.slice(1)}'`)
    .join(' ');
  execFileSync('bash', ['-c', `tar -c -C '${ROOT}' ${names} 2>/dev/null | head -c 200000000 > '${sample}' || true`]);
  const one = timed(['bash', '-c', `pigz -6 -p1 < '${sample}' > /dev/null`]).seconds;
  const two = timed(['bash', '-c', `pigz -6 -p1 < '${sample}' > /dev/null & pigz -6 -p1 < '${sample}' > /dev/null; wait`]).seconds;
  rmSync(sample);
  return (2 * one) / two;
}
