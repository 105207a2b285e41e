import { UsageError } from '../errors.ts';
import type { ImageConfig } from '../image/image-config.ts';
import { assertValidTag, parseImageName } from '../image/name.ts';
import type { ImageName } from '../image/name.ts';
import { resolveSource } from '../nix/source.ts';
import type { ResolvedSource } from '../nix/source.ts';
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
  /** What the image declares about how it runs (an images-file entry); absent for a Nixery-style name. */
  config?: ImageConfig;
}

/** An image to build: a Nixery-style name (the packages are the name), or an images-file entry. */
export type ImageRequest = string | ImageSpec;

export async function resolveImage(request: ImageRequest, tags: string[], settings: BuildSettings): Promise<ResolvedImage> {
  const spec = typeof request === 'string' ? undefined : request;
  const name: ImageName = spec ? { canonical: spec.name, packages: spec.packages, arch: spec.arch } : parseImageName(request as string);
  const first = tags[0];
  if (first === undefined) throw new UsageError(`no tag given for ${name.canonical}`);
  tags.forEach(assertValidTag);
  const source = await resolveSource(settings.source, settings.sourceRef ?? first);
  const cacheId = source.pinned
    ? manifestCacheId({
        sourceId: source.cacheId,
        arch: name.arch,
        packages: name.packages,
        budget: settings.budget,
        compression: settings.compression,
        // The name is the image's title and the config its runtime setup: both are in the manifest's bytes.
        ...(spec ? { image: { name: spec.name, config: spec.config } } : {}),
      })
    : null;
  return { name, tags: [...new Set(tags)], source, manifestCacheId: cacheId, ...(spec ? { config: spec.config } : {}) };
}
