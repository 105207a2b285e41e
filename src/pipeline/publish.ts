import type { ImageTarget } from '../targets/target.ts';
import type { AssembledImage } from './assemble.ts';
import type { Blob } from './image-content.ts';
import type { BuildCache } from './cache.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 6, publish: what the layers (already handed over by materialise) are missing, in the order that keeps
// readers safe on every target: the config, then the manifest, then its SBOM (blobs, then the artifact manifest
// listed as a referrer), then the manifest-cache entry, then the tags: a tag never names an image without its SBOM.

/** With `cache` null (an image assembled again from the manifest cache) no cache entry is written: one exists. */
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
  await tagImage(image, target, assembled.manifest);
}

/** Points each of the image's tags at a manifest the target holds. */
export async function tagImage(image: ResolvedImage, target: ImageTarget, manifest: Blob): Promise<void> {
  await target.tag(image.name.canonical, image.tags, manifest.descriptor, manifest.bytes);
}
