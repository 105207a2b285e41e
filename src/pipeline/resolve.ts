import { UsageError } from '../errors.ts';
import { assertValidTag, parseImageName } from '../image/name.ts';
import type { ImageName } from '../image/name.ts';
import { resolveSource } from '../nix/source.ts';
import type { ResolvedSource } from '../nix/source.ts';
import type { Arch } from '../oci/platform.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import { manifestCacheId } from './cache.ts';

// Stage 1, resolve: an image name, its tags and the package set become one pinned request.

export interface ResolvedImage {
  name: ImageName;
  /** Every tag the image gets, de-duplicated, in the order given. */
  tags: string[];
  source: ResolvedSource;
  /** Key of the manifest cache, for pinned sources only (a moving source may give other packages next time). */
  manifestCacheId: string | null;
}

export async function resolveImage(rawName: string, tags: string[], settings: BuildSettings): Promise<ResolvedImage> {
  const name = parseImageName(rawName);
  const first = tags[0];
  if (first === undefined) throw new UsageError(`no tag given for ${rawName}`);
  tags.forEach(assertValidTag);
  const source = await resolveSource(settings.source, settings.sourceRef ?? first);
  return { name, tags: [...new Set(tags)], source, manifestCacheId: cacheIdOf(name, source, settings) };
}

/**
 * The image once per platform to build, each with its own architecture and manifest-cache key (caches are per
 * platform). Without `settings.platforms` that is the name's own platform: amd64, or arm64 for `arm64/…`.
 */
export function platformImages(image: ResolvedImage, settings: BuildSettings): ResolvedImage[] {
  const wanted = settings.platforms ?? [image.name.arch];
  if (image.name.arch === 'arm64' && (wanted.length !== 1 || wanted[0] !== 'arm64')) {
    throw new UsageError(
      `image name "${image.name.canonical}" starts with the arm64 meta-package, which builds linux/arm64 only; ` +
        'drop "arm64/" from the name to build several platforms under one tag',
    );
  }
  return wanted.map((arch: Arch) => {
    if (arch === image.name.arch) return image;
    const name = { ...image.name, arch };
    return { ...image, name, manifestCacheId: cacheIdOf(name, image.source, settings) };
  });
}

function cacheIdOf(name: ImageName, source: ResolvedSource, settings: BuildSettings): string | null {
  if (!source.pinned) return null;
  return manifestCacheId({
    sourceId: source.cacheId,
    arch: name.arch,
    packages: name.packages,
    budget: settings.budget,
    compression: settings.compression,
  });
}
