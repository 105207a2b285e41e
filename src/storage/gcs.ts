import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { IdempotencyStrategy, Storage } from '@google-cloud/storage';
import type { Bucket, File, FileMetadata } from '@google-cloud/storage';
import { compareStrings } from '../compare.ts';
import type { ByteRange, ListedObject, ObjectInfo, StorageBackend, WriteOptions } from './backend.ts';
import { IMMUTABLE_CACHE_CONTROL, MUTABLE_CACHE_CONTROL } from './cache-control.ts';
import { uploadChecksumsOfBytes, uploadChecksumsOfFile } from './checksums.ts';
import type { UploadChecksums } from './checksums.ts';
import {
  LIST_PAGE_SIZE,
  SHA256_METADATA,
  TOUCHED_METADATA,
  describeStoreError,
  localStagingDir,
  normalizePrefix,
} from './remote-object.ts';

// A bucket in Google Cloud Storage. Credentials come from Application Default Credentials; STORAGE_EMULATOR_HOST
// points the client library at an emulator. An object becomes visible only when its upload completes, and every
// upload carries its MD5, which GCS checks before it commits the object.

export interface GcsStorageOptions {
  bucket: string;
  /** Folder inside the bucket ("" for the top). */
  prefix?: string;
  projectId?: string;
  /** Blobs this large or larger go up as resumable uploads (one request each below it). */
  resumableThresholdBytes?: number;
}

// Google's own advice: resumable uploads pay off above a few MiB; below, one request is faster.
const DEFAULT_RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
const HINT = 'check the bucket name and that Application Default Credentials may use it (gcloud auth application-default login)';

export class GcsStorage implements StorageBackend {
  readonly location: string;
  private readonly bucket: Bucket;
  private readonly prefix: string;
  private readonly resumableThreshold: number;
  private canSign = true;

  constructor(options: GcsStorageOptions) {
    this.prefix = normalizePrefix(options.prefix ?? '');
    this.location = `gs://${options.bucket}${this.prefix ? `/${this.prefix.slice(0, -1)}` : ''}`;
    this.resumableThreshold = options.resumableThresholdBytes ?? DEFAULT_RESUMABLE_THRESHOLD;
    const client = new Storage({
      ...(options.projectId ? { projectId: options.projectId } : {}),
      // The library backs off exponentially with jitter on 408, 429 and 5xx. Every write here is safe to repeat
      // (create-only blobs, or whole-object overwrites with the same bytes), so all of them may be retried.
      retryOptions: {
        autoRetry: true,
        maxRetries: 6,
        maxRetryDelay: 32,
        totalTimeout: 600,
        idempotencyStrategy: IdempotencyStrategy.RetryAlways,
      },
    });
    this.bucket = client.bucket(options.bucket);
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    const metadata = await this.metadataOf(this.file(key), key);
    return metadata ? infoOf(metadata) : null;
  }

