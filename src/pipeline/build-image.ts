import { UsageError } from '../errors.ts';
import type { NixDerivationBuild } from '../nix/activity.ts';
import type { ClosurePushResult } from '../nix/copy.ts';
import type { PlatformManifest } from '../oci/index.ts';
import { platformName } from '../oci/platform.ts';
import type { Arch } from '../oci/platform.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import { CollectedBlobError } from '../storage/liveness.ts';
import { BucketTarget } from '../targets/bucket.ts';
import type { ImageTarget } from '../targets/target.ts';
import { fanOut } from '../targets/fan-out.ts';
import { UploadMeter, meteredTarget } from '../targets/upload-meter.ts';
import { assembleContent, assembleImage, assembleIndex, imageMetadata, sizeOf } from './assemble.ts';
import type { AssembledImage } from './assemble.ts';
import type { Blob } from './image-content.ts';
import type { BuildCache } from './cache.ts';
import type { BuildDestination } from './destination.ts';
import type { BuildEvent, BuildEventSink } from './events.ts';
import { materialiseLayers } from './materialise.ts';
import { readKnownImages } from './known-layers.ts';
import { mergeIntoIndex } from './merge-platforms.ts';
import { planImage } from './plan.ts';
import { publishImage, publishIndex, tagImage } from './publish.ts';
import { pushRealisedClosure, realiseImage } from './realise.ts';
import { platformImages, resolveImage } from './resolve.ts';
import type { ImageRequest, ResolvedImage } from './resolve.ts';

// One image name to tagged images on every target, through the stages in order. The one path every front door
// (CLI, action, on-demand registry) uses.

export interface BuildRun {
  onEvent?: BuildEventSink;
  /** Stops the Nix build (and its process tree); blobs already written stay, nothing is tagged. */
  signal?: AbortSignal;
  /**
   * The bucket's tags (`ImageStore.indexedImages`) as they were when a batch of side-by-side builds started: each
   * plans with the layers of those images, so what it reuses does not depend on which of the batch finished first.
   * Without it a build reads the bucket's index when it starts.
   */
  knownIndex?: Map<string, string>;
}

/** What one build did. The CLI's JSON, the action's outputs, summary and comment all use these names. */
export interface ImageBuildResult {
  name: string;
  /** The first of the image's tags, and its reference `name:tag`. */
  tag: string;
  ref: string;
  tags: string[];
  digest: string;
  /** Config plus compressed layers, as registries report image size. */
  size: number;
  layers: number;
  /** Layers reused from the layer cache: neither packed nor sent. */
  cachedLayers: number;
  /** Uncompressed bytes packed and compressed in this build (0 on a warm rebuild). */
  packedBytes: number;
  /** Bytes written to the targets (0 when they already held everything). */
  uploadedBytes: number;
  /** Bytes of this image's blobs (layers, config, manifest) the targets already held, so nothing was sent. */
  skippedBytes: number;
  /** Wall time during which at least one blob was being checked or uploaded. */
  uploadSeconds: number;
  /** A pinned source's cached manifest was reused: Nix did not run. */
  manifestCacheHit: boolean;
  /** The derivations Nix built, each with where: "local" or a remote builder's store URI (absent when Nix did not run). */
  nixBuilds?: NixDerivationBuild[];
  /** Store paths Nix fetched from binary caches instead of building them (absent when Nix did not run). */
  substitutedPaths?: number;
  /** The copy of the closure to the binary cache (--nix-cache-push), when one is set and Nix ran. */
  closurePush?: ClosurePushResult;
  /** The package set's commit, when it has one. */
  revision?: string;
  /** The digest of the SBOM artifact's manifest (a referrer of `digest`); for an index, each platform has its own. */
  sbomDigest?: string;
  seconds: number;
  /**
   * Present when the tags name an image index: each platform's manifest and figures (the figures above are their
   * sums, and `digest` is the index's).
   */
  platforms?: PlatformBuildResult[];
}

export interface PlatformBuildResult extends BuildFigures {
  /** `linux/amd64`, `linux/arm64`. */
  platform: string;
}

/**
 * Builds one image and points every one of `tags` at it on every target: one platform's manifest, or with several
 * platforms (or a merge) an image index over each platform's manifest. A concurrent `nixery gc` that removed a
 * blob this build had found and reused makes the build start over once: the second time the blob is missing,
 * so it is packed and uploaded again (docs/garbage-collection.md).
 */
