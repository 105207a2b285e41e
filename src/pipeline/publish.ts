import type { ImageTarget } from '../targets/target.ts';
import type { AssembledImage } from './assemble.ts';
import type { Blob } from './image-content.ts';
import type { BuildCache } from './cache.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 6, publish: what the layers (already handed over by materialise) are missing, in the order that keeps
// readers safe on every target: the config, then the manifest, then its SBOM (blobs, then the artifact manifest
// listed as a referrer), then the manifest-cache entry; then, once every platform's manifest is there, the index
// (when the tag names several platforms), then the tags: a tag never names an image without its SBOM.

/**
 * Stores one platform's config, manifest and SBOM, untagged: pullable by digest, and ready to tag or to list in an
 * index. With `cache` null (an image assembled again from the manifest cache) no cache entry is written: one exists.
 */
export async function publishImage(
  image: ResolvedImage,
  assembled: AssembledImage,
  target: ImageTarget,
  cache: BuildCache | null,
): Promise<void> {
  const name = image.name.canonical;
  await target.putBlobBytes(name, assembled.config.descriptor, assembled.config.bytes);
  await target.putManifest(name, assembled.manifest.descriptor, assembled.manifest.bytes);
  const { sbom } = assembled;
  for (const blob of sbom.blobs) await target.putBlobBytes(name, blob.descriptor, blob.bytes);
  await target.putReferrer(name, assembled.manifest.descriptor, sbom.manifest.descriptor, sbom.manifest.bytes);
  if (image.manifestCacheId && cache) {
    await cache.putManifest(image.manifestCacheId, {
      manifest: assembled.manifest.descriptor,
      sbom: assembled.content.sbom.descriptor,
      ...(assembled.content.licenses ? { licenses: assembled.content.licenses } : {}),
    });
  }
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
