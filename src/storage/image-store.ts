import { createWriteStream } from 'node:fs';
import { copyFile, link } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { compareStrings } from '../compare.ts';
import type { StorageBackend } from './backend.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { MediaType } from '../oci/media-types.ts';
import { INDEX_KEY, OCI_LAYOUT_CONTENT, OCI_LAYOUT_KEY, TAGS_PREFIX, blobKey, parseTagKey, tagKey } from './layout.ts';

export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export interface TaggedImage {
  name: string;
  tag: string;
  manifest: Descriptor;
}

/**
 * Images in a bucket: content-addressed blobs, one object per tag, and the derived OCI index.
 * Order of writes is what makes readers safe: blobs before the manifests that name them, manifests before tags.
 */
export class ImageStore {
  readonly storage: StorageBackend;

  constructor(storage: StorageBackend) {
    this.storage = storage;
  }

  async hasBlob(digest: string, size?: number): Promise<boolean> {
    const info = await this.storage.stat(blobKey(digest));
    // A recorded checksum that disagrees means a foreign object sits under the key: treat it as missing.
    if (info?.sha256 !== undefined && `sha256:${info.sha256}` !== digest) return false;
    return info !== null && (size === undefined || info.size === size);
  }

  /** Stores a staged blob unless the bucket already holds it; returns the bytes actually written. */
  async putBlobFile(descriptor: Descriptor, localPath: string): Promise<number> {
    if (await this.hasBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeFile(blobKey(descriptor.digest), localPath, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }

  async putBlobBytes(descriptor: Descriptor, bytes: Buffer): Promise<number> {
    if (await this.hasBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeBytes(blobKey(descriptor.digest), bytes, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }

  /** The file that holds a blob, when the bucket is a local folder (readers may use it; nobody may move it). */
  localBlobFile(digest: string): string | null {
    return this.storage.local?.path(blobKey(digest)) ?? null;
  }

  /**
   * Puts a stored blob at a local path (to hand to another target). A folder bucket links its own file there when it
   * can (instant: blobs are never written again), else copies it; other buckets download it.
   */
  async stageBlob(blob: Descriptor, localPath: string): Promise<void> {
    const key = blobKey(blob.digest);
    const own = this.storage.local?.path(key);
    if (own) return link(own, localPath).catch(() => copyFile(own, localPath));
    const stream = await this.storage.openRead(key);
    if (!stream) throw new Error(`blob ${blob.digest} is not in ${this.storage.location}`);
    await pipeline(stream, createWriteStream(localPath));
  }

  async readBlob(digest: string): Promise<Buffer | null> {
    return this.storage.readBytes(blobKey(digest));
  }

  /** Points name:tag at a manifest that is already stored, then refreshes the OCI index. */
  async tag(name: string, tag: string, manifest: Descriptor): Promise<void> {
    await this.tagAll(name, [tag], manifest);
  }

  /** Points every name:tag at one stored manifest; the index, which lists all tags, is refreshed once. */
  async tagAll(name: string, tags: string[], manifest: Descriptor): Promise<void> {
    if (!(await this.hasBlob(manifest.digest, manifest.size))) {
      throw new Error(`cannot tag ${name}:${tags.join(',')}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    const record = Buffer.from(JSON.stringify({ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size }));
    for (const tag of new Set(tags)) {
      await this.storage.writeBytes(tagKey(name, tag), record, { contentType: 'application/json' });
    }
    await this.refreshIndex();
  }

  async resolveTag(name: string, tag: string): Promise<Descriptor | null> {
    const bytes = await this.storage.readBytes(tagKey(name, tag));
    return bytes ? parseTagRecord(bytes, `${name}:${tag}`) : null;
  }

  async listTaggedImages(): Promise<TaggedImage[]> {
    const images: TaggedImage[] = [];
    for (const key of await this.storage.list(TAGS_PREFIX)) {
      const parsed = parseTagKey(key);
      if (!parsed) continue;
      const manifest = await this.resolveTag(parsed.name, parsed.tag);
      if (manifest) images.push({ ...parsed, manifest });
    }
    return images;
  }

  /**
   * index.json is derived from the tag objects. Writers race, so after writing we list again and rewrite until
   * what we wrote matches what is there: the last writer always re-checks after its own write, so it converges.
   */
  private async refreshIndex(): Promise<void> {
    if (!(await this.storage.stat(OCI_LAYOUT_KEY))) {
      await this.storage.writeBytes(OCI_LAYOUT_KEY, Buffer.from(OCI_LAYOUT_CONTENT));
    }
    let written = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      const index = serializeIndex(await this.listTaggedImages());
      if (index === written) return;
      await this.storage.writeBytes(INDEX_KEY, Buffer.from(index), { contentType: MediaType.ociIndex });
      written = index;
    }
    throw new Error(`index.json in ${this.storage.location} kept changing under concurrent writers; run the build again`);
  }
}

function serializeIndex(images: TaggedImage[]): string {
  const manifests = images
    .map((image) => ({
      ...image.manifest,
      annotations: { [REF_NAME_ANNOTATION]: `${image.name}:${image.tag}` },
    }))
    .sort((a, b) => compareStrings(a.annotations[REF_NAME_ANNOTATION], b.annotations[REF_NAME_ANNOTATION]));
  return JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests });
}

function parseTagRecord(bytes: Buffer, what: string): Descriptor {
  const record = JSON.parse(bytes.toString('utf8')) as Partial<Descriptor>;
  if (typeof record.digest !== 'string' || typeof record.size !== 'number' || typeof record.mediaType !== 'string') {
    throw new Error(`tag record for ${what} is malformed`);
  }
  return { mediaType: record.mediaType, digest: record.digest, size: record.size };
}