export async function buildImage(
  request: ImageRequest,
  tags: string[],
  settings: BuildSettings,
  destination: BuildDestination,
  run: BuildRun = {},
): Promise<ImageBuildResult> {
  try {
    return await buildOnce(request, tags, settings, destination, run);
  } catch (error) {
    if (!(error instanceof CollectedBlobError)) throw error;
    const image = typeof request === 'string' ? request : request.name;
    run.onEvent?.({ type: 'blob-collected', image, digest: error.digest });
    return buildOnce(request, tags, settings, destination, run);
  }
}

async function buildOnce(
  request: ImageRequest,
  tags: string[],
  settings: BuildSettings,
  destination: BuildDestination,
  run: BuildRun,
): Promise<ImageBuildResult> {
  const started = performance.now();
  const onEvent = run.onEvent ?? (() => {});
  const meter = new UploadMeter();
  const target = meteredTarget(fanOut(destination.targets), meter);
  const { cache } = destination;
  if (settings.mergePlatforms && destination.targets.some((t) => !(t instanceof BucketTarget))) {
    throw new UsageError(
      'merging platforms into a tag works through the bucket, where each platform is its own object; ' +
        'leave registries out of the merging builds and push the merged tag with "nixery copy" once every platform is built',
    );
  }

  const image = await resolveImage(request, tags, settings);
  const images = platformImages(image, settings);
  const result = (fields: BuildFigures, extra: Pick<ImageBuildResult, 'platforms'> = {}): ImageBuildResult => ({
    name: image.name.canonical,
    tag: image.tags[0]!,
    ref: `${image.name.canonical}:${image.tags[0]}`,
    tags: image.tags,
    ...fields,
    uploadedBytes: meter.uploadedBytes,
    skippedBytes: fields.skippedBytes + meter.skippedBytes,
    uploadSeconds: meter.seconds,
    ...(image.source.revision ? { revision: image.source.revision } : {}),
    seconds: (performance.now() - started) / 1000,
    ...extra,
  });

  if (image.source.unpinnedBecause) onEvent({ type: 'unpinned', image: image.name.canonical, reason: image.source.unpinnedBecause });
  if (images.length === 1 && !settings.mergePlatforms) {
    const only = await buildPlatform(images[0]!, settings, cache, target, onEvent, run);
    await tagImage(image, target, only.manifest);
    return result(only.figures);
  }

  // Platforms one after another: each Nix build already uses the machine, and their progress stays readable.
  const built: PlatformBuild[] = [];
  for (const platformImage of images) {
    const label = `${image.name.canonical} (${platformName(platformImage.name.arch)})`;
    const labelled = (event: BuildEvent) => onEvent({ ...event, image: label });
    built.push(await buildPlatform(platformImage, settings, cache, target, labelled, run));
  }
  const manifests: PlatformManifest[] = built.map((b) => ({ manifest: b.manifest.descriptor, architecture: b.architecture }));
  // The index carries the image's annotations too (the same for every platform but licenses, taken from the first).
  const annotations = imageMetadata(image, built[0]?.licenses, settings).annotations;
  let index: Blob;
  if (settings.mergePlatforms) {
    index = await mergeIntoIndex(image, manifests, cache.store, target, annotations);
  } else {
    index = assembleIndex(manifests, annotations);
    await publishIndex(image, index, target);
  }
  const figures = built.map((b) => b.figures);
  const sum = (field: 'size' | 'layers' | 'cachedLayers' | 'packedBytes' | 'skippedBytes') =>
    figures.reduce((total, f) => total + f[field], 0);
  return result(
    {
      digest: index.descriptor.digest,
      size: sum('size') + index.descriptor.size,
      layers: sum('layers'),
      cachedLayers: sum('cachedLayers'),
      packedBytes: sum('packedBytes'),
      skippedBytes: sum('skippedBytes'),
      manifestCacheHit: figures.every((f) => f.manifestCacheHit),
      ...nixFigures(figures),
    },
    { platforms: built.map((b) => ({ platform: platformName(b.architecture), ...b.figures })) },
  );
}

interface PlatformBuild {
  architecture: Arch;
  /** The platform's manifest, stored on every target (with its SBOM) but not tagged. */
  manifest: Blob;
  licenses?: string;
  figures: BuildFigures;
}

