import { createHash } from 'node:crypto';
import type { StorageBackend } from '../storage/backend.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import type { Compression } from '../oci/media-types.ts';
import type { Arch } from '../image/name.ts';
import { isSha256Digest } from '../oci/digest.ts';
import { layerCacheKey, manifestCacheKey } from '../storage/layout.ts';

// Bump when tar layout, config or manifest output changes, so old cache entries stop matching.
export const IMAGE_FORMAT_VERSION = 1;

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
}

/** Unlike Nixery's key, this includes the architecture, and every part is a separate JSON field (no ambiguous joins). */
export function manifestCacheId(input: ManifestCacheInput): string {
  // Fields in a fixed order, picked one by one: callers that spell the input differently must find the same entry.
  const { sourceId, arch, budget, compression } = input;
  return hashKey({ v: IMAGE_FORMAT_VERSION, sourceId, arch, packages: [...input.packages].sort(), budget, compression });
}

export class BuildCache {
  private readonly storage: StorageBackend;

  constructor(storage: StorageBackend) {
    this.storage = storage;
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

  /** A corrupt or foreign cache object is a miss, never an error: the cache only ever saves work. */
  private async readJson(key: string): Promise<unknown> {
    const bytes = await this.storage.readBytes(key);
    if (!bytes) return null;
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      return null;
    }
  }
}

function hashKey(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function isDescriptor(value: unknown): value is Descriptor {
  const d = value as Descriptor | null;
  return (
    typeof d === 'object' && d !== null && typeof d.mediaType === 'string' && typeof d.size === 'number' &&
    typeof d.digest === 'string' && isSha256Digest(d.digest)
  );
}

function isCachedLayer(value: unknown): value is CachedLayer {
  const l = value as CachedLayer | null;
  return (
    typeof l === 'object' && l !== null && isDescriptor(l.descriptor) && typeof l.diffId === 'string' &&
    isSha256Digest(l.diffId) && typeof l.uncompressedSize === 'number'
  );
}
