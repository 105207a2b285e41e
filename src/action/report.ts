import type { ImageBuildResult } from '../pipeline/pipeline.ts';
import { NixBuildError, NixTimeoutError, UnknownPackagesError } from '../errors.ts';

// One record per image, shared by the outputs, the job summary and the pull-request comment, so all three
// always show the same digests.

export interface ImageReport {
  /** Canonical image name, e.g. shell/git/htop. */
  name: string;
  /** The tag the image was built under (the first of `tags`). */
  tag: string;
  tags: string[];
  /** Pullable reference for `tag` (with the registry host when the registry input is set). */
  ref: string;
  /** One reference per tag. */
  refs: string[];
  /** Manifest digest. */
  digest: string;
  size: number;
  layers: number;
  /** Layers reused from the layer cache instead of compressed and uploaded again. */
  cacheHits: number;
  uploadedBytes: number;
  compressedBytes: number;
  manifestCacheHit: boolean;
  seconds: number;
}

export interface ImageFailure {
  image: string;
  title: string;
  message: string;
}

export function imageReference(registry: string, name: string, tagOrDigest: string): string {
  const separator = tagOrDigest.startsWith('sha256:') ? '@' : ':';
  return `${registry ? `${registry}/` : ''}${name}${separator}${tagOrDigest}`;
}

export function toImageReport(result: ImageBuildResult, registry: string): ImageReport {
  const tags = result.tags;
  return {
    name: result.name,
    tag: result.tag,
    tags,
    ref: imageReference(registry, result.name, result.tag),
    refs: tags.map((tag) => imageReference(registry, result.name, tag)),
    digest: result.digest,
    size: result.size,
    layers: result.layers,
    cacheHits: result.cachedLayers,
    uploadedBytes: result.uploadedBytes,
    compressedBytes: result.compressedBytes,
    manifestCacheHit: result.manifestCacheHit,
    seconds: Math.round(result.seconds * 100) / 100,
  };
}

/** The annotation for a failed image: its title names what to fix (every unknown package, or the failing build). */
export function describeFailure(image: string, error: unknown): ImageFailure {
  if (error instanceof UnknownPackagesError) {
    return { image, title: `Unknown package${error.packages.length === 1 ? '' : 's'}: ${error.packages.join(', ')}`, message: error.message };
  }
  if (error instanceof NixBuildError) return { image, title: `Nix build failed for ${image}`, message: error.message };
  if (error instanceof NixTimeoutError) return { image, title: `Nix build timed out for ${image}`, message: error.message };
  return { image, title: `Building ${image} failed`, message: (error as Error)?.message ?? String(error) };
}