  async readBytes(key: string): Promise<Buffer | null> {
    try {
      const [data] = await this.file(key).download();
      return data;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw describeStoreError('read', this.url(key), error, HINT);
    }
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable | null> {
    if (!(await this.stat(key))) return null;
    // The library checks MD5/CRC32C of whole downloads itself; a range cannot be checked that way.
    return this.file(key).createReadStream(range ? { start: range.start, end: range.end, validation: false } : {});
  }

  async writeBytes(key: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const checksums = uploadChecksumsOfBytes(data, options.checksums);
    await this.upload(key, checksums, options, (file, settings) => file.save(data, { ...settings, resumable: false }));
  }

  async writeFile(key: string, localPath: string, options: WriteOptions = {}): Promise<void> {
    const checksums = await uploadChecksumsOfFile(localPath, options.checksums);
    await this.upload(key, checksums, options, async (file, settings) => {
      await this.bucket.upload(localPath, { ...settings, destination: file, resumable: checksums.size >= this.resumableThreshold });
    });
    await rm(localPath, { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    try {
      const [files] = await this.bucket.getFiles({ prefix: this.prefix + prefix, autoPaginate: true });
      return files.map((f) => f.name.slice(this.prefix.length)).sort();
    } catch (error) {
      throw describeStoreError('list', this.url(prefix), error, HINT);
    }
  }

  async listObjects(prefix: string): Promise<ListedObject[]> {
    const listed: ListedObject[] = [];
    try {
      let pageToken: string | undefined;
      do {
        const [files, next] = await this.bucket.getFiles({
          prefix: this.prefix + prefix,
          autoPaginate: false,
          maxResults: LIST_PAGE_SIZE,
          ...(pageToken ? { pageToken } : {}),
        });
        for (const file of files) {
          listed.push({ key: file.name.slice(this.prefix.length), size: Number(file.metadata.size), modified: modifiedOf(file.metadata) });
        }
        pageToken = (next as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);
    } catch (error) {
      throw describeStoreError('list', this.url(prefix), error, HINT);
    }
    return listed.sort((a, b) => compareStrings(a.key, b.key));
  }

  /** A metadata patch: GCS moves the object's `updated` time and leaves its bytes and generation alone. */
  async touch(key: string): Promise<ObjectInfo | null> {
    try {
      // The answer is the object's new metadata: the existence check comes with the touch, in one request.
      const [metadata] = await this.file(key).setMetadata({ metadata: { [TOUCHED_METADATA]: new Date().toISOString() } });
      return infoOf(metadata);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw describeStoreError('write', this.url(key), error, HINT);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.file(key).delete({ ignoreNotFound: true });
    } catch (error) {
      throw describeStoreError('delete', this.url(key), error, HINT);
    }
  }

  stagingDir(): Promise<string> {
    return localStagingDir();
  }

  /**
   * A V4 signed GET for blob redirects, or null when these credentials cannot sign (e.g. user credentials
   * without a service account): the registry then streams the blob itself.
   */
  async signedReadUrl(key: string, ttlSeconds: number): Promise<string | null> {
    if (!this.canSign) return null;
    try {
      const [url] = await this.file(key).getSignedUrl({ version: 'v4', action: 'read', expires: Date.now() + ttlSeconds * 1000 });
      return url;
    } catch {
      this.canSign = false;
      return null;
    }
  }

  /**
   * One upload with its checks. Content-addressed objects are create-only (ifGenerationMatch: 0): a 412 means a
   * racing writer stored the same digest first, which counts as success once its size and checksum agree.
   */
  private async upload(
    key: string,
    checksums: UploadChecksums,
    options: WriteOptions,
    send: (file: File, settings: UploadSettings) => Promise<unknown>,
  ): Promise<void> {
    const file = this.file(key);
    const immutable = options.digest !== undefined;
    const settings: UploadSettings = {
      metadata: {
        ...(options.contentType ? { contentType: options.contentType } : {}),
        cacheControl: immutable ? IMMUTABLE_CACHE_CONTROL : MUTABLE_CACHE_CONTROL,
        md5Hash: checksums.md5Base64,
        metadata: { [SHA256_METADATA]: checksums.sha256Hex },
      },
      ...(immutable ? { preconditionOpts: { ifGenerationMatch: 0 } } : {}),
    };
    let stored: FileMetadata | null;
    let ours = true;
    try {
      await send(file, settings);
      stored = file.metadata; // the service's answer to our own upload: this generation, its size and MD5
    } catch (error) {
      if (!(immutable && statusOf(error) === 412)) throw describeStoreError('write', this.url(key), error, HINT);
      stored = await this.metadataOf(file, key);
      ours = false;
    }
    if (stored?.md5Hash === checksums.md5Base64 && Number(stored.size) === checksums.size) return;
    // Only a store that does not check MD5 on upload (an emulator) gets here with our own upload; remove exactly
    // that generation. A foreign object that won a create-only race is left for a person to look at.
    if (ours && stored?.generation !== undefined) {
      await file.delete({ ifGenerationMatch: stored.generation }).catch(() => {});
    }
    throw new Error(
      `${this.url(key)} does not hold the bytes just written (size ${stored?.size ?? 'none'}, md5 ${stored?.md5Hash ?? 'none'}; ` +
        `expected ${checksums.size}, ${checksums.md5Base64})${ours ? '' : '; delete that object and build again'}`,
    );
  }

  private async metadataOf(file: File, key: string): Promise<FileMetadata | null> {
    try {
      const [metadata] = await file.getMetadata();
      return metadata;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw describeStoreError('read', this.url(key), error, HINT);
    }
  }

  private file(key: string): File {
    return this.bucket.file(this.prefix + key);
  }

  private url(key: string): string {
    return `${this.location}/${key}`;
  }
}

interface UploadSettings {
  metadata: FileMetadata;
  preconditionOpts?: { ifGenerationMatch: number };
}

/** The last change of the object or its metadata (a touch), falling back to its creation. */
function modifiedOf(metadata: FileMetadata): number {
  return Date.parse(String(metadata.updated ?? metadata.timeCreated ?? 0));
}

function infoOf(metadata: FileMetadata): ObjectInfo {
  const sha256 = metadata.metadata?.[SHA256_METADATA];
  return { size: Number(metadata.size), ...(typeof sha256 === 'string' ? { sha256 } : {}) };
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}
