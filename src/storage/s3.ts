import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { compareStrings } from '../compare.ts';
import type { ByteRange, ListedObject, ObjectInfo, StorageBackend, WriteOptions } from './backend.ts';
import { IMMUTABLE_CACHE_CONTROL, MUTABLE_CACHE_CONTROL } from './cache-control.ts';
import { uploadChecksumsOfBytes, uploadChecksumsOfFile } from './checksums.ts';
import type { UploadChecksums } from './checksums.ts';
import { LIST_PAGE_SIZE, SHA256_METADATA, describeStoreError, localStagingDir, normalizePrefix } from './remote-object.ts';

// A bucket in S3 or an S3-compatible store (Cloudflare R2, MinIO, GCS interop). Credentials come from the SDK's
// default chain (AWS_* variables, profiles, instance roles). An object becomes visible only when its PUT or its
// multipart upload completes; Content-MD5 (single PUT) or the SDK's part checksums (multipart) let the store
// refuse damaged bytes before that.

export interface S3StorageOptions {
  bucket: string;
  prefix?: string;
  /** e.g. http://127.0.0.1:9000 for MinIO; unset for AWS. */
  endpoint?: string;
  region?: string;
  /** Bucket in the path (https://host/bucket/key), not the host name; default: on with a custom endpoint. */
  forcePathStyle?: boolean;
  /** Blobs larger than this go up as multipart uploads of parts this size. */
  partSizeBytes?: number;
  /** Parts of one multipart upload in flight at once. */
  partConcurrency?: number;
}

const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
const DEFAULT_PART_CONCURRENCY = 4;
// The SDK's "standard" retry mode backs off exponentially with full jitter on throttling (429, SlowDown) and 5xx.
const MAX_ATTEMPTS = 6;
/** Touch markers (see touch): "." never starts a key of the layout, so they cannot collide with one. */
const TOUCH_MARKS = '.touched/';
const HINT = 'check the bucket name, region and endpoint, and the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile)';

