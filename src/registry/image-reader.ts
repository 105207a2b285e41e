import type { Readable } from 'node:stream';
import type { ByteRange } from '../storage/backend.ts';
import type { ImageStore, WarningSink } from '../storage/image-store.ts';
import { TAGS_PREFIX, blobKey, parseTagKey, tagKey } from '../storage/layout.ts';
import { InvalidNameError, isValidTag, parseImageName } from '../image/name.ts';
import { isSha256Digest, sha256Digest } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import { compareStrings } from '../compare.ts';
import { ByteLru, TtlCache } from './caches.ts';
import { RegistryError, digestInvalid, manifestUnknown, nameInvalid, nameUnknown, truncate } from './errors.ts';
import { DEFAULT_CACHE_TTL_MS } from '../settings/serve-settings.ts';

// The registry's read model over a bucket: validates names, tags and digests before any storage key is built,
// caches what is cheap to cache, and refuses content whose bytes do not hash to their digest.

export interface ServedManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  size: number;
}

export interface ReaderOptions {
  /** How long tag -> manifest lookups, tag lists and the catalog are reused (0 turns caching off). */
  cacheTtlMs?: number;
  /** Memory for verified manifest bytes. */
  manifestCacheBytes?: number;
  /** Memory for verified small blobs (up to MAX_SMALL_BLOB_BYTES each). */
  smallBlobCacheBytes?: number;
  /** Where the store's warnings go (an unreadable tag object, which is then served as an unknown tag). */
  onWarning?: WarningSink;
}

