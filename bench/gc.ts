// Garbage collection cost on a synthetic bucket of 10,000 blobs and 1,000 tags, next to a peer doing the same job:
// the CNCF distribution registry's `garbage-collect --delete-untagged` over the same images in its own storage
// layout (written here file by file, as the registry writes it).
//
// The bucket: 1,000 images, each a config, a manifest and 8 layers drawn from a pool of 8,000 (4 KiB each), so
// 10,000 blobs; every image has one tag. Then 300 tags are removed (as pull requests closing would), and every
// file is dated two days back, so `--grace 24h` lets gc remove everything unreachable.
// Each tool runs: a dry run (RUNS times: median wall time, peak memory), then one real run on a fresh copy.
//
//   node bench/gc.ts
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_PATH } from '../test/integration/support/cli.ts';

const IMAGES = 1000;
const LAYERS_PER_IMAGE = 8;
const POOL = 8000;
const LAYER_BYTES = 4096;
const UNTAGGED = 300;
const RUNS = 3;

const work = mkdtempSync(path.join(os.tmpdir(), 'nixery-bench-gc-'));
const bucket = path.join(work, 'bucket');
const registryRoot = path.join(work, 'registry');
const registryBlobs = path.join(registryRoot, 'docker/registry/v2');

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function put(file: string, bytes: Buffer | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

function putBlob(bytes: Buffer): string {
  const hex = digest(bytes);
  put(path.join(bucket, 'blobs/sha256', hex), bytes);
  put(path.join(registryBlobs, 'blobs/sha256', hex.slice(0, 2), hex, 'data'), bytes);
  return hex;
}

// Synthesis: the same images in both layouts.
let seed = 1;
function random(): number {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
}
const pool = Array.from({ length: POOL }, () => {
  const bytes = randomBytes(LAYER_BYTES);
  return { hex: putBlob(bytes), size: bytes.length };
});
put(path.join(bucket, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
for (let i = 0; i < IMAGES; i++) {
  const layers = Array.from({ length: LAYERS_PER_IMAGE }, () => pool[Math.floor(random() * POOL)]!).map((l) => ({
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    digest: `sha256:${l.hex}`,
    size: l.size,
  }));
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', created: `image ${i}`, rootfs: { type: 'layers', diff_ids: [] } }),
  );
  const configHex = putBlob(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${configHex}`, size: config.length },
      layers,
    }),
  );
  const manifestHex = putBlob(manifest);
  const name = `bench/image-${i}`;
  const tagged = i >= UNTAGGED;
  if (tagged) {
    put(
      path.join(bucket, 'repositories', name, '_tags', 'pr-1'),
      JSON.stringify({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${manifestHex}`, size: manifest.length }),
    );
  }
  // The registry's repository links: every blob linked into the repository, the manifest as a revision, the tag.
  const repo = path.join(registryBlobs, 'repositories', name);
  for (const layer of [...layers.map((l) => l.digest.slice(7)), configHex])
    put(path.join(repo, '_layers/sha256', layer, 'link'), `sha256:${layer}`);
  put(path.join(repo, '_manifests/revisions/sha256', manifestHex, 'link'), `sha256:${manifestHex}`);
  mkdirSync(path.join(repo, '_manifests/tags'), { recursive: true }); // the registry lists it even when empty
  if (tagged) {
    put(path.join(repo, '_manifests/tags/pr-1/current/link'), `sha256:${manifestHex}`);
    put(path.join(repo, '_manifests/tags/pr-1/index/sha256', manifestHex, 'link'), `sha256:${manifestHex}`);
  }
}
// Two days old: past a 24h grace period.
const old = new Date(Date.now() - 2 * 86_400_000);
const age = (dir: string): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) age(file);
    else utimesSync(file, old, old);
  }
};
age(bucket);
const blobCount = readdirSync(path.join(bucket, 'blobs/sha256')).length;

const registryConfig = (root: string) => {
  const file = path.join(work, `config-${path.basename(root)}.yml`);
  writeFileSync(
    file,
    JSON.stringify({
      version: 0.1,
      log: { level: 'error' },
      storage: { filesystem: { rootdirectory: root }, delete: { enabled: true } },
      http: { addr: '127.0.0.1:0' },
    }),
  );
  return file;
};

interface Measure {
  seconds: number;
  peakMiB: number;
  output: string;
}

