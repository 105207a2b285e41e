import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import pLimit from 'p-limit';
import { parseImageName, assertValidTag } from '../image/name.ts';
import type { ImageName } from '../image/name.ts';
import { buildCustomisation } from '../image/customisation.ts';
import { resolveSource } from '../nix/source.ts';
import type { PackageSource, ResolvedSource } from '../nix/source.ts';
import { buildImagePackages } from '../nix/build.ts';
import { systemForArch } from '../nix/system.ts';
import { planLayers } from '../layers/plan.ts';
import { packEntries, packStorePaths } from '../archive/tar.ts';
import { compressLayer } from '../archive/compress.ts';
import { STORE_PATHS_HISTORY_PREFIX, serializeImageConfig } from '../oci/config.ts';
import { serializeManifest } from '../oci/manifest.ts';
import { sha256Digest } from '../oci/digest.ts';
import { MediaType, layerMediaType } from '../oci/media-types.ts';
import type { Compression } from '../oci/media-types.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { ImageStore } from '../storage/image-store.ts';
import { BuildCache, layerCacheId, manifestCacheId } from './cache.ts';
import type { CachedLayer } from './cache.ts';

// name -> Nix build -> closure -> layer plan -> blobs -> config -> manifest -> tag. The one path every front door uses.

export interface BuildOptions {
  source: PackageSource;
  store: ImageStore;
  budget: number;
  compression: Compression;
  timeoutMs: number;
  /** Layers compressed at once; defaults to the number of cores. */
  parallelism?: number;
  /** Blobs checked and uploaded at once (network-bound, so independent of cores); defaults to 8. */
  uploadParallelism?: number;
  /**
   * Which branch, tag or commit of a git package set to build from. Defaults to the first image tag, as in
   * Nixery, where the tag a client pulls selects the revision.
   */
  sourceRef?: string;
  onProgress?: (event: BuildEvent) => void;
  /** Stops the Nix build (and its process tree); blobs already written stay, nothing is tagged. */
  signal?: AbortSignal;
}

export type BuildEvent =
  | { type: 'nix-build'; image: string }
  | { type: 'nix-log'; image: string; line: string }
  | { type: 'layer'; image: string; index: number; count: number; cached: boolean; bytes: number }
  | { type: 'manifest-cache-hit'; image: string };

export interface ImageBuildResult {
  name: string;
  /** The first of the image's tags, and its reference `name:tag`. */
  tag: string;
  ref: string;
  tags: string[];
  digest: string;
  /** Config plus compressed layers, as registries report image size. */
  size: number;
  layers: number;
  cachedLayers: number;
  /** Uncompressed bytes that went through the compressor in this build (0 on a warm rebuild). */
  compressedBytes: number;
  /** Bytes written to the bucket (0 when it already held everything). */
  uploadedBytes: number;
  /** Bytes of this image's blobs (layers, config, manifest) the bucket already held, so nothing was sent. */
  skippedBytes: number;
  /** Wall time during which at least one blob was being checked or uploaded. */
  uploadSeconds: number;
  manifestCacheHit: boolean;
  revision?: string;
  seconds: number;
}

