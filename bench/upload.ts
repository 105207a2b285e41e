// Upload throughput and skip rate against the filesystem bucket, with the parallelism used, next to a peer:
// skopeo copying the same image between two OCI layouts (it also skips blobs the destination holds).
//   1. synthetic: BLOBS random blobs of BLOB_MIB MiB stored with ImageStore.putBlobFile (through the content check
//      openStorage puts on every backend) at several parallelisms,
//      cold (empty bucket) then warm (every blob present), and skopeo copy of the same image cold then warm;
//   2. a real warm rebuild of shell/hello with the CLI (Nix, offline example packages), from its JSON figures.
//
//   node bench/upload.ts
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { FilesystemStorage } from '../src/storage/filesystem.ts';
import { ImageStore } from '../src/storage/image-store.ts';
import { sha256Digest } from '../src/oci/digest.ts';
import { MediaType } from '../src/oci/media-types.ts';
import type { Descriptor } from '../src/oci/descriptor.ts';
import { CLI_PATH, EXAMPLE_PACKAGES } from '../test/integration/support/cli.ts';
import { startS3Server } from '../test/integration/support/s3-server.ts';
import { S3Storage } from '../src/storage/s3.ts';
import { withContentCheck } from '../src/storage/content-check.ts';

const BLOBS = 48;
const BLOB_MIB = 4;
const PARALLELISMS = [1, 4, 8];
const work = mkdtempSync(join(tmpdir(), 'nixery-bench-upload-'));
const blobs = Array.from({ length: BLOBS }, () => randomBytes(BLOB_MIB * 1024 * 1024));
const descriptors: Descriptor[] = blobs.map((b) => ({ mediaType: MediaType.ociLayerGzip, digest: sha256Digest(b), size: b.length }));
const totalMiB = BLOBS * BLOB_MIB;

interface Row {
  what: string;
  parallelism: string;
  run: 'cold' | 'warm';
  seconds: number;
  uploaded: number;
  skipped: number;
}
const rows: Row[] = [];

async function putAll(store: ImageStore, parallelism: number): Promise<{ seconds: number; uploaded: number; skipped: number }> {
  const limit = pLimit(parallelism);
  // Staging is part of the cost for us as for the peer: the pipeline stages every compressed layer too.
  const staged = await Promise.all(
    blobs.map(async (bytes, i) => {
      const file = join(await store.storage.stagingDir(), `bench-${i}-${randomBytes(4).toString('hex')}`);
      writeFileSync(file, bytes);
      return file;
    }),
  );
  const started = performance.now();
  const sent = await Promise.all(descriptors.map((d, i) => limit(() => store.putBlobFile(d, staged[i]!))));
  const seconds = (performance.now() - started) / 1000;
  for (const file of staged) rmSync(file, { force: true });
  const uploaded = sent.reduce((a, b) => a + b, 0);
  return { seconds, uploaded, skipped: descriptors.reduce((a, d) => a + d.size, 0) - uploaded };
}

for (const parallelism of PARALLELISMS) {
  // Wrapped as openStorage wraps it: users pay the content-address check on every blob.
  const store = new ImageStore(withContentCheck(new FilesystemStorage(join(work, `ours-p${parallelism}`))));
  for (const run of ['cold', 'warm'] as const)
    rows.push({ what: 'ours: filesystem bucket', parallelism: String(parallelism), run, ...(await putAll(store, parallelism)) });
}

// The same blobs over HTTP into s3rver (loopback), where an upload is a real PUT with checks, not a rename.
const s3 = await startS3Server(['bench']);
Object.assign(process.env, s3.env);
for (const parallelism of PARALLELISMS) {
  const store = new ImageStore(withContentCheck(new S3Storage({ bucket: 'bench', prefix: `p${parallelism}`, endpoint: s3.endpoint })));
  for (const run of ['cold', 'warm'] as const)
    rows.push({
      what: 'ours: S3Storage into s3rver (loopback)',
      parallelism: String(parallelism),
      run,
      ...(await putAll(store, parallelism)),
    });
}
await s3.stop();

