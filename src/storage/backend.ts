import type { Readable } from 'node:stream';
import type { LocalChecksums } from './checksums.ts';

// The verbs every bucket offers (local folder, GCS, S3). Callers never know which backend they hold; what only
// some backends can do is declared as optional abilities, never recognised by class.

export interface ObjectInfo {
  size: number;
  /** Hex sha256 the writer recorded with the object (object stores keep it as metadata); absent when unknown. */
  sha256?: string;
}

/** One object as a listing sees it. */
export interface ListedObject {
  key: string;
  size: number;
  /**
   * When the object was last written or touched, in ms since the epoch, by the store's own clock (a folder's file
   * system, the object store's service): the garbage collector compares these with each other, never with a
   * local clock.
   */
  modified: number;
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
   * The content's digest (`sha256:<hex>`) for content-addressed objects: the bytes are checked against it
   * (content-check.ts, which openStorage puts in front of every backend), the write is create-only, and
   * "already exists" from a racing writer of the same bytes counts as success.
   */
  digest?: string;
  /**
   * The bytes' checksums, computed by the content check in its one pass; backends use them as given instead of
   * reading the data again, and compute their own only when this is absent.
   */
  checksums?: LocalChecksums;
}

/** Objects stored as plain files in a local folder: readers may open them directly (the registry's sendfile path). */
export interface LocalFiles {
  /** The bucket's folder, absolute. */
  readonly folder: string;
  /** The file that holds (or would hold) key; throws on a key that is not a plain relative key. */
  path(key: string): string;
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
  /**
   * Stores a finished local file under key, atomically. The local file is consumed once stored; when the write
   * fails or is refused it is left where it was, and the caller (who staged it) removes it.
   */
  writeFile(key: string, localPath: string, options?: WriteOptions): Promise<void>;
  /** Keys that start with prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /**
   * Every object under prefix with its size and modification time, sorted by key. Object stores fetch the listing
   * page by page (1,000 keys a request).
   */
  listObjects(prefix: string): Promise<ListedObject[]>;
  /**
   * Sets key's modification time to now without changing its bytes (the garbage collector's liveness mark, see
   * docs/garbage-collection.md), then answers what stat would: the object's info, or null when there is none.
   */
  touch(key: string): Promise<ObjectInfo | null>;
  /** Removes an object; removing one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** A local folder for files that are about to be stored with writeFile (cheapest place to stage them). */
  stagingDir(): Promise<string>;

  // Abilities: present only on backends that have them.

  /** Folder buckets: where each object's file is. */
  readonly local?: LocalFiles;
  /**
   * Object stores: a short-lived URL that reads key without credentials (for blob redirects), or null when the
   * credentials at hand cannot sign.
   */
  signedReadUrl?(key: string, ttlSeconds: number): Promise<string | null>;
}