/** Builds one image and points every one of `tags` at it. */
export async function buildImage(rawName: string, tags: string[], options: BuildOptions): Promise<ImageBuildResult> {
  const started = performance.now();
  const name = parseImageName(rawName);
  const tag = tags[0];
  if (tag === undefined) throw new Error(`no tag given for ${rawName}`);
  tags.forEach(assertValidTag);
  const source = await resolveSource(options.source, options.sourceRef ?? tag);
  const cache = new BuildCache(options.store.storage);
  const tagAll = (manifest: Descriptor) => options.store.tagAll(name.canonical, tags, manifest);
  const result = (fields: Omit<ImageBuildResult, 'name' | 'tag' | 'ref' | 'tags' | 'seconds' | 'revision'>): ImageBuildResult => ({
    name: name.canonical,
    tag,
    ref: `${name.canonical}:${tag}`,
    tags: [...new Set(tags)],
    ...fields,
    ...(source.revision ? { revision: source.revision } : {}),
    seconds: (performance.now() - started) / 1000,
  });

  const manifestId = source.pinned
    ? manifestCacheId({ sourceId: source.cacheId, arch: name.arch, packages: name.packages, budget: options.budget, compression: options.compression })
    : null;
  if (manifestId) {
    const hit = await cachedManifest(cache, options.store, manifestId);
    if (hit) {
      options.onProgress?.({ type: 'manifest-cache-hit', image: name.canonical });
      await tagAll(hit.descriptor);
      return result({
        digest: hit.descriptor.digest, size: hit.size, layers: hit.layers, cachedLayers: hit.layers, compressedBytes: 0,
        uploadedBytes: 0, skippedBytes: hit.size + hit.descriptor.size, uploadSeconds: 0, manifestCacheHit: true,
      });
    }
  }

  options.onProgress?.({ type: 'nix-build', image: name.canonical });
  const nix = await buildImagePackages({
    source,
    packages: name.packages,
    system: systemForArch(name.arch),
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    onLogLine: (line) => options.onProgress?.({ type: 'nix-log', image: name.canonical, line }),
  });
  const storeLayers = planLayers(nix.closure, options.budget);
  const customisation = await buildCustomisation(name, nix.outputs, Object.keys(nix.closure.paths));

  const specs: LayerSpec[] = [
    ...storeLayers.map((paths) => ({
      cacheId: layerCacheId(options.compression, { storePaths: paths }),
      createdBy: STORE_PATHS_HISTORY_PREFIX + paths.join(' '),
      pack: () => packStorePaths(paths),
    })),
    {
      cacheId: layerCacheId(options.compression, { entriesHash: hashEntries(customisation.entries) }),
      createdBy: 'nixery customisation layer: symlink farm, /etc files, /tmp',
      pack: () => packEntries(customisation.entries),
    },
  ];
  const meter = new UploadMeter();
  const layers = await writeLayers(specs, name, options, cache, meter);

  const config = serializeImageConfig({
    arch: name.arch,
    env: customisation.env,
    ...(customisation.cmd ? { cmd: customisation.cmd } : {}),
    diffIds: layers.map((l) => l.layer.diffId),
    history: specs.map((s) => ({ createdBy: s.createdBy })),
  });
  const configDescriptor: Descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest(config), size: config.length };
  await meter.put(configDescriptor.size, () => options.store.putBlobBytes(configDescriptor, config));

  const manifest = serializeManifest(configDescriptor, layers.map((l) => l.layer.descriptor), imageAnnotations(name, source));
  const manifestDescriptor: Descriptor = { mediaType: MediaType.ociManifest, digest: sha256Digest(manifest), size: manifest.length };
  await meter.put(manifestDescriptor.size, () => options.store.putBlobBytes(manifestDescriptor, manifest));
  if (manifestId) await cache.putManifest(manifestId, manifestDescriptor);
  await tagAll(manifestDescriptor);

  return result({
    digest: manifestDescriptor.digest,
    size: config.length + layers.reduce((sum, l) => sum + l.layer.descriptor.size, 0),
    layers: layers.length,
    cachedLayers: layers.filter((l) => l.cached).length,
    compressedBytes: layers.reduce((sum, l) => sum + l.compressedBytes, 0),
    uploadedBytes: meter.uploadedBytes,
    skippedBytes: meter.skippedBytes,
    uploadSeconds: meter.seconds(),
    manifestCacheHit: false,
  });
}

interface LayerSpec {
  cacheId: string;
  createdBy: string;
  pack: () => Readable;
}

interface WrittenLayer {
  layer: CachedLayer;
  cached: boolean;
  compressedBytes: number;
}

// Object-store requests spend most of their time waiting on the network, so more run at once than there are cores.
const DEFAULT_UPLOAD_PARALLELISM = 8;

interface Slots {
  compress: ReturnType<typeof pLimit>;
  upload: ReturnType<typeof pLimit>;
}

