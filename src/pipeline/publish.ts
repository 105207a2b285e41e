import type { ImageTarget } from '../targets/target.ts';
import type { AssembledImage, Blob } from './assemble.ts';
import type { BuildCache } from './cache.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 6, publish: what the layers (already handed over by materialise) are missing, in the order that keeps
// readers safe on every target: the config, then the manifest, then the manifest-cache entry, then the tags.

export async function publishImage(image: ResolvedImage, assembled: AssembledImage, target: ImageTarget, cache: BuildCache): Promise<void> {
  const name = image.name.canonical;
  await target.putBlobBytes(name, assembled.config.descriptor, assembled.config.bytes);
  await target.putManifest(name, assembled.manifest.descriptor, assembled.manifest.bytes);
  if (image.manifestCacheId) await cache.putManifest(image.manifestCacheId, assembled.manifest.descriptor);
  await tagImage(image, target, assembled.manifest);
}

/** Points each of the image's tags at a manifest the target holds. */
export async function tagImage(image: ResolvedImage, target: ImageTarget, manifest: Blob): Promise<void> {
  await target.tag(image.name.canonical, image.tags, manifest.descriptor, manifest.bytes);
}
