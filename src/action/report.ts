import { NixeryError, lookUpError } from '../errors.ts';
import type { ErrorTable } from '../errors.ts';
import type { ImageBuildResult } from '../pipeline/build-image.ts';

// One record per image, shared by the outputs, the job summary and the pull-request comment, so all three
// always show the same digests.

/**
 * An image build as the action reports it: the pipeline's own figures under the pipeline's own names, with the
 * references rewritten for the registry that serves the bucket and seconds rounded for reading.
 */
export interface ImageReport extends ImageBuildResult {
  /** One reference per tag (with the registry host when the registry input is set). */
  refs: string[];
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
  return {
    ...result,
    ref: imageReference(registry, result.name, result.tag),
    refs: result.tags.map((tag) => imageReference(registry, result.name, tag)),
    seconds: Math.round(result.seconds * 100) / 100,
  };
}

const FAILURE_TITLES: ErrorTable<string, [string]> = {
  'unknown-packages': (error) => `Unknown package${error.packages.length === 1 ? '' : 's'}: ${error.packages.join(', ')}`,
  'missing-git-ref': (error, image) => `No branch or tag "${error.ref}" for ${image}`,
  'nix-build': (_error, image) => `Nix build failed for ${image}`,
  'nix-timeout': (_error, image) => `Nix build timed out for ${image}`,
  'bucket-access': (error) => `Bucket not reachable: ${error.url}`,
  'registry-access': (error) => `Push to ${error.host} failed`,
  usage: (_error, image) => `Bad setting for ${image}`,
};

/** The annotation for a failed image: its title names what to fix (every unknown package, or the failing build). */
export function describeFailure(image: string, error: unknown): ImageFailure {
  const message = (error as Error)?.message ?? String(error);
  const title = error instanceof NixeryError ? lookUpError(FAILURE_TITLES, error, image) : `Building ${image} failed`;
  return { image, title, message };
}