/** One run under /usr/bin/time: wall seconds and peak resident memory of the process. */
function measure(command: string, args: string[]): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.slice(-2000)}`);
  const [seconds, kib] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, peakMiB: kib! / 1024, output: result.stdout };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const countFiles = (dir: string): number => readdirSync(dir).length;
const countRegistryBlobs = (root: string): number =>
  readdirSync(path.join(root, 'docker/registry/v2/blobs/sha256')).reduce(
    (sum, prefix) => sum + readdirSync(path.join(root, 'docker/registry/v2/blobs/sha256', prefix)).length,
    0,
  );

const nixery = (storage: string, dryRun: boolean) => [
  CLI_PATH,
  'gc',
  '--storage',
  storage,
  '--grace',
  '24h',
  '--json',
  ...(dryRun ? ['--dry-run'] : []),
];
const registry = (config: string, dryRun: boolean) => ['garbage-collect', '--delete-untagged', ...(dryRun ? ['--dry-run'] : []), config];

const rows: Array<{ tool: string; run: string; seconds: number; peakMiB: number; removed: number; left: number }> = [];

// Start-up and an empty bucket, so the per-blob cost can be told from the process's fixed cost.
const empty = path.join(work, 'empty');
mkdirSync(empty);
const emptyRuns = Array.from({ length: RUNS }, () => measure(process.execPath, nixery(empty, true)));
rows.push({
  tool: 'nixery gc',
  run: 'empty bucket',
  seconds: median(emptyRuns.map((m) => m.seconds)),
  peakMiB: median(emptyRuns.map((m) => m.peakMiB)),
  removed: 0,
  left: 0,
});
const dry = Array.from({ length: RUNS }, () => measure(process.execPath, nixery(bucket, true)));
const dryReport = JSON.parse(dry[0]!.output) as { blobs: { objects: number } };
rows.push({
  tool: 'nixery gc',
  run: `dry run (median of ${RUNS})`,
  seconds: median(dry.map((m) => m.seconds)),
  peakMiB: median(dry.map((m) => m.peakMiB)),
  removed: dryReport.blobs.objects,
  left: blobCount,
});
const regConfig = registryConfig(registryRoot);
const regDry = Array.from({ length: RUNS }, () => measure('docker-registry', registry(regConfig, true)));
rows.push({
  tool: 'docker-registry garbage-collect',
  run: `dry run (median of ${RUNS})`,
  seconds: median(regDry.map((m) => m.seconds)),
  peakMiB: median(regDry.map((m) => m.peakMiB)),
  removed: (regDry[0]!.output.match(/blob eligible for deletion/g) ?? []).length,
  left: countRegistryBlobs(registryRoot),
});

const bucketCopy = path.join(work, 'bucket-real');
cpSync(bucket, bucketCopy, { recursive: true, preserveTimestamps: true });
const real = measure(process.execPath, nixery(bucketCopy, false));
const realReport = JSON.parse(real.output) as { blobs: { objects: number } };
rows.push({
  tool: 'nixery gc',
  run: 'real',
  seconds: real.seconds,
  peakMiB: real.peakMiB,
  removed: realReport.blobs.objects,
  left: countFiles(path.join(bucketCopy, 'blobs/sha256')),
});
const registryCopy = path.join(work, 'registry-real');
cpSync(registryRoot, registryCopy, { recursive: true });
const regReal = measure('docker-registry', registry(registryConfig(registryCopy), false));
rows.push({
  tool: 'docker-registry garbage-collect',
  run: 'real',
  seconds: regReal.seconds,
  peakMiB: regReal.peakMiB,
  removed: blobCount - countRegistryBlobs(registryCopy),
  left: countRegistryBlobs(registryCopy),
});

const fmt = (n: number, digits = 2) => n.toFixed(digits);
console.log(
  `gc of ${blobCount} blobs, ${IMAGES} images (${IMAGES - UNTAGGED} tagged), ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('| tool | run | wall s | peak MiB | blobs removed | blobs left | µs per blob over an empty bucket |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
const fixed = rows[0]!.seconds;
for (const row of rows) {
  const perBlob = row.run === 'empty bucket' ? '' : row.tool === 'nixery gc' ? fmt(((row.seconds - fixed) * 1e6) / blobCount, 0) : '';
  console.log(`| ${row.tool} | ${row.run} | ${fmt(row.seconds)} | ${fmt(row.peakMiB, 0)} | ${row.removed} | ${row.left} | ${perBlob} |`);
}
rmSync(work, { recursive: true, force: true });