/** Blobs up to this size are read whole, checked, and kept in memory; larger ones are streamed. */
export const MAX_SMALL_BLOB_BYTES = 4 * 1024 * 1024;
const DEFAULT_SMALL_BLOB_CACHE_BYTES = 128 * 1024 * 1024;
/** The distribution spec lets registries refuse manifests over 4 MiB; reading one larger is not worth the memory. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
]);

export class ImageReader {
  readonly store: ImageStore;
  private readonly tagLookups: TtlCache<{ mediaType: string; digest: string; size: number } | null>;
  private readonly tagLists: TtlCache<string[]>;
  private readonly repositoryLists: TtlCache<ReadonlyMap<string, readonly string[]>>;
  private readonly manifests: ByteLru<ServedManifest>;
  private readonly smallBlobs: ByteLru<{ bytes: Buffer; size: number }>;
  private readonly smallBlobLoads = new Map<string, Promise<Buffer | 'missing' | 'damaged'>>();
  private readonly verified = new Map<string, number>();

  constructor(store: ImageStore, options: ReaderOptions = {}) {
    this.store = options.onWarning ? store.withWarnings(options.onWarning) : store;
    const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.tagLookups = new TtlCache(ttl);
    this.tagLists = new TtlCache(ttl, 1_000);
    this.repositoryLists = new TtlCache(ttl, 1);
    this.manifests = new ByteLru(options.manifestCacheBytes ?? 64 * 1024 * 1024);
    this.smallBlobs = new ByteLru(options.smallBlobCacheBytes ?? DEFAULT_SMALL_BLOB_CACHE_BYTES);
  }

  /** The canonical name for any spelling of a package set (any order finds the image); 400 NAME_INVALID otherwise. */
  canonicalName(raw: string): string {
    try {
      return parseImageName(raw).canonical;
    } catch (error) {
      if (error instanceof InvalidNameError) throw nameInvalid(error.message);
      throw error;
    }
  }

  /** Tags of a repository, ASCII-sorted; 404 NAME_UNKNOWN when it has none. */
  async tags(canonical: string): Promise<string[]> {
    const tags = await this.tagLists.get(canonical, async () => {
      const prefix = tagKey(canonical, '');
      const keys = await this.store.storage.list(prefix);
      return keys
        .map((key) => parseTagKey(key))
        .filter((parsed) => parsed !== null && parsed.name === canonical && isValidTag(parsed.tag))
        .map((parsed) => parsed!.tag)
        .sort(compareStrings);
    });
    if (tags.length === 0) throw nameUnknown(canonical);
    return tags;
  }

  /** Every repository that has at least one tag, ASCII-sorted. */
  async repositories(): Promise<string[]> {
    return [...(await this.tagsByRepository()).keys()];
  }

  /**
   * Every repository (ASCII-sorted) with its tags (ASCII-sorted), from one listing of the bucket's tag objects:
   * what the pages need to count tags or read every tag, without a listing per repository.
   */
  tagsByRepository(): Promise<ReadonlyMap<string, readonly string[]>> {
    return this.repositoryLists.get('', async () => {
      const tags = new Map<string, string[]>();
      for (const key of await this.store.storage.list(TAGS_PREFIX)) {
        const parsed = parseTagKey(key);
        if (!parsed || !isValidTag(parsed.tag)) continue;
        const list = tags.get(parsed.name);
        if (list) list.push(parsed.tag);
        else tags.set(parsed.name, [parsed.tag]);
      }
      const names = [...tags.keys()].sort(compareStrings);
      return new Map(names.map((name) => [name, tags.get(name)!.sort(compareStrings)]));
    });
  }

  /** A manifest by tag or digest, verified against its digest. */
  async manifest(canonical: string, reference: string): Promise<ServedManifest> {
    if (reference.includes(':')) {
      const digest = validDigest(reference);
      await this.tags(canonical);
      const manifest = await this.manifestBlob(digest, undefined);
      if (!manifest) throw manifestUnknown(canonical, digest);
      return manifest;
    }
    if (!isValidTag(reference)) {
      throw new RegistryError(400, 'MANIFEST_UNKNOWN', `"${truncate(reference)}" is neither a valid tag nor a digest`, {
        detail: { reference: truncate(reference) },
      });
    }
    const descriptor = await this.tagLookups.get(`${canonical}:${reference}`, () => this.store.resolveTag(canonical, reference));
    if (!descriptor) {
      await this.tags(canonical); // NAME_UNKNOWN when the repository itself is missing
      throw manifestUnknown(canonical, reference);
    }
    const manifest = await this.manifestBlob(descriptor.digest, descriptor.mediaType);
    if (!manifest) throw manifestUnknown(canonical, reference, `points at ${descriptor.digest}, which is missing or damaged in the bucket`);
    return manifest;
  }

  /** Forgets cached lookups for name:tag (and the lists that include it) after the tag was written, e.g. built on demand. */
  forgetTag(canonical: string, tag: string): void {
    this.tagLookups.delete(`${canonical}:${tag}`);
    this.tagLists.delete(canonical);
    this.repositoryLists.delete('');
  }

  /**
   * Stored manifest bytes, only if they hash to the digest. The media type comes from the tag record, or from the
   * manifest's own mediaType field when pulled by digest; a blob that is not a manifest is never served as one.
   */
  private async manifestBlob(digest: string, mediaType: string | undefined): Promise<ServedManifest | null> {
    const cached = this.manifests.get(digest);
    if (cached) return mediaType === undefined || cached.mediaType === mediaType ? cached : { ...cached, mediaType };
    const info = await this.store.storage.stat(blobKey(digest));
    if (!info || info.size > MAX_MANIFEST_BYTES) return null;
    const bytes = await this.store.readBlob(digest);
    if (!bytes || sha256Digest(bytes) !== digest) return null;
    const declared = declaredMediaType(bytes);
    if (declared === null || !MANIFEST_MEDIA_TYPES.has(declared)) return null;
    const manifest = { digest, mediaType: mediaType ?? declared, bytes, size: bytes.length };
    this.manifests.set(digest, { ...manifest, mediaType: declared });
    this.rememberVerified(digest, bytes.length);
    return manifest;
  }

  /**
   * A whole small blob (configs, small layers: the most requested bytes), only if it hashes to its digest.
   * Kept in memory, so repeated pulls cost one write and no storage read; concurrent first reads share one load.
   */
  smallBlob(digest: string, size: number): Promise<Buffer | 'missing' | 'damaged'> {
    const cached = this.smallBlobs.get(digest);
    if (cached) return Promise.resolve(cached.bytes);
    let loading = this.smallBlobLoads.get(digest);
    if (!loading) {
      loading = this.loadSmallBlob(digest, size).finally(() => this.smallBlobLoads.delete(digest));
      this.smallBlobLoads.set(digest, loading);
    }
    return loading;
  }

  private async loadSmallBlob(digest: string, size: number): Promise<Buffer | 'missing' | 'damaged'> {
    if (size > MAX_SMALL_BLOB_BYTES) throw new Error(`blob ${digest} is ${size} bytes, too large to read whole`);
    const bytes = await this.store.readBlob(digest);
    if (!bytes) return 'missing';
    if (bytes.length !== size || sha256Digest(bytes) !== digest) {
      this.forgetVerified(digest);
      return 'damaged';
    }
    this.smallBlobs.set(digest, { bytes, size: bytes.length });
    this.rememberVerified(digest, bytes.length);
    return bytes;
  }

  /** A small JSON blob (an image config) by digest, only if its bytes hash to it; null when missing, damaged or large. */
  async verifiedSmallBlob(digest: string): Promise<Buffer | null> {
    const size = await this.blobSize(validDigest(digest));
    if (size === null || size > MAX_SMALL_BLOB_BYTES) return null;
    const bytes = await this.smallBlob(digest, size);
    return typeof bytes === 'string' ? null : bytes;
  }

  /** Size of a blob, or null when the bucket does not hold it. */
  async blobSize(digest: string): Promise<number | null> {
    const known = this.verified.get(digest);
    if (known !== undefined) return known;
    return (await this.store.storage.stat(blobKey(digest)))?.size ?? null;
  }

  openBlob(digest: string, range?: ByteRange): Promise<Readable | null> {
    return this.store.storage.openRead(blobKey(digest), range);
  }

  /** Whether these exact bytes were already checked against the digest in this process. */
  isVerified(digest: string, size: number): boolean {
    return this.verified.get(digest) === size;
  }

  rememberVerified(digest: string, size: number): void {
    if (this.verified.size >= 100_000) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(digest, size);
  }

  forgetVerified(digest: string): void {
    this.verified.delete(digest);
  }
}

/** A digest from the URL, checked before it can become a storage key. */
export function validDigest(value: string): string {
  if (!isSha256Digest(value)) throw digestInvalid(value);
  return value;
}

function declaredMediaType(bytes: Buffer): string | null {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { mediaType, schemaVersion } = parsed as { mediaType?: unknown; schemaVersion?: unknown };
    if (schemaVersion !== 2) return null;
    // OCI made the field optional; a manifest without it that has layers is an image manifest.
    if (mediaType === undefined) return 'layers' in parsed ? MediaType.ociManifest : 'manifests' in parsed ? MediaType.ociIndex : null;
    return typeof mediaType === 'string' ? mediaType : null;
  } catch {
    return null;
  }
}
