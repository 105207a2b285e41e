import type { Readable } from 'node:stream';

// The verbs every bucket offers (local folder now; GCS and S3 later). Callers never know which backend they hold.

export interface ObjectInfo {
  size: number;
  /** Hex sha256 the writer recorded with the object (object stores keep it as metadata); absent when unknown. */
  sha256?: string;
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface WriteOptions {
  contentType?: string;
  /**
   * The content's digest (`sha256:<hex>`) for content-addressed objects: the backend checks the bytes against it,
   * writes create-only, and treats "already exists" from a racing writer of the same bytes as success.
   */
  digest?: string;
}

export interface StorageBackend {
  /** Where the bucket is, for messages (e.g. `/srv/store`, `gs://bucket/prefix`). */
  readonly location: string;
  /** Size of an object, or null when it does not exist. */
  stat(key: string): Promise<ObjectInfo | null>;
  /** A whole small object (JSON, manifests), or null when it does not exist. */
  readBytes(key: string): Promise<Buffer | null>;
  /** A stream over an object or part of it, or null when it does not exist. */
  openRead(key: string, range?: ByteRange): Promise<Readable | null>;
  /** Creates or replaces an object; readers see the old or the new bytes, never a mix. */
  writeBytes(key: string, data: Buffer, options?: WriteOptions): Promise<void>;
  /** Stores a finished local file under key, atomically; the local file is consumed. */
  writeFile(key: string, localPath: string, options?: WriteOptions): Promise<void>;
  /** Keys that start with prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** A local folder for files that are about to be stored with writeFile (cheapest place to stage them). */
  stagingDir(): Promise<string>;
}