// The peer copies a whole image, so the blobs become one image's layers in a source layout.
const source = new ImageStore(new FilesystemStorage(join(work, 'peer-src')));
await putAll(source, 8);
const config = Buffer.from(
  JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: descriptors.map((d) => d.digest) } }),
);
const configDescriptor: Descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest(config), size: config.length };
await source.putBlobBytes(configDescriptor, config);
const manifest = Buffer.from(
  JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociManifest, config: configDescriptor, layers: descriptors }),
);
const manifestDescriptor: Descriptor = { mediaType: MediaType.ociManifest, digest: sha256Digest(manifest), size: manifest.length };
await source.putBlobBytes(manifestDescriptor, manifest);
await source.tag('bench', 'v1', manifestDescriptor);
for (const run of ['cold', 'warm'] as const) {
  const started = performance.now();
  const copy = spawnSync(
    'skopeo',
    ['copy', '--quiet', `oci:${join(work, 'peer-src')}:bench:v1`, `oci:${join(work, 'peer-dst')}:bench:v1`],
    { encoding: 'utf8' },
  );
  if (copy.status !== 0) throw new Error(`skopeo copy failed (apt-get install -y skopeo): ${copy.stderr}`);
  rows.push({
    what: 'peer: skopeo copy oci: -> oci:',
    parallelism: 'skopeo default',
    run,
    seconds: (performance.now() - started) / 1000,
    uploaded: NaN,
    skipped: NaN,
  });
}

// A real warm rebuild through the whole pipeline, as the CLI reports it.
const bucket = join(work, 'cli');
const build = (): { uploadedBytes: number; skippedBytes: number; uploadSeconds: number; seconds: number } => {
  const result = spawnSync(
    process.execPath,
    [CLI_PATH, 'build', 'shell/hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', bucket, '--json'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`nixery build failed: ${result.stderr}`);
  return (
    JSON.parse(result.stdout) as { images: Array<{ uploadedBytes: number; skippedBytes: number; uploadSeconds: number; seconds: number }> }
  ).images[0]!;
};
const cliRows = (['cold', 'warm'] as const).map((run) => ({ run, ...build() }));
rmSync(work, { recursive: true, force: true });

const mib = (bytes: number) => bytes / 1024 / 1024;
console.log(
  `\n${BLOBS} blobs of ${BLOB_MIB} MiB (${totalMiB} MiB); the filesystem bucket stages inside itself, so its upload is a rename\n`,
);
console.log('| writer | parallelism | run | seconds | MiB/s | uploaded MiB | skipped MiB | skip rate |');
console.log('|--------|-------------|-----|---------|-------|--------------|-------------|-----------|');
for (const r of rows) {
  const known = !Number.isNaN(r.uploaded);
  console.log(
    `| ${r.what} | ${r.parallelism} | ${r.run} | ${r.seconds.toFixed(3)} | ${(totalMiB / r.seconds).toFixed(0)} | ` +
      `${known ? mib(r.uploaded).toFixed(0) : 'n/a'} | ${known ? mib(r.skipped).toFixed(0) : 'n/a'} | ` +
      `${known ? `${((100 * r.skipped) / (r.uploaded + r.skipped)).toFixed(0)}%` : 'n/a'} |`,
  );
}
console.log('\nnixery build shell/hello (offline example packages), upload parallelism 8 (default)\n');
console.log('| run | total s | upload s | uploaded bytes | skipped bytes | skip rate |');
console.log('|-----|---------|----------|----------------|---------------|-----------|');
for (const r of cliRows) {
  console.log(
    `| ${r.run} | ${r.seconds.toFixed(2)} | ${r.uploadSeconds.toFixed(3)} | ${r.uploadedBytes} | ${r.skippedBytes} | ${((100 * r.skippedBytes) / (r.uploadedBytes + r.skippedBytes)).toFixed(0)}% |`,
  );
}
