import type { ImageTarget } from '../targets/target.ts';
import type { AssembledImage, Blob } from './assemble.ts';
import type { BuildCache } from './cache.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 6, publish: what the layers (already handed over by materialise) are missing, in the order that keeps
// readers safe on every target: the config, then the manifest, then the manifest-cache entry; then, once every
// platform's manifest is there, the index (when the tag names several platforms), then the tags.

/** Stores one platform's config and manifest, untagged: pullable by digest, and ready to tag or to list in an index. */
export async function publishImage(image: ResolvedImage, assembled: AssembledImage, target: ImageTarget, cache: BuildCache): Promise<void> {
  const name = image.name.canonical;
  await target.putBlobBytes(name, assembled.config.descriptor, assembled.config.bytes);
  await target.putManifest(name, assembled.manifest.descriptor, assembled.manifest.bytes);
  if (image.manifestCacheId) await cache.putManifest(image.manifestCacheId, assembled.manifest.descriptor);
}

/** Stores an index whose platform manifests the target holds, then points the image's tags at it. */
export async function publishIndex(image: ResolvedImage, index: Blob, target: ImageTarget): Promise<void> {
  await target.putManifest(image.name.canonical, index.descriptor, index.bytes);
  await tagImage(image, target, index);
}

/** Points each of the image's tags at a manifest (or index) the target holds. */
export async function tagImage(image: ResolvedImage, target: ImageTarget, manifest: Blob): Promise<void> {
  await target.tag(image.name.canonical, image.tags, manifest.descriptor, manifest.bytes);
}
