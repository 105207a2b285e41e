import { createHash } from 'node:crypto';
import type { StorageBackend } from '../storage/backend.ts';
import { ImageStore } from '../storage/image-store.ts';
import { isDescriptor, type Descriptor } from '../oci/descriptor.ts';
import type { ImageConfig } from '../image/image-config.ts';
import type { Compression } from '../oci/media-types.ts';
import type { Arch } from '../oci/platform.ts';
import { isSha256Digest, sha256Digest } from '../oci/digest.ts';
import { blobKey, layerCacheKey, manifestCacheKey } from '../storage/layout.ts';

// Bump when tar layout, config or manifest output changes, so old cache entries stop matching.
// 2: gzip and zstd layers are compressed in blocks on every core (src/archive/block-codec.ts).
export const IMAGE_FORMAT_VERSION = 2;

/** What a layer-cache entry records: enough to reference the blob without reading it. */
export interface CachedLayer {
  descriptor: Descriptor;
  diffId: string;
  uncompressedSize: number;
}

/** Identity of a layer's content: the store paths (immutable in Nix) or the synthetic entries' own hash. */
export function layerCacheId(compression: Compression, content: { storePaths: string[] } | { entriesHash: string }): string {
  // Fields are picked one by one: the key must not depend on what else a caller's object carries.
  const subject = 'storePaths' in content ? { storePaths: [...content.storePaths].sort() } : { entriesHash: content.entriesHash };
  return hashKey({ v: IMAGE_FORMAT_VERSION, compression, ...subject });
}

export interface ManifestCacheInput {
  /** Stable identity of a pinned package source (see ResolvedSource.cacheId). */
  sourceId: string;
  arch: Arch;
  packages: string[];
  budget: number;
  compression: Compression;
  /** An images-file entry's name and config; absent for Nixery-style names, whose keys it leaves unchanged. */
  image?: { name: string; config: ImageConfig };
}

/** Unlike Nixery's key, this includes the architecture, and every part is a separate JSON field (no ambiguous joins). */
export function manifestCacheId(input: ManifestCacheInput): string {
  // Fields in a fixed order, picked one by one: callers that spell the input differently must find the same entry.
  const { sourceId, arch, budget, compression, image } = input;
  const packages = [...input.packages].sort();
  return hashKey({ v: IMAGE_FORMAT_VERSION, sourceId, arch, packages, budget, compression, ...(image ? { image } : {}) });
}

export class BuildCache {
  private readonly storage: StorageBackend;
  /** The bucket itself: cached layers' blobs are read back from it for targets that lack them. */
  readonly store: ImageStore;

  /** The last turn taken per layer-cache id, for `oneLayerAtATime`. */
  private readonly layerTurns = new Map<string, Promise<unknown>>();

  constructor(storage: StorageBackend) {
    this.storage = storage;
    this.store = new ImageStore(storage);
  }

  /**
   * Runs `work` for layer `id` once every earlier call for the same id (through this cache) has settled. Images built
   * side by side (an images file) then pack a layer they share once: the later one finds it in the cache.
   */
  async oneLayerAtATime<T>(id: string, work: () => Promise<T>): Promise<T> {
    const earlier = this.layerTurns.get(id);
    const turn = (earlier ?? Promise.resolve()).catch(() => {}).then(work);
    this.layerTurns.set(id, turn);
    try {
      return await turn;
    } finally {
      if (this.layerTurns.get(id) === turn) this.layerTurns.delete(id);
    }
  }

  async getLayer(id: string): Promise<CachedLayer | null> {
    const entry = await this.readJson(layerCacheKey(id));
    return isCachedLayer(entry) ? entry : null;
  }

  async putLayer(id: string, layer: CachedLayer): Promise<void> {
    await this.storage.writeBytes(layerCacheKey(id), Buffer.from(JSON.stringify(layer)), { contentType: 'application/json' });
  }

  async getManifest(id: string): Promise<Descriptor | null> {
    const entry = await this.readJson(manifestCacheKey(id));
    return isDescriptor(entry) ? entry : null;
  }

  async putManifest(id: string, manifest: Descriptor): Promise<void> {
    await this.storage.writeBytes(manifestCacheKey(id), Buffer.from(JSON.stringify(manifest)), {
      contentType: 'application/json',
    });
  }

  /**
   * The image a manifest-cache entry names, when its manifest (which must hash to its digest) is in this bucket
   * and `present` says every blob it names is still at the destination; otherwise null, and the image is built.
   */
  async findImage(id: string, present: (blob: Descriptor) => Promise<boolean>): Promise<CachedImage | null> {
    const manifest = await this.getManifest(id);
    if (!manifest) return null;
    const bytes = await this.storage.readBytes(blobKey(manifest.digest));
    if (!bytes || sha256Digest(bytes) !== manifest.digest) return null;
    const parsed = parseJson(bytes) as { config?: unknown; layers?: unknown } | null;
    if (!parsed || !isDescriptor(parsed.config) || !Array.isArray(parsed.layers) || !parsed.layers.every(isDescriptor)) return null;
    const blobs: Descriptor[] = [parsed.config, ...parsed.layers];
    for (const blob of [...blobs, manifest]) if (!(await present(blob))) return null;
    return { manifest, manifestBytes: bytes, config: parsed.config, layers: parsed.layers };
  }

  /** A corrupt or foreign cache object is a miss, never an error: the cache only ever saves work. */
  private async readJson(key: string): Promise<unknown> {
    const bytes = await this.storage.readBytes(key);
    return bytes ? parseJson(bytes) : null;
  }
}

/** An image found through the manifest cache: everything needed to tag and report it without reading blobs. */
export interface CachedImage {
  manifest: Descriptor;
  manifestBytes: Buffer;
  config: Descriptor;
  layers: Descriptor[];
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}

function hashKey(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function isCachedLayer(value: unknown): value is CachedLayer {
  const l = value as CachedLayer | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    isDescriptor(l.descriptor) &&
    typeof l.diffId === 'string' &&
    isSha256Digest(l.diffId) &&
    typeof l.uncompressedSize === 'number'
  );
}
