import pLimit from 'p-limit';
import { UsageError } from '../errors.ts';
import { isDescriptor } from '../oci/descriptor.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { sha256Digest } from '../oci/digest.ts';
import { platformManifestsOf } from '../oci/index.ts';
import { MediaType } from '../oci/media-types.ts';
import type { ImageStore } from '../storage/image-store.ts';
import { UploadMeter, meteredTarget } from '../targets/upload-meter.ts';
import type { ImageTarget } from '../targets/target.ts';
import { sizeOf } from './assemble.ts';
import { DEFAULT_UPLOAD_PARALLELISM } from '../settings/build-settings.ts';
import { putStoredBlob } from './stored-blob.ts';

// Promotes an image already in a bucket to another target (a registry, another bucket) without building it:
// the blobs the target lacks, then the manifest (each platform's, then the index's, for a multi-platform tag), then
// the artifacts that refer to each image manifest (its SBOM), then the tags, in the same order as a build publishes.

export interface CopyResult {
  name: string;
  digest: string;
  tags: string[];
  uploadedBytes: number;
  skippedBytes: number;
}

export async function copyImage(source: ImageStore, name: string, tag: string, target: ImageTarget, tags: string[]): Promise<CopyResult> {
  const manifest = await source.resolveTag(name, tag);
  if (!manifest) throw new UsageError(`${name}:${tag} is not in ${source.storage.location}; "nixery build" it there first`);
  const bytes = await readManifest(source, manifest, `${name}:${tag}`);
  const isIndex = manifest.mediaType === MediaType.ociIndex;
  const platforms = isIndex
    ? await Promise.all(
        platformManifestsOf(bytes).map(async ({ manifest: m }) => ({
          manifest: m,
          bytes: await readManifest(source, m, `${name}:${tag} (${m.digest})`),
        })),
      )
    : [];
  const images = isIndex ? platforms : [{ manifest, bytes }];
  const blobs = images.flatMap((image) => blobsOf(image.bytes, `${name}:${tag}`));
  // Every target stores a manifest only after its blobs (buckets write in that order, registries refuse a manifest
  // whose blobs are missing), and an index only after its manifests, so a target that holds it needs only the tags.
  if (await target.hasBlob(name, manifest)) {
    for (const image of images) await copyReferrers(source, name, image.manifest, target);
    await target.tag(name, tags, manifest, bytes);
    return { name, digest: manifest.digest, tags, uploadedBytes: 0, skippedBytes: sizeOf(blobs) + sizeOf(images.map((i) => i.manifest)) };
  }
  const meter = new UploadMeter();
  const metered = meteredTarget(target, meter);
  // Existence checks and uploads of separate blobs wait on the network, not on each other.
  const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
  const unique = [...new Map(blobs.map((blob) => [blob.digest, blob])).values()];
  await Promise.all(
    unique.map((blob) =>
      limit(async () => {
        if (await metered.hasBlob(name, blob)) meter.skip(blob.size);
        else await putStoredBlob(source, metered, name, blob);
      }),
    ),
  );
  for (const platform of platforms) await metered.putManifest(name, platform.manifest, platform.bytes);
  await metered.putManifest(name, manifest, bytes);
  for (const image of images) await copyReferrers(source, name, image.manifest, metered);
  await metered.tag(name, tags, manifest, bytes);
  return { name, digest: manifest.digest, tags, uploadedBytes: meter.uploadedBytes, skippedBytes: meter.skippedBytes };
}

/** The bucket's referrers of `subject` (its SBOM), each with its blobs, onto the target. */
async function copyReferrers(source: ImageStore, name: string, subject: Descriptor, target: ImageTarget): Promise<void> {
  for (const referrer of await source.listReferrers(subject.digest)) {
    const bytes = await source.readBlob(referrer.digest);
    if (!bytes || sha256Digest(bytes) !== referrer.digest) continue;
    for (const blob of blobsOf(bytes, `the artifact ${referrer.digest}`)) {
      if (!(await target.hasBlob(name, blob))) await putStoredBlob(source, target, name, blob);
    }
    await target.putReferrer(name, subject, referrer, bytes);
  }
}

async function readManifest(source: ImageStore, manifest: Descriptor, what: string): Promise<Buffer> {
  const bytes = await source.readBlob(manifest.digest);
  if (!bytes || sha256Digest(bytes) !== manifest.digest) {
    throw new Error(`the manifest of ${what} (${manifest.digest}) is missing or damaged in ${source.storage.location}`);
  }
  return bytes;
}

function blobsOf(manifest: Buffer, what: string): Descriptor[] {
  const parsed = JSON.parse(manifest.toString('utf8')) as { config?: unknown; layers?: unknown };
  const layers = Array.isArray(parsed.layers) ? parsed.layers : [];
  if (!isDescriptor(parsed.config) || !layers.every(isDescriptor)) throw new Error(`the manifest of ${what} is not an image manifest`);
  return [parsed.config, ...layers];
}
