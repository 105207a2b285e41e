import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import { parseCommandArgs } from './args.ts';
import { UsageError } from '../errors.ts';
import { parseKeyValues, parseSourceDateEpoch } from '../image/metadata.ts';
import { assertValidTag, parseImageName, whyCanonicalDiffers } from '../image/name.ts';
import { DEFAULT_LAYER_BUDGET } from '../layers/budget.ts';
import { buildImage } from '../pipeline/build-image.ts';
import type { ImageBuildResult } from '../pipeline/build-image.ts';
import { openDestination } from '../pipeline/destination.ts';
import { builtWhere, derivationsByBuilder } from '../nix/activity.ts';
import { formatBytes, formatSeconds } from '../report/format.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import {
  DEFAULT_TIMEOUT_SECONDS,
  parseBudget,
  parseCompression,
  parsePlatforms,
  parsePositiveInteger,
  parseTimeout,
} from '../settings/rules.ts';
import { chooseSource, DEFAULT_CHANNEL, SOURCE_OPTIONS } from '../settings/source.ts';
import { readDestinations } from '../settings/destinations.ts';
import { readImagesFile } from '../settings/images-file.ts';
import { readNixFlags } from '../settings/nix-settings.ts';
import type { ImageSpec } from '../settings/images-file.ts';
import { STORAGE_LOCATION_HELP } from '../storage/open.ts';
import { BucketTarget } from '../targets/bucket.ts';
import { NIX_OPTIONS, NIX_USAGE } from './nix-options.ts';
import { progressReporter } from './progress.ts';
import { DESTINATION_OPTIONS, destinationFlags, S3_OPTIONS, S3_USAGE, s3Settings } from './storage-options.ts';

export const BUILD_USAGE = `Usage: nixery build (NAME... | --images-file FILE) (--storage BUCKET | --out docker://HOST/PREFIX)... [options]

Builds each NAME (Nix packages separated by "/", e.g. shell/git/htop) into a layered OCI image in BUCKET and
pushes it to every registry named, as PREFIX/NAME:TAG. With --images-file, every image the file declares
(its key is the image name) is built, several at once.

  --storage, -s BUCKET    the bucket images go to, which also keeps the build caches: a local folder (also an OCI
                          image layout), gs://BUCKET/PREFIX or s3://BUCKET/PREFIX
  --out, -o PLACE         a bucket (as --storage) or a registry, docker://HOST[:PORT]/PREFIX; repeat for several.
                          Credentials come from docker login / podman login (config.json, auth.json, credential
                          helpers). Without a bucket, the caches live in NIXERY_CACHE_DIR (~/.cache/nixery)
  --insecure-registry HOST  reach HOST over plain http (loopback registries always are)
  --tag, -t TAG           tag for every image (default: latest); repeat for several
  --platform LIST         platforms to build under the tag, e.g. linux/amd64,linux/arm64: with more than one the
                          tag names an OCI image index (default: linux/amd64, or linux/arm64 for arm64/NAME)
  --merge                 add this build's platforms to the tag's index instead of replacing it: one job of a
                          matrix that builds each platform on its own runner (bucket destinations only; then
                          "nixery copy" pushes the merged tag to registries)
  --nixpkgs COMMIT        package set: nixpkgs at a pinned 40-hex commit, or flake.lock[#INPUT]: the revision a
                          flake.lock pins for INPUT (default nixpkgs)
  --nixpkgs-sha256 HASH   expected hash of that commit's tarball (optional)
  --channel NAME          package set: a Nix channel (default: ${DEFAULT_CHANNEL})
  --pkgs-repo URL         package set: a git repository; the tag selects branch, tag or commit
  --pkgs-path PATH        package set: a local folder with a default.nix
  --flake REF             package set: a flake (., a path, git+file:…, github:owner/repo/rev); names are looked up
                          in its packages.<system>, legacyPackages.<system>, then its nixpkgs input. Pinned (its
                          images cached) when its tree is clean; its flake.lock must match its inputs
  --images-file FILE      build the images FILE declares (YAML or JSON): packages, entrypoint, cmd, env, user,
                          workdir, ports, labels, stop-signal, platforms (see the README)
  --budget N              most store layers per image (default ${DEFAULT_LAYER_BUDGET})
  --compression KIND      gzip (default), zstd or none
  --timeout SECONDS       limit for Nix evaluation and build (default NIX_TIMEOUT or ${DEFAULT_TIMEOUT_SECONDS})
  --parallelism N         layers compressed at once (default: number of cores)
  --upload-parallelism N  blobs checked and uploaded at once (default 8)
  --label KEY=VALUE       a label in the image config (repeat for several; overrides the image's own)
  --annotation KEY=VALUE  an annotation on the manifest (repeat for several; overrides the image's own)
${NIX_USAGE}
  SOURCE_DATE_EPOCH       (environment) the image's created time, in seconds since 1970; unset: 1970-01-01T00:00:01Z
${S3_USAGE}
  --json                  print the results as one JSON document
  --verbose               pass Nix's log through to stderr`;

