import { createHash } from 'node:crypto';
import type { StorageBackend } from '../storage/backend.ts';
import { ImageStore } from '../storage/image-store.ts';
import { parseImageConfig } from '../oci/config.ts';
import { isDescriptor, type Descriptor } from '../oci/descriptor.ts';
import type { ImageConfig } from '../image/image-config.ts';
import type { Compression } from '../oci/media-types.ts';
import type { Arch } from '../oci/platform.ts';
import { isSha256Digest, sha256Digest } from '../oci/digest.ts';
import { blobKey, layerCacheKey, manifestCacheKey } from '../storage/layout.ts';
import type { ImageContent } from './image-content.ts';

// Bump when tar layout, config or manifest output changes, so old cache entries stop matching.
// 2: gzip and zstd layers are compressed in blocks on every core (src/archive/block-codec.ts).
// 3: labels and annotations, the SBOM referrer; manifest entries record the SBOM document and licenses.
// 4: zstd blocks are compressed in one pass (src/archive/block-codec.ts): other, smaller bytes.
export const IMAGE_FORMAT_VERSION = 4;

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

  async getManifest(id: string): Promise<ManifestCacheEntry | null> {
    const entry = await this.readJson(manifestCacheKey(id));
    if (!isDescriptor(entry)) return null;
    const { sbom, licenses, ...manifest } = entry as Descriptor & { sbom?: unknown; licenses?: unknown };
    if (!isDescriptor(sbom)) return null;
    return { manifest, sbom, ...(typeof licenses === 'string' ? { licenses } : {}) };
  }

  /**
   * Records a built image: its manifest, and what assembling it again with other metadata needs besides the blobs
   * the manifest names: its SBOM document and its licenses.
   */
  async putManifest(id: string, entry: ManifestCacheEntry): Promise<void> {
    const record = { ...entry.manifest, sbom: entry.sbom, ...(entry.licenses ? { licenses: entry.licenses } : {}) };
    await this.storage.writeBytes(manifestCacheKey(id), Buffer.from(JSON.stringify(record)), { contentType: 'application/json' });
  }

  /**
   * The content of the image a manifest-cache entry names, when its manifest, config and SBOM document (each of
   * which must hash to its digest) are in this bucket and `present` says the layers and the SBOM document are still
   * at the destination; otherwise null, and the image is built. The caller assembles it with its own metadata.
   */
  async findImage(id: string, present: (blob: Descriptor) => Promise<boolean>): Promise<CachedImage | null> {
    const entry = await this.getManifest(id);
    if (!entry) return null;
    const bytes = await this.readVerified(entry.manifest);
    const parsed = bytes ? (parseJson(bytes) as { config?: unknown; layers?: unknown } | null) : null;
    if (!parsed || !isDescriptor(parsed.config) || !Array.isArray(parsed.layers) || !parsed.layers.every(isDescriptor)) return null;
    const configBytes = await this.readVerified(parsed.config);
    const config = configBytes ? parseImageConfig(configBytes) : null;
    const sbomBytes = await this.readVerified(entry.sbom);
    if (!config || !sbomBytes) return null;
    for (const blob of [...parsed.layers, entry.sbom]) if (!(await present(blob))) return null;
    return {
      manifest: entry.manifest,
      content: {
        config,
        layers: parsed.layers,
        ...(entry.licenses ? { licenses: entry.licenses } : {}),
        sbom: { descriptor: entry.sbom, bytes: sbomBytes },
      },
    };
  }

  /** A small blob of this bucket whose bytes hash to its digest; null when missing or damaged. */
  private async readVerified(blob: Descriptor): Promise<Buffer | null> {
    const bytes = await this.storage.readBytes(blobKey(blob.digest));
    return bytes && sha256Digest(bytes) === blob.digest ? bytes : null;
  }

  /** A corrupt or foreign cache object is a miss, never an error: the cache only ever saves work. */
  private async readJson(key: string): Promise<unknown> {
    const bytes = await this.storage.readBytes(key);
    return bytes ? parseJson(bytes) : null;
  }
}

/** A manifest-cache entry: the image as built, and what assembling it again needs beyond its manifest's blobs. */
export interface ManifestCacheEntry {
  manifest: Descriptor;
  /** The CycloneDX document's blob. */
  sbom: Descriptor;
  licenses?: string;
}

/** An image found through the manifest cache: its content, to assemble with this build's metadata. */
export interface CachedImage {
  /** The manifest as first built (with that build's metadata). */
  manifest: Descriptor;
  content: ImageContent;
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
