import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { StorageBackend } from '../../../src/storage/backend.ts';
import { ImageStore } from '../../../src/storage/image-store.ts';
import type { BucketTarget } from '../../../src/targets/bucket.ts';
import type { ImageTarget } from '../../../src/targets/target.ts';
import type { Descriptor } from '../../../src/oci/descriptor.ts';

// Images made of given layer bytes, published through the bucket target as a build publishes (layers, config,
// manifest, tags), for lifecycle tests that need many images fast. Plus an independent walk of a bucket: what the
// tags reach, computed here from the JSON without the code under test.

export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function descriptor(mediaType: string, bytes: Buffer): Descriptor {
  return { mediaType, digest: digestOf(bytes), size: bytes.length };
}

/** Deterministic layer bytes: equal seeds give equal blobs, so images share them. */
export function layerBytes(seed: string, size = 2000): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export interface PublishedImage {
  manifest: Descriptor;
  manifestBytes: Buffer;
  blobs: Descriptor[];
}

/** Publishes an image of these layers and points name:tags at it. */
export async function publishImage(target: ImageTarget, name: string, tags: string[], layers: Buffer[]): Promise<PublishedImage> {
  const layerDescriptors = layers.map((bytes) => descriptor('application/vnd.oci.image.layer.v1.tar+gzip', bytes));
  for (const [i, bytes] of layers.entries()) await target.putBlobBytes(name, layerDescriptors[i]!, bytes);
  const configBytes = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layerDescriptors.map((d) => d.digest) } }),
  );
  const config = descriptor('application/vnd.oci.image.config.v1+json', configBytes);
  await target.putBlobBytes(name, config, configBytes);
  const manifestBytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers: layerDescriptors }),
  );
  const manifest = descriptor('application/vnd.oci.image.manifest.v1+json', manifestBytes);
  await target.putManifest(name, manifest, manifestBytes);
  await target.tag(name, tags, manifest, manifestBytes);
  return { manifest, manifestBytes, blobs: [config, ...layerDescriptors] };
}

/** A referrer (an SBOM-like artifact) whose subject is `subject`, listed under it as a build lists an SBOM; no tag. */
export async function publishReferrer(target: BucketTarget, name: string, subject: Descriptor, content: Buffer): Promise<Descriptor[]> {
  const blob = descriptor('application/vnd.cyclonedx+json', content);
  await target.putBlobBytes(name, blob, content);
  const emptyBytes = Buffer.from('{}');
  const empty = descriptor('application/vnd.oci.empty.v1+json', emptyBytes);
  await target.putBlobBytes(name, empty, emptyBytes);
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: blob.mediaType,
      config: empty,
      layers: [blob],
      subject,
    }),
  );
  const manifest = descriptor('application/vnd.oci.image.manifest.v1+json', bytes);
  // As a build publishes an SBOM: the artifact manifest, then its record under the subject's referrers.
  await target.putReferrer(name, subject, manifest, bytes);
  return [manifest, empty, blob];
}

/** Blob digests the tags reach (manifests, configs, layers, and manifests whose subject is reached), walked here. */
export async function reachableBlobs(storage: StorageBackend): Promise<Set<string>> {
  const read = async (digest: string) =>
    JSON.parse((await storage.readBytes(`blobs/sha256/${digest.slice(7)}`))!.toString()) as Record<string, unknown>;
  const reached = new Set<string>();
  const visit = async (digest: string): Promise<void> => {
    if (reached.has(digest)) return;
    reached.add(digest);
    const manifest = await read(digest);
    const parts = [manifest.config, ...((manifest.layers as unknown[]) ?? [])] as Descriptor[];
    for (const part of parts) if (part) reached.add(part.digest);
  };
  for (const key of await storage.list('repositories/')) {
    const record = JSON.parse((await storage.readBytes(key))!.toString()) as Descriptor;
    await visit(record.digest);
  }
  // Referrers: any stored JSON manifest whose subject is reached.
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of await storage.list('blobs/')) {
      const digest = `sha256:${key.split('/').pop()}`;
      if (reached.has(digest)) continue;
      const bytes = (await storage.readBytes(key))!;
      if (bytes[0] !== 0x7b) continue;
      const subject = (JSON.parse(bytes.toString()) as { subject?: Descriptor }).subject;
      if (subject && reached.has(subject.digest)) {
        await visit(digest);
        grew = true;
      }
    }
  }
  return reached;
}

/** Every blob in the bucket with its size. */
export async function blobsIn(storage: StorageBackend): Promise<Map<string, number>> {
  const blobs = new Map<string, number>();
  for (const key of await storage.list('blobs/')) blobs.set(`sha256:${key.split('/').pop()}`, (await storage.stat(key))!.size);
  return blobs;
}

/** Every tag resolves to a manifest whose blobs all exist and hash to their digests. */
export async function assertTagsWhole(storage: StorageBackend): Promise<number> {
  const store = new ImageStore(storage);
  const images = await store.listTaggedImages();
  for (const image of images) {
    const bytes = await storage.readBytes(`blobs/sha256/${image.manifest.digest.slice(7)}`);
    assert.ok(bytes, `manifest of ${image.name}:${image.tag} exists`);
    assert.equal(digestOf(bytes), image.manifest.digest);
    const manifest = JSON.parse(bytes.toString()) as { config: Descriptor; layers: Descriptor[] };
    for (const part of [manifest.config, ...manifest.layers]) {
      const blob = await storage.readBytes(`blobs/sha256/${part.digest.slice(7)}`);
      assert.ok(blob, `${part.digest} of ${image.name}:${image.tag} exists`);
      assert.equal(digestOf(blob), part.digest, `${part.digest} of ${image.name}:${image.tag} hashes to its digest`);
    }
  }
  return images.length;
}
