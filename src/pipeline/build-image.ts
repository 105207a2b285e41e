import type { BuildSettings } from '../settings/build-settings.ts';
import { CollectedBlobError } from '../storage/liveness.ts';
import { fanOut } from '../targets/fan-out.ts';
import { UploadMeter, meteredTarget } from '../targets/upload-meter.ts';
import { assembleImage, sizeOf } from './assemble.ts';
import type { BuildDestination } from './destination.ts';
import type { BuildEventSink } from './events.ts';
import { materialiseLayers } from './materialise.ts';
import { planImage } from './plan.ts';
import { publishImage, tagImage } from './publish.ts';
import { realiseImage } from './realise.ts';
import { resolveImage } from './resolve.ts';

// One image name to tagged images on every target, through the stages in order. The one path every front door
// (CLI, action, on-demand registry) uses.

export interface BuildRun {
  onEvent?: BuildEventSink;
  /** Stops the Nix build (and its process tree); blobs already written stay, nothing is tagged. */
  signal?: AbortSignal;
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
  /** The package set's commit, when it has one. */
  revision?: string;
  seconds: number;
}

/**
 * Builds one image and points every one of `tags` at it on every target. A concurrent `nixery gc` that removed a
 * blob this build had found and reused makes the build start over once: the second time the blob is missing,
 * so it is packed and uploaded again (docs/garbage-collection.md).
 */
export async function buildImage(
  rawName: string,
  tags: string[],
  settings: BuildSettings,
  destination: BuildDestination,
  run: BuildRun = {},
): Promise<ImageBuildResult> {
  try {
    return await buildOnce(rawName, tags, settings, destination, run);
  } catch (error) {
    if (!(error instanceof CollectedBlobError)) throw error;
    run.onEvent?.({ type: 'blob-collected', image: rawName, digest: error.digest });
    return buildOnce(rawName, tags, settings, destination, run);
  }
}

async function buildOnce(
  rawName: string,
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

  const image = await resolveImage(rawName, tags, settings);
  const result = (fields: BuildFigures): ImageBuildResult => ({
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
  });

  const hit = image.manifestCacheId
    ? await cache.findImage(image.manifestCacheId, (blob) => target.hasBlob(image.name.canonical, blob))
    : null;
  if (hit) {
    onEvent({ type: 'manifest-cache-hit', image: image.name.canonical });
    await tagImage(image, target, { descriptor: hit.manifest, bytes: hit.manifestBytes });
    const size = sizeOf([hit.config, ...hit.layers]);
    return result({
      digest: hit.manifest.digest,
      size,
      layers: hit.layers.length,
      cachedLayers: hit.layers.length,
      packedBytes: 0,
      skippedBytes: size + hit.manifest.size,
      manifestCacheHit: true,
    });
  }

  const realised = await realiseImage(image, settings, onEvent, run.signal);
  const plan = await planImage(image, realised, settings);
  const layers = await materialiseLayers(image.name.canonical, plan, settings, cache, target, onEvent);
  const assembled = assembleImage(image, plan, layers);
  await publishImage(image, assembled, target, cache);

  const cached = layers.filter((l) => l.cached);
  return result({
    digest: assembled.manifest.descriptor.digest,
    size: assembled.size,
    layers: layers.length,
    cachedLayers: cached.length,
    packedBytes: layers.reduce((sum, l) => sum + l.packedBytes, 0),
    skippedBytes: sizeOf(cached.map((l) => l.layer.descriptor)),
    manifestCacheHit: false,
  });
}

type BuildFigures = Pick<
  ImageBuildResult,
  'digest' | 'size' | 'layers' | 'cachedLayers' | 'packedBytes' | 'skippedBytes' | 'manifestCacheHit'
>;
