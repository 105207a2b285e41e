import { parseArgs } from 'node:util';
import { buildImage } from '../pipeline/pipeline.ts';
import type { ImageBuildResult } from '../pipeline/pipeline.ts';
import { assertValidTag, parseImageName } from '../image/name.ts';
import { DEFAULT_LAYER_BUDGET } from '../layers/plan.ts';
import { ImageStore } from '../storage/image-store.ts';
import { openStorage, STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { formatBytes, formatSeconds } from '../report/format.ts';
import { parseBudget, parseCompression, parsePositiveInteger, parseTimeout, DEFAULT_TIMEOUT_SECONDS } from './options.ts';
import { S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';
import { progressReporter } from './progress.ts';
import { chooseSource, DEFAULT_CHANNEL, SOURCE_OPTIONS } from './source-options.ts';
import { UsageError } from '../errors.ts';

export const BUILD_USAGE = `Usage: nixery build NAME... --out BUCKET [options]

Builds each NAME (Nix packages separated by "/", e.g. shell/git/htop) into a layered OCI image in BUCKET.

  --out, -o BUCKET        where images go: a local folder (also an OCI image layout), gs://BUCKET/PREFIX
                          or s3://BUCKET/PREFIX
  --tag, -t TAG           tag for every image (default: latest)
  --nixpkgs COMMIT        package set: nixpkgs at a pinned 40-hex commit
  --nixpkgs-sha256 HASH   expected hash of that commit's tarball (optional)
  --channel NAME          package set: a Nix channel (default: ${DEFAULT_CHANNEL})
  --pkgs-repo URL         package set: a git repository; the tag selects branch, tag or commit
  --pkgs-path PATH        package set: a local folder with a default.nix
  --budget N              most store layers per image (default ${DEFAULT_LAYER_BUDGET})
  --compression KIND      gzip (default), zstd or none
  --timeout SECONDS       limit for Nix evaluation and build (default NIX_TIMEOUT or ${DEFAULT_TIMEOUT_SECONDS})
  --parallelism N         layers compressed at once (default: number of cores)
  --upload-parallelism N  blobs checked and uploaded at once (default 8)
${S3_USAGE}
  --json                  print the results as one JSON document
  --verbose               pass Nix's log through to stderr`;

export async function buildCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o' },
      tag: { type: 'string', short: 't', default: 'latest' },
      ...SOURCE_OPTIONS,
      budget: { type: 'string' },
      compression: { type: 'string' },
      timeout: { type: 'string' },
      parallelism: { type: 'string' },
      'upload-parallelism': { type: 'string' },
      ...S3_OPTIONS,
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('no image names given, e.g. nixery build shell/hello --out ./store');
  if (!values.out) throw new UsageError(`--out is required: the bucket to write images into (${STORAGE_LOCATION_HELP})`);

  // Every name and the tag are checked before anything is built, so a typo in the last name writes nothing.
  for (const name of positionals) parseImageName(name);
  assertValidTag(values.tag);

  const store = new ImageStore(await openStorage(values.out, { s3: s3Settings(values) }));
  const parallelism = parsePositiveInteger('--parallelism', values.parallelism);
  const uploadParallelism = parsePositiveInteger('--upload-parallelism', values['upload-parallelism']);
  const options = {
    source: chooseSource(values),
    store,
    budget: parseBudget(values.budget),
    compression: parseCompression(values.compression),
    timeoutMs: parseTimeout(values.timeout, process.env),
    ...(parallelism ? { parallelism } : {}),
    ...(uploadParallelism ? { uploadParallelism } : {}),
    onProgress: progressReporter(process.stderr, values.verbose),
  };

  const results: ImageBuildResult[] = [];
  for (const name of positionals) results.push(await buildImage(name, [values.tag], options));

  if (values.json) process.stdout.write(JSON.stringify({ bucket: store.storage.location, images: results }, null, 2) + '\n');
  else for (const result of results) process.stdout.write(describeResult(result));
}

function describeResult(r: ImageBuildResult): string {
  return [
    `${r.ref}`,
    `  digest  ${r.digest}`,
    `  size    ${formatBytes(r.size)}`,
    `  layers  ${r.layers} (${r.cachedLayers} reused from cache${r.manifestCacheHit ? ', manifest cached' : ''})`,
    `  wrote   ${formatBytes(r.uploadedBytes)} (${formatBytes(r.skippedBytes)} already in the bucket) in ${formatSeconds(r.uploadSeconds)}` +
      `${r.uploadedBytes > 0 && r.uploadSeconds > 0 ? `, ${formatBytes(Math.round(r.uploadedBytes / r.uploadSeconds))}/s` : ''}`,
    `  took    ${formatSeconds(r.seconds)}, compressed ${formatBytes(r.compressedBytes)}`,
    '',
  ].join('\n');
}