export class S3Storage implements StorageBackend {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly partConcurrency: number;
  /** Stores without conditional writes answer 501 to If-None-Match; then content-addressed writes go unconditional. */
  private conditionalWrites = true;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix ?? '');
    this.location = `s3://${options.bucket}${this.prefix ? `/${this.prefix.slice(0, -1)}` : ''}`;
    this.partSize = options.partSizeBytes ?? DEFAULT_PART_SIZE;
    this.partConcurrency = options.partConcurrency ?? DEFAULT_PART_CONCURRENCY;
    this.client = new S3Client({
      // Any region works to start with: the SDK follows a bucket's region redirect.
      region: options.region ?? 'us-east-1',
      followRegionRedirects: true,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // Self-hosted stores at a custom endpoint rarely have per-bucket host names.
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      retryMode: 'standard',
      maxAttempts: MAX_ATTEMPTS,
    });
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      const sha256 = head.Metadata?.[SHA256_METADATA];
      return { size: head.ContentLength ?? 0, ...(sha256 ? { sha256 } : {}) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw describeStoreError('read', this.url(key), error, HINT);
    }
  }

  async readBytes(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw describeStoreError('read', this.url(key), error, HINT);
    }
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      // In Node the body is an http.IncomingMessage, a Readable.
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw describeStoreError('read', this.url(key), error, HINT);
    }
  }

  async writeBytes(key: string, data: Buffer, options: WriteOptions = {}): Promise<void> {
    const checksums = uploadChecksumsOfBytes(data, options.checksums);
    await this.put(key, checksums, options, () => data);
  }

  async writeFile(key: string, localPath: string, options: WriteOptions = {}): Promise<void> {
    const checksums = await uploadChecksumsOfFile(localPath, options.checksums);
    if (checksums.size <= this.partSize) await this.put(key, checksums, options, () => readFile(localPath));
    else await this.putMultipart(key, localPath, checksums, options);
    await rm(localPath, { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.listPages(prefix)).map((o) => o.key);
  }

  /** An object's time is the later of its own LastModified and its touch marker's (see touch). */
  async listObjects(prefix: string): Promise<ListedObject[]> {
    const objects = await this.listPages(prefix);
    const touched = new Map((await this.listPages(TOUCH_MARKS + prefix, true)).map((m) => [m.key.slice(TOUCH_MARKS.length), m.modified]));
    return objects.map((o) => ({ ...o, modified: Math.max(o.modified, touched.get(o.key) ?? 0) }));
  }

  /**
   * S3 has no metadata-only update (a copy onto itself would copy every byte, and s3rver keeps the old time), so a
   * touch writes an empty marker object under `.touched/`, whose LastModified listObjects folds into the object's.
   * The marker goes first and the existence check after it, so an answer other than null means the object existed
   * after the mark was set.
   */
  async touch(key: string): Promise<ObjectInfo | null> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + TOUCH_MARKS + key,
          Body: Buffer.alloc(0),
          CacheControl: MUTABLE_CACHE_CONTROL,
        }),
      );
    } catch (error) {
      throw describeStoreError('write', this.url(TOUCH_MARKS + key), error, HINT);
    }
    return this.stat(key);
  }

  /** The object, then its touch marker (a marker without its object only costs a key; gc removes those too). */
  async delete(key: string): Promise<void> {
    for (const target of [key, TOUCH_MARKS + key]) {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + target }));
      } catch (error) {
        if (!isNotFound(error)) throw describeStoreError('delete', this.url(target), error, HINT);
      }
    }
  }

  /** Every object under prefix, page by page, sorted; touch markers are left out unless asked for. */
  private async listPages(prefix: string, marks = false): Promise<ListedObject[]> {
    const listed: ListedObject[] = [];
    try {
      const pages = paginateListObjectsV2(
        { client: this.client, pageSize: LIST_PAGE_SIZE },
        { Bucket: this.bucket, Prefix: this.prefix + prefix },
      );
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(this.prefix.length);
          if (key === undefined || (!marks && key.startsWith(TOUCH_MARKS))) continue;
          listed.push({ key, size: object.Size ?? 0, modified: object.LastModified?.getTime() ?? 0 });
        }
      }
    } catch (error) {
      throw describeStoreError('list', this.url(prefix), error, HINT);
    }
    return listed.sort((x, y) => compareStrings(x.key, y.key));
  }

  stagingDir(): Promise<string> {
    return localStagingDir();
  }

  /** A presigned GET for blob redirects; signing is local, so it works whenever credentials are present. */
  async signedReadUrl(key: string, ttlSeconds: number): Promise<string | null> {
    try {
      return await getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }), {
        expiresIn: ttlSeconds,
      });
    } catch {
      return null;
    }
  }

  /** One PUT whose body the SDK can resend on a retry. */
  private async put(key: string, checksums: UploadChecksums, options: WriteOptions, body: () => Buffer | Promise<Buffer>): Promise<void> {
    const immutable = options.digest !== undefined;
    const params = {
      ...this.objectParams(key, checksums, options),
      Body: await body(),
      ContentLength: checksums.size,
      ContentMD5: checksums.md5Base64,
    };
    await this.send(key, immutable, () => this.client.send(new PutObjectCommand({ ...params, ...this.ifNoneMatch(immutable) })));
    // Mutable objects (tags, index.json) may already be overwritten by a racing writer; the store checked Content-MD5.
    if (immutable) await this.verify(key, checksums);
  }

  /** Large blobs: parts of partSize, a few in flight; the object appears only when CompleteMultipartUpload succeeds. */
  private async putMultipart(key: string, localPath: string, checksums: UploadChecksums, options: WriteOptions): Promise<void> {
    const immutable = options.digest !== undefined;
    await this.send(key, immutable, () =>
      new Upload({
        client: this.client,
        params: { ...this.objectParams(key, checksums, options), Body: createReadStream(localPath), ...this.ifNoneMatch(immutable) },
        partSize: this.partSize,
        queueSize: this.partConcurrency,
        leavePartsOnError: false,
      }).done(),
    );
    await this.verify(key, checksums);
  }

  /**
   * Sends a write. A create-only write that finds the object already there (412) counts as done: the key is the
   * digest, so the bytes are the same, and verify() checks. 409 means a racing upload of the key is still
   * completing; ask again shortly, and the answer becomes 412 (or our write succeeds if theirs failed).
   */
  private async send(key: string, immutable: boolean, write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        const status = statusOf(error);
        if (immutable && status === 412) return;
        if (immutable && status === 409 && attempt < MAX_ATTEMPTS) {
          await delay(Math.random() * 250 * 2 ** attempt);
          continue;
        }
        if (immutable && status === 501 && this.conditionalWrites) {
          this.conditionalWrites = false;
          continue;
        }
        throw describeStoreError('write', this.url(key), error, HINT);
      }
    }
  }

  /**
   * The store must now hold an object of our size and, when recorded, our sha256 (lax stores skip Content-MD5).
   * Stores without create-only writes let a racing writer of the same digest overwrite the key with the same bytes;
   * one that does so non-atomically (s3rver) shows a partial object meanwhile, so a mismatch is asked again.
   */
  private async verify(key: string, checksums: UploadChecksums): Promise<void> {
    let stored = await this.stat(key);
    const matches = () =>
      stored !== null && stored.size === checksums.size && (stored.sha256 === undefined || stored.sha256 === checksums.sha256Hex);
    for (let attempt = 1; !matches() && attempt < MAX_ATTEMPTS; attempt++) {
      await delay(Math.random() * 250 * 2 ** attempt);
      stored = await this.stat(key);
    }
    if (matches()) return;
    throw new Error(
      `${this.url(key)} does not hold the bytes just written (size ${stored?.size ?? 'none'}, sha256 ${stored?.sha256 ?? 'none'}; ` +
        `expected ${checksums.size}, ${checksums.sha256Hex}); delete the object and build again`,
    );
  }

  private objectParams(key: string, checksums: UploadChecksums, options: WriteOptions): PutObjectCommandInput {
    return {
      Bucket: this.bucket,
      Key: this.prefix + key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      CacheControl: options.digest ? IMMUTABLE_CACHE_CONTROL : MUTABLE_CACHE_CONTROL,
      Metadata: { [SHA256_METADATA]: checksums.sha256Hex },
    };
  }

  private ifNoneMatch(immutable: boolean): { IfNoneMatch?: string } {
    return immutable && this.conditionalWrites ? { IfNoneMatch: '*' } : {};
  }

  private url(key: string): string {
    return `${this.location}/${key}`;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return statusOf(error) === 404 || name === 'NoSuchKey' || name === 'NotFound';
}