async function writeLayers(specs: LayerSpec[], name: ImageName, options: BuildOptions, cache: BuildCache, meter: UploadMeter): Promise<WrittenLayer[]> {
  // Separate limits: a layer waiting for an upload slot does not hold a compression slot (and the reverse).
  const slots: Slots = {
    compress: pLimit(options.parallelism ?? os.availableParallelism()),
    upload: pLimit(options.uploadParallelism ?? DEFAULT_UPLOAD_PARALLELISM),
  };
  let done = 0;
  return Promise.all(
    specs.map(async (spec) => {
      const written = await writeLayer(spec, options, cache, slots, meter);
      options.onProgress?.({
        type: 'layer', image: name.canonical, index: ++done, count: specs.length, cached: written.cached,
        bytes: written.layer.descriptor.size,
      });
      return written;
    }),
  );
}

/** A cache entry counts only while its blob is still in the bucket; otherwise the layer is built again. */
async function writeLayer(spec: LayerSpec, options: BuildOptions, cache: BuildCache, slots: Slots, meter: UploadMeter): Promise<WrittenLayer> {
  const cached = await slots.upload(async () => {
    const entry = await cache.getLayer(spec.cacheId);
    return entry && (await options.store.hasBlob(entry.descriptor.digest, entry.descriptor.size)) ? entry : null;
  });
  if (cached) {
    meter.skip(cached.descriptor.size);
    return { layer: cached, cached: true, compressedBytes: 0 };
  }
  const staged = path.join(await options.store.storage.stagingDir(), `layer-${process.pid}-${randomBytes(8).toString('hex')}`);
  try {
    const digests = await slots.compress(() => compressLayer(spec.pack(), options.compression, staged));
    const layer: CachedLayer = {
      descriptor: { mediaType: layerMediaType(options.compression), digest: digests.digest, size: digests.size },
      diffId: digests.diffId,
      uncompressedSize: digests.uncompressedSize,
    };
    await slots.upload(async () => {
      await meter.put(layer.descriptor.size, () => options.store.putBlobFile(layer.descriptor, staged));
      await cache.putLayer(spec.cacheId, layer);
    });
    return { layer, cached: false, compressedBytes: digests.uncompressedSize };
  } finally {
    await rm(staged, { force: true });
  }
}

/** Bytes sent and skipped, and the wall time during which at least one blob write ran (they overlap). */
class UploadMeter {
  uploadedBytes = 0;
  skippedBytes = 0;
  private active = 0;
  private since = 0;
  private busyMs = 0;

  /** Runs one blob write; `write` returns the bytes it sent, 0 when the bucket already held the blob. */
  async put(size: number, write: () => Promise<number>): Promise<void> {
    if (this.active++ === 0) this.since = performance.now();
    try {
      const sent = await write();
      if (sent > 0) this.uploadedBytes += sent;
      else this.skippedBytes += size;
    } finally {
      if (--this.active === 0) this.busyMs += performance.now() - this.since;
    }
  }

  skip(size: number): void {
    this.skippedBytes += size;
  }

  seconds(): number {
    return this.busyMs / 1000;
  }
}

async function cachedManifest(cache: BuildCache, store: ImageStore, id: string) {
  const descriptor = await cache.getManifest(id);
  if (!descriptor) return null;
  const bytes = await store.readBlob(descriptor.digest);
  if (!bytes || sha256Digest(bytes) !== descriptor.digest) return null;
  const manifest = JSON.parse(bytes.toString('utf8')) as { config: Descriptor; layers: Descriptor[] };
  for (const blob of [manifest.config, ...manifest.layers]) if (!(await store.hasBlob(blob.digest, blob.size))) return null;
  return {
    descriptor,
    size: manifest.config.size + manifest.layers.reduce((sum, l) => sum + l.size, 0),
    layers: manifest.layers.length,
  };
}

function imageAnnotations(name: ImageName, source: ResolvedSource): Record<string, string> {
  return {
    'org.opencontainers.image.title': name.canonical,
    'org.opencontainers.image.description': `Nix packages: ${name.packages.join(' ')}`,
    ...(source.revision ? { 'org.opencontainers.image.revision': source.revision } : {}),
    ...(source.sourceUrl ? { 'org.opencontainers.image.source': source.sourceUrl } : {}),
  };
}

function hashEntries(entries: Parameters<typeof packEntries>[0]): string {
  return sha256Digest(
    JSON.stringify(entries.map((e) => (e.type === 'file' ? { ...e, content: sha256Digest(e.content) } : e))),
  );
}