/** One platform's manifest on every target, through the manifest cache or the stages; tags are the caller's. */
async function buildPlatform(
  image: ResolvedImage,
  settings: BuildSettings,
  cache: BuildCache,
  target: ImageTarget,
  onEvent: BuildEventSink,
  { signal, knownIndex }: BuildRun,
): Promise<PlatformBuild> {
  const architecture = image.name.arch;
  const hit = image.manifestCacheId
    ? await cache.findImage(image.manifestCacheId, (blob) => target.hasBlob(image.name.canonical, blob))
    : null;
  if (hit) {
    onEvent({ type: 'manifest-cache-hit', image: image.name.canonical });
    // The same content with this build's labels, annotations and time: only config and manifests can be new.
    const assembled = assembleContent(image, hit.content, settings);
    await publishImage(image, assembled, target, null);
    const { layers } = hit.content;
    return platformBuild(architecture, assembled, {
      layers: layers.length,
      cachedLayers: layers.length,
      packedBytes: 0,
      skippedBytes: sizeOf(layers),
      manifestCacheHit: true,
    });
  }

  // The bucket's layers (this platform's) are read while Nix builds; reading them never fails (it is advisory).
  const known = readKnownImages(cache.store, image.name.canonical, image.tags, architecture, knownIndex);
  const realised = await realiseImage(image, settings, onEvent, signal);
  // The closure goes to the binary cache while the layers are packed; the image waits for it only at the end.
  const pushing = pushRealisedClosure(image, realised, settings, onEvent, signal);
  const plan = await planImage(image, realised, settings, await known);
  const layers = await materialiseLayers(image.name.canonical, plan, settings, cache, target, onEvent);
  const assembled = assembleImage(image, plan, layers, realised, settings);
  await publishImage(image, assembled, target, cache);
  const cached = layers.filter((l) => l.cached);
  const closurePush = await pushing;
  return platformBuild(architecture, assembled, {
    layers: layers.length,
    cachedLayers: cached.length,
    packedBytes: layers.reduce((sum, l) => sum + l.packedBytes, 0),
    skippedBytes: sizeOf(cached.map((l) => l.layer.descriptor)),
    manifestCacheHit: false,
    nixBuilds: realised.activity.builds,
    substitutedPaths: realised.activity.substituted.length,
    ...(closurePush ? { closurePush } : {}),
  });
}

function platformBuild(
  architecture: Arch,
  assembled: AssembledImage,
  figures: Omit<BuildFigures, 'digest' | 'size' | 'sbomDigest'>,
): PlatformBuild {
  return {
    architecture,
    manifest: assembled.manifest,
    ...(assembled.content.licenses ? { licenses: assembled.content.licenses } : {}),
    figures: {
      digest: assembled.manifest.descriptor.digest,
      size: assembled.size,
      ...figures,
      sbomDigest: assembled.sbom.manifest.descriptor.digest,
    },
  };
}

type BuildFigures = Pick<
  ImageBuildResult,
  | 'digest'
  | 'size'
  | 'layers'
  | 'cachedLayers'
  | 'packedBytes'
  | 'skippedBytes'
  | 'manifestCacheHit'
  | 'sbomDigest'
  | 'nixBuilds'
  | 'substitutedPaths'
  | 'closurePush'
>;

/** The platforms' Nix figures as one: every build, every substitution, and the pushes (the first failure, if any). */
function nixFigures(figures: BuildFigures[]): Pick<BuildFigures, 'nixBuilds' | 'substitutedPaths' | 'closurePush'> {
  const ran = figures.filter((f) => f.nixBuilds !== undefined);
  if (ran.length === 0) return {};
  const pushes = ran.flatMap((f) => (f.closurePush ? [f.closurePush] : []));
  const failed = pushes.find((p) => !p.pushed);
  const seconds = pushes.reduce((total, p) => total + p.seconds, 0);
  const paths = pushes.reduce((total, p) => total + (p.pushed ? p.paths : 0), 0);
  return {
    nixBuilds: ran.flatMap((f) => f.nixBuilds ?? []),
    substitutedPaths: ran.reduce((total, f) => total + (f.substitutedPaths ?? 0), 0),
    ...(failed ? { closurePush: failed } : pushes[0] ? { closurePush: { url: pushes[0].url, pushed: true, paths, seconds } } : {}),
  };
}