export async function buildCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...DESTINATION_OPTIONS,
      tag: { type: 'string', short: 't', multiple: true, default: ['latest'] },
      platform: { type: 'string' },
      merge: { type: 'boolean', default: false },
      ...SOURCE_OPTIONS,
      'images-file': { type: 'string' },
      budget: { type: 'string' },
      compression: { type: 'string' },
      timeout: { type: 'string' },
      parallelism: { type: 'string' },
      'upload-parallelism': { type: 'string' },
      label: { type: 'string', multiple: true },
      annotation: { type: 'string', multiple: true },
      ...S3_OPTIONS,
      ...NIX_OPTIONS,
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const specs: ImageSpec[] = values['images-file'] === undefined ? [] : readImagesFile(values['images-file']);
  if (positionals.length === 0 && specs.length === 0) {
    throw new UsageError('no image names given, e.g. nixery build shell/hello --storage ./store, or --images-file FILE');
  }
  const places = destinationFlags(values);
  if (places.length === 0) {
    throw new UsageError(`--storage or --out is required: a bucket (${STORAGE_LOCATION_HELP}) or a registry (docker://HOST/PREFIX)`);
  }
  const destinations = readDestinations(places, { insecure: values['insecure-registry'] ?? [], name: '--storage/--out' });

  // Every name and the tag are checked before anything is built, so a typo in the last name writes nothing.
  for (const name of positionals) parseImageName(name);
  const tags = [...new Set(values.tag)];
  for (const tag of tags) assertValidTag(tag);
  const labels = parseKeyValues(values.label ?? [], '--label');
  const annotations = parseKeyValues(values.annotation ?? [], '--annotation');
  const sourceDateEpoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  const platforms = values.platform !== undefined ? parsePlatforms(values.platform) : undefined;
  const nix = readNixFlags(values, process.env);

  const opened = await openDestination(destinations, { s3: s3Settings(values) });
  const { storage, registries } = opened;
  // The bucket's warnings (an unreadable tag object skipped, an index.json left stale) go to stderr, on a line of their own.
  const warn = (message: string): void =>
    void process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}nixery: warning: ${message}\n`);
  const targets = opened.destination.targets.map((t) => (t instanceof BucketTarget ? new BucketTarget(t.store.withWarnings(warn)) : t));
  const destination = { ...opened.destination, targets };
  const parallelism = parsePositiveInteger('--parallelism', values.parallelism);
  const uploadParallelism = parsePositiveInteger('--upload-parallelism', values['upload-parallelism']);
  const settings: BuildSettings = {
    source: chooseSource(values),
    budget: parseBudget(values.budget),
    compression: parseCompression(values.compression),
    timeoutMs: parseTimeout(values.timeout, process.env),
    ...(parallelism ? { parallelism } : {}),
    ...(uploadParallelism ? { uploadParallelism } : {}),
    labels,
    annotations,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...(platforms ? { platforms } : {}),
    ...(values.merge ? { mergePlatforms: true } : {}),
    nix: nix.nix,
    ...(nix.closurePush ? { closurePush: nix.closurePush } : {}),
  };
  const onEvent = progressReporter(process.stderr, values.verbose);

  // An images file's images build side by side, as many as the machine has cores (Nix and the caches are safe to
  // share). Names alone build one after another, as before: each reuses the layers the previous one packed.
  const limit = pLimit(specs.length > 0 ? Math.max(1, availableParallelism()) : 1);
  const requests = [...positionals, ...specs];
  // Side by side, every build plans with the bucket's images as they were at the start (see BuildRun.knownIndex).
  const knownIndex = specs.length > 0 ? await destination.cache.store.indexedImages().catch(() => new Map<string, string>()) : undefined;
  const outcomes = await Promise.allSettled(
    requests.map((request) =>
      limit(() => buildImage(request, tags, settings, destination, { onEvent, ...(knownIndex ? { knownIndex } : {}) })),
    ),
  );
  const results: BuildReport[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected') return;
    const result = outcome.value;
    const request = requests[i]!;
    const pushed = registries.flatMap((r) => result.tags.map((tag) => r.reference(result.name, tag)));
    results.push({ ...result, requested: typeof request === 'string' ? request : request.name, pushed });
  });
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) {
    // The images that did build are reported; the first failure decides the exit status.
    for (const result of results) process.stderr.write(`built ${result.ref} ${result.digest}\n`);
    throw failed.reason;
  }

  if (values.json) process.stdout.write(JSON.stringify({ bucket: storage.location, images: results }, null, 2) + '\n');
  else for (const result of results) process.stdout.write(describeResult(result));
}

/** One image's result as the command reports it: what was asked for, and where it was pushed. */
type BuildReport = ImageBuildResult & { requested: string; pushed: string[] };

function describeResult(r: BuildReport): string {
  // An images-file entry is asked for by the name it is built under.
  const why = r.requested === r.name ? [] : whyCanonicalDiffers(r.requested);
  return [
    `${r.ref}`,
    ...(why.length ? [`  asked   ${r.requested} (the same image: ${why.join('; ')})`] : []),
    ...r.tags.slice(1).map((tag) => `  tagged  ${r.name}:${tag}`),
    ...r.pushed.map((ref) => `  pushed  ${ref}`),
    `  digest  ${r.digest}${r.platforms ? ' (image index)' : ''}`,
    ...(r.platforms ?? []).map((p) => `    ${p.platform.padEnd(12)} ${p.digest}${p.manifestCacheHit ? ' (manifest cached)' : ''}`),
    ...(r.sbomDigest ? [`  sbom    ${r.sbomDigest} (CycloneDX, a referrer of the image)`] : []),
    ...(r.platforms ?? []).flatMap((p) => (p.sbomDigest ? [`  sbom    ${p.platform.padEnd(12)} ${p.sbomDigest}`] : [])),
    `  size    ${formatBytes(r.size)}`,
    ...(r.revision ? [`  source  revision ${r.revision}`] : []),
    `  layers  ${r.layers} (${r.cachedLayers} reused from cache${r.manifestCacheHit ? ', manifest cached' : ''})`,
    `  wrote   ${formatBytes(r.uploadedBytes)} (${formatBytes(r.skippedBytes)} already there) in ${formatSeconds(r.uploadSeconds)}` +
      `${r.uploadedBytes > 0 && r.uploadSeconds > 0 ? `, ${formatBytes(Math.round(r.uploadedBytes / r.uploadSeconds))}/s` : ''}`,
    ...describeNix(r),
    `  took    ${formatSeconds(r.seconds)}${r.packedBytes > 0 ? ` (archived ${formatBytes(r.packedBytes)} of store files into new layers)` : ''}`,
    '',
  ].join('\n');
}

/** Which machines built the image's derivations, what came from caches, and the closure push. */
function describeNix(r: BuildReport): string[] {
  if (r.nixBuilds === undefined) return [];
  const built = [...derivationsByBuilder(r.nixBuilds)].map(([builder, derivations]) => `${derivations.length} ${builtWhere(builder)}`);
  const push = r.closurePush;
  return [
    `  nix     built ${r.nixBuilds.length} derivations${built.length ? ` (${built.join(', ')})` : ''}, ${r.substitutedPaths ?? 0} store paths from caches`,
    ...(push?.pushed ? [`  cache   pushed ${push.paths} store paths to ${push.url} in ${formatSeconds(push.seconds)}`] : []),
    ...(push && !push.pushed ? [`  cache   push to ${push.url} FAILED: ${push.error}`] : []),
  ];
}
