import type { Readable } from 'node:stream';
import { digestHex } from '../oci/digest.ts';
import type { ByteRange, ListedObject, LocalFiles, ObjectInfo, StorageBackend, WriteOptions } from './backend.ts';
import { checksumsOfBytes, checksumsOfFile } from './checksums.ts';
import type { LocalChecksums } from './checksums.ts';

// Content-addressed writes are checked once, here, for every backend: bytes that do not hash to their digest would
// poison the bucket for every later pull. For object stores the one pass over the bytes also yields the MD5 they
// verify, handed on as WriteOptions.checksums so no backend reads a staged file twice; a folder bucket has no
// upload to verify, so it pays for the sha256 alone.

/** Bytes given to a content-addressed write do not hash to its digest: a bug upstream, not a bucket problem. */
export class ContentMismatchError extends Error {
  override name = 'ContentMismatchError';
  readonly key: string;
  readonly digest: string;
  /** `sha256:<hex>` of the bytes actually given. */
  readonly actual: string;

  constructor(location: string, key: string, digest: string, actual: string) {
    super(`refusing to store ${key} in ${location}: its bytes hash to ${actual}, not ${digest}; nothing was written`);
    this.key = key;
    this.digest = digest;
    this.actual = actual;
  }
}

/** The backend with every write that carries a digest checked against its bytes; abilities pass through as they are. */
export function withContentCheck(backend: StorageBackend): StorageBackend {
  return backend instanceof ContentCheckedStorage ? backend : new ContentCheckedStorage(backend);
}

class ContentCheckedStorage implements StorageBackend {
  readonly location: string;
  // Every optional ability of StorageBackend is copied here; a new one must be added too.
  readonly local?: LocalFiles;
  readonly signedReadUrl?: (key: string, ttlSeconds: number) => Promise<string | null>;
  private readonly inner: StorageBackend;
  private readonly md5: boolean;

  constructor(inner: StorageBackend) {
    this.inner = inner;
    this.md5 = inner.local === undefined;
    this.location = inner.location;
    if (inner.local) this.local = inner.local;
    if (inner.signedReadUrl) this.signedReadUrl = inner.signedReadUrl.bind(inner);
  }

  stat(key: string): Promise<ObjectInfo | null> {
    return this.inner.stat(key);
  }

  readBytes(key: string): Promise<Buffer | null> {
    return this.inner.readBytes(key);
  }

  openRead(key: string, range?: ByteRange): Promise<Readable | null> {
    return this.inner.openRead(key, range);
  }

  async writeBytes(key: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    if (options.digest === undefined) return this.inner.writeBytes(key, data, options);
    const checksums = this.checked(key, options.digest, checksumsOfBytes(data, { md5: this.md5 }));
    return this.inner.writeBytes(key, data, { ...options, checksums });
  }

  /** A refused file is left in place, like any failed writeFile: the caller staged it and removes it. */
  async writeFile(key: string, localPath: string, options: WriteOptions = {}): Promise<void> {
    if (options.digest === undefined) return this.inner.writeFile(key, localPath, options);
    const checksums = this.checked(key, options.digest, await checksumsOfFile(localPath, { md5: this.md5 }));
    return this.inner.writeFile(key, localPath, { ...options, checksums });
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  listObjects(prefix: string): Promise<ListedObject[]> {
    return this.inner.listObjects(prefix);
  }

  touch(key: string): Promise<ObjectInfo | null> {
    return this.inner.touch(key);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  stagingDir(): Promise<string> {
    return this.inner.stagingDir();
  }

  private checked(key: string, digest: string, checksums: LocalChecksums): LocalChecksums {
    if (checksums.sha256Hex !== digestHex(digest)) {
      throw new ContentMismatchError(this.location, key, digest, `sha256:${checksums.sha256Hex}`);
    }
    return checksums;
  }
}
