import type { StorageBackend } from '../storage/backend.ts';
import { ImageStore } from '../storage/image-store.ts';
import { BucketTarget } from '../targets/bucket.ts';
import type { ImageTarget } from '../targets/target.ts';
import { BuildCache } from './cache.ts';

/** Where a build goes: one or more targets, and the bucket whose layer and manifest caches it uses. */
export interface BuildDestination {
  targets: ImageTarget[];
  cache: BuildCache;
}

/** A bucket as the one target, keeping its own caches. */
export function bucketDestination(storage: StorageBackend): BuildDestination {
  return { targets: [new BucketTarget(new ImageStore(storage))], cache: new BuildCache(storage) };
}
