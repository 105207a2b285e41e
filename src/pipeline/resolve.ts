import { UsageError } from '../errors.ts';
import { assertValidTag, parseImageName } from '../image/name.ts';
import type { ImageName } from '../image/name.ts';
import { resolveSource } from '../nix/source.ts';
import type { ResolvedSource } from '../nix/source.ts';
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
  const cacheId = source.pinned
    ? manifestCacheId({
        sourceId: source.cacheId,
        arch: name.arch,
        packages: name.packages,
        budget: settings.budget,
        compression: settings.compression,
      })
    : null;
  return { name, tags: [...new Set(tags)], source, manifestCacheId: cacheId };
}
