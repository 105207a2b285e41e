import { UsageError } from '../errors.ts';
import type { ImageConfig } from '../image/image-config.ts';
import { assertValidTag, parseImageName } from '../image/name.ts';
import type { ImageName } from '../image/name.ts';
import { resolveSource } from '../nix/resolve-source.ts';
import type { ResolvedSource } from '../nix/resolve-source.ts';
import type { Arch } from '../oci/platform.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import type { ImageSpec } from '../settings/images-file.ts';
import { manifestCacheId } from './cache.ts';

// Stage 1, resolve: an image name, its tags and the package set become one pinned request.

export interface ResolvedImage {
  name: ImageName;
  /** Every tag the image gets, de-duplicated, in the order given. */
  tags: string[];
  source: ResolvedSource;
  /** Key of the manifest cache, for pinned sources only (a moving source may give other packages next time). */
  manifestCacheId: string | null;
  /**
   * What the image declares about how it runs (an images-file entry, whose name and config are then part of its
   * manifest-cache key); absent for a Nixery-style name.
   */
  config?: ImageConfig;
  /** An images-file entry's platforms, when it lists them. */
  platforms?: Arch[];
}

/** An image to build: a Nixery-style name (the packages are the name), or an images-file entry. */
export type ImageRequest = string | ImageSpec;

export async function resolveImage(request: ImageRequest, tags: string[], settings: BuildSettings): Promise<ResolvedImage> {
  const spec = typeof request === 'string' ? undefined : request;
  const name: ImageName = spec ? { canonical: spec.name, packages: spec.packages, arch: spec.arch } : parseImageName(request as string);
  const first = tags[0];
  if (first === undefined) throw new UsageError(`no tag given for ${name.canonical}`);
  tags.forEach(assertValidTag);
  const source = await resolveSource(settings.source, settings.sourceRef ?? first, settings.nix ?? {});
  const image: ResolvedImage = {
    name,
    tags: [...new Set(tags)],
    source,
    manifestCacheId: null,
    ...(spec ? { config: spec.config } : {}),
    ...(spec?.platforms ? { platforms: spec.platforms } : {}),
  };
  return { ...image, manifestCacheId: cacheIdOf(image, name, settings) };
}

/**
 * The image once per platform to build, each with its own architecture and manifest-cache key (caches are per
 * platform). An images-file entry's platforms win over `settings.platforms`; without either that is the name's
 * own platform: amd64, or arm64 for `arm64/…`.
 */
export function platformImages(image: ResolvedImage, settings: BuildSettings): ResolvedImage[] {
  const wanted = image.platforms ?? settings.platforms ?? [image.name.arch];
  if (image.name.arch === 'arm64' && (wanted.length !== 1 || wanted[0] !== 'arm64')) {
    throw new UsageError(
      `image name "${image.name.canonical}" starts with the arm64 meta-package, which builds linux/arm64 only; ` +
        'drop "arm64/" from the name to build several platforms under one tag',
    );
  }
  return wanted.map((arch: Arch) => {
    if (arch === image.name.arch) return image;
    const name = { ...image.name, arch };
    return { ...image, name, manifestCacheId: cacheIdOf(image, name, settings) };
  });
}

function cacheIdOf(image: ResolvedImage, name: ImageName, settings: BuildSettings): string | null {
  if (!image.source.pinned) return null;
  return manifestCacheId({
    sourceId: image.source.cacheId,
    arch: name.arch,
    packages: name.packages,
    budget: settings.budget,
    compression: settings.compression,
    // The name is the image's title and the config its runtime setup: both are in the manifest's bytes.
    ...(image.config ? { image: { name: name.canonical, config: image.config } } : {}),
  });
}
