import type { Descriptor } from '../oci/descriptor.ts';

// Where images go. A bucket today; an OCI registry is the next kind. Publishing is the same order for every
// target: the blobs it lacks, then the manifest, then the tags, so a reader never finds a tag whose objects
// are missing. Every call names the image (its canonical name): a registry keeps blobs per repository, while a
// bucket shares one blob namespace and ignores it.

export interface ImageTarget {
  /** Where the target is, for messages (a folder, gs://bucket/prefix, a registry repository). */
  readonly location: string;
  /** Whether the target already holds this blob (same digest and size). */
  hasBlob(name: string, blob: Descriptor): Promise<boolean>;
  /** A local folder for files about to be handed to putBlobFile (where that hand-over is cheapest). */
  stagingDir(): Promise<string>;
  /** Whether putBlobFile may move the file away (a folder bucket renames it into place) rather than only read it. */
  readonly consumesFiles: boolean;
  /**
   * Stores a blob from a finished local file, unless the target holds it already; returns the bytes sent.
   * The target may consume (move) the file: callers must not use it afterwards.
   */
  putBlobFile(name: string, blob: Descriptor, localPath: string): Promise<number>;
  /** Stores a small blob (config) from memory unless present; returns the bytes sent. */
  putBlobBytes(name: string, blob: Descriptor, bytes: Buffer): Promise<number>;
  /** Stores a manifest whose blobs are all present; returns the bytes sent. */
  putManifest(name: string, manifest: Descriptor, bytes: Buffer): Promise<number>;
  /**
   * Stores an artifact manifest (its blobs already put) that names `subject`, and makes it findable as one of the
   * subject's referrers; returns the bytes sent. `referrer` carries the artifactType (and annotations) to list.
   */
  putReferrer(name: string, subject: Descriptor, referrer: Descriptor, bytes: Buffer): Promise<number>;
  /** Points every name:tag at a manifest the target holds; `bytes` are the manifest's (a registry PUTs them per tag). */
  tag(name: string, tags: string[], manifest: Descriptor, bytes: Buffer): Promise<void>;
}
