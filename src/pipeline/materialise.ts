import os from 'node:os';
import { rm } from 'node:fs/promises';
import pLimit from 'p-limit';
import { compressLayer } from '../archive/compress.ts';
import type { ImageTarget } from '../targets/target.ts';
import { layerMediaType } from '../oci/media-types.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import type { BuildCache, CachedLayer } from './cache.ts';
import type { BuildEventSink } from './events.ts';
import type { ImagePlan, LayerSpec } from './plan.ts';
import { putStoredBlob, stagingPath } from './stored-blob.ts';
import { DEFAULT_UPLOAD_PARALLELISM } from '../settings/build-settings.ts';

// Stage 4, materialise: each planned layer becomes a blob, through the layer cache. A layer the cache knows and
// the destination still holds costs one existence check; any other is packed, compressed and hashed in one pass
// into a staged file, handed to the destination at once (compression of the next layers overlaps the upload),
// and then recorded in the cache.

/** Where finished layer blobs go; the publish stage's destination provides it. */
export type LayerSink = Pick<ImageTarget, 'hasBlob' | 'stagingDir' | 'putBlobFile' | 'consumesFiles'>;

export interface MaterialisedLayer {
  layer: CachedLayer;
  /** Reused from the layer cache: nothing was packed or sent. */
  cached: boolean;
  /** Uncompressed bytes packed and compressed for this layer (0 when cached). */
  packedBytes: number;
}

export async function materialiseLayers(
  image: string,
  plan: ImagePlan,
  settings: BuildSettings,
  cache: BuildCache,
  sink: LayerSink,
  onEvent: BuildEventSink,
): Promise<MaterialisedLayer[]> {
  // Separate limits: a layer waiting for an upload slot does not hold a compression slot (and the reverse).
  const slots: Slots = {
    compress: pLimit(settings.parallelism ?? os.availableParallelism()),
    upload: pLimit(settings.uploadParallelism ?? DEFAULT_UPLOAD_PARALLELISM),
  };
  let done = 0;
  return Promise.all(
    plan.layers.map(async (spec) => {
      const layer = await cache.oneLayerAtATime(spec.cacheId, () => materialiseLayer(image, spec, plan, cache, sink, slots));
      onEvent({ type: 'layer', image, index: ++done, count: plan.layers.length, cached: layer.cached, bytes: layer.layer.descriptor.size });
      return layer;
    }),
  );
}

interface Slots {
  compress: ReturnType<typeof pLimit>;
  upload: ReturnType<typeof pLimit>;
}

/**
 * A cache entry counts while its blob is at the destination, or still in the cache's bucket: then a target that
 * lacks it (a registry pushed to for the first time) gets a copy, and nothing is packed again. Otherwise the layer
 * is built again.
 */
async function materialiseLayer(
  image: string,
  spec: LayerSpec,
  plan: ImagePlan,
  cache: BuildCache,
  sink: LayerSink,
  slots: Slots,
): Promise<MaterialisedLayer> {
  const cached = await slots.upload(async () => {
    const entry = await cache.getLayer(spec.cacheId);
    return entry && (await reuseCachedLayer(image, entry, cache, sink)) ? entry : null;
  });
  if (cached) return { layer: cached, cached: true, packedBytes: 0 };

  const staged = await stagingPath(sink);
  try {
    const digests = await slots.compress(() => compressLayer(spec.pack(), plan.compression, staged));
    const layer: CachedLayer = {
      descriptor: { mediaType: layerMediaType(plan.compression), digest: digests.digest, size: digests.size },
      diffId: digests.diffId,
      uncompressedSize: digests.uncompressedSize,
    };
    await slots.upload(async () => {
      await sink.putBlobFile(image, layer.descriptor, staged);
      await cache.putLayer(spec.cacheId, layer);
    });
    return { layer, cached: false, packedBytes: digests.uncompressedSize };
  } finally {
    await rm(staged, { force: true });
  }
}

/** Whether the destination holds a cached layer's blob, after handing it one from the cache's bucket if needed. */
async function reuseCachedLayer(image: string, entry: CachedLayer, cache: BuildCache, sink: LayerSink): Promise<boolean> {
  if (await sink.hasBlob(image, entry.descriptor)) return true;
  if (!(await cache.store.hasBlob(entry.descriptor.digest, entry.descriptor.size))) return false;
  await putStoredBlob(cache.store, sink, image, entry.descriptor);
  return true;
}
