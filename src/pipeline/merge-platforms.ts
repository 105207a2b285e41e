import type { PlatformManifest } from '../oci/index.ts';
import type { ImageStore } from '../storage/image-store.ts';
import type { ImageTarget } from '../targets/target.ts';
import { assembleIndex } from './assemble.ts';
import type { Blob } from './assemble.ts';
import type { ResolvedImage } from './resolve.ts';

// The matrix flow: separate builds (one runner per platform) each add their platforms to one tag's index. Each
// build writes one record object per platform it built, so no build overwrites another's; the tag's index is
// derived from all records. Builds race, so after pointing the tag at an index a build derives again and rewrites
// until the tag names what the records say: records only ever get added, and the last build to write re-checks
// after its own write, so the tag ends up listing every platform (the same convergence as the bucket's index.json).

/** Tries before giving up on a tag that other builds keep changing (each try is a handful of small reads). */
const MAX_ROUNDS = 20;

/** Records `built` under each of the image's tags and points each tag at the index of every recorded platform. */
export async function mergeIntoIndex(
  image: ResolvedImage,
  built: PlatformManifest[],
  bucket: ImageStore,
  target: ImageTarget,
  annotations: Record<string, string> = {},
): Promise<Blob> {
  const name = image.name.canonical;
  for (const tag of image.tags) for (const entry of built) await bucket.putPlatformRecord(name, tag, entry);
  let first: Blob | undefined;
  for (const tag of image.tags) {
    const index = await settleTag(name, tag, bucket, target, annotations);
    first ??= index;
  }
  return first!;
}

async function settleTag(
  name: string,
  tag: string,
  bucket: ImageStore,
  target: ImageTarget,
  annotations: Record<string, string>,
): Promise<Blob> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const index = assembleIndex(await bucket.platformRecords(name, tag), annotations);
    const current = await bucket.resolveTag(name, tag);
    if (current?.digest === index.descriptor.digest) return index;
    await target.putManifest(name, index.descriptor, index.bytes);
    await target.tag(name, [tag], index.descriptor, index.bytes);
  }
  throw new Error(`${name}:${tag} in ${bucket.storage.location} kept changing under concurrent builds; run the build again`);
}
