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
  /** One reference per tag in the bucket (with the pull-host when that input is set). */
  refs: string[];
  /** Every tag in every registry pushed to (the `push` input), as the CLI's JSON names them; [] when none. */
  pushed: string[];
}

/** A registry the images went to, as reports name it (pipeline/destination.ts' RegistryTarget is one). */
export interface PushedRegistry {
  /** `docker://HOST/PREFIX`. */
  readonly location: string;
  /** The pull reference of an image's tag or digest there. */
  reference(name: string, tagOrDigest: string): string;
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

export function toImageReport(result: ImageBuildResult, pullHost: string, registries: readonly PushedRegistry[] = []): ImageReport {
  return {
    ...result,
    ref: imageReference(pullHost, result.name, result.tag),
    refs: result.tags.map((tag) => imageReference(pullHost, result.name, tag)),
    pushed: registries.flatMap((registry) => result.tags.map((tag) => registry.reference(result.name, tag))),
    seconds: Math.round(result.seconds * 100) / 100,
  };
}

/** The package-set revisions the images were built from (one, unless a run mixes sources), for the reports. */
export function sourceRevisions(images: readonly ImageReport[]): string[] {
  return [...new Set(images.flatMap((image) => (image.revision ? [image.revision] : [])))];
}

/** Where the report's readers pull from: the registries pushed to, else the pull-host serving the bucket. */
export interface PullSource {
  pullHost: string;
  /** The registries this run pushed to ([] when none, or when the push was skipped). */
  registries: readonly PushedRegistry[];
}

/**
 * `docker pull` references by digest for one image: one per registry pushed to; for bucket-only builds, the
 * pull-host's reference when that is set, else none.
 */
export function pullReferences(image: ImageReport, source: PullSource): string[] {
  if (source.registries.length > 0) return source.registries.map((registry) => registry.reference(image.name, image.digest));
  return source.pullHost ? [imageReference(source.pullHost, image.name, image.digest)] : [];
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
