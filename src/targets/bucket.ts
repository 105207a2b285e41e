import type { Descriptor } from '../oci/descriptor.ts';
import type { ImageStore } from '../storage/image-store.ts';
import type { ImageTarget } from './target.ts';

/** A bucket (folder, gs://, s3://) as a target: blobs, manifests and tags go through its ImageStore. */
export class BucketTarget implements ImageTarget {
  readonly store: ImageStore;

  constructor(store: ImageStore) {
    this.store = store;
  }

  readonly consumesFiles = true;

  get location(): string {
    return this.store.storage.location;
  }

  hasBlob(_name: string, blob: Descriptor): Promise<boolean> {
    return this.store.hasBlob(blob.digest, blob.size);
  }

  stagingDir(): Promise<string> {
    return this.store.storage.stagingDir();
  }

  putBlobFile(_name: string, blob: Descriptor, localPath: string): Promise<number> {
    return this.store.putBlobFile(blob, localPath);
  }

  putBlobBytes(_name: string, blob: Descriptor, bytes: Buffer): Promise<number> {
    return this.store.putBlobBytes(blob, bytes);
  }

  // In a bucket a manifest is one more content-addressed blob; the tag objects make it an image.
  putManifest(_name: string, manifest: Descriptor, bytes: Buffer): Promise<number> {
    return this.store.putBlobBytes(manifest, bytes);
  }

  putReferrer(_name: string, subject: Descriptor, referrer: Descriptor, bytes: Buffer): Promise<number> {
    return this.store.putReferrer(subject, referrer, bytes);
  }

  tag(name: string, tags: string[], manifest: Descriptor, _bytes: Buffer): Promise<void> {
    return this.store.tagAll(name, tags, manifest);
  }
}
