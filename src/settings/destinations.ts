import os from 'node:os';
import path from 'node:path';
import { parsePushDestination } from '../distribution/reference.ts';
import type { PushDestination } from '../distribution/reference.ts';
import { UsageError } from '../errors.ts';

// Where a build's images go: at most one bucket (which also keeps the layer and manifest caches) and any number
// of registries. Without a bucket, a folder under the user's cache directory keeps the caches (and a copy of every
// blob), so a second push compresses nothing and sends nothing.

export interface DestinationSettings {
  /** The bucket location (folder, gs://, s3://), as openStorage takes it. */
  bucket: string;
  /** True when the user named no bucket and `bucket` is the local cache folder. */
  bucketIsCache: boolean;
  registries: PushDestination[];
}

const DOCKER_SCHEME = /^docker:\/\//i;

/**
 * Sorts the places a user named into the bucket and the registries: `docker://HOST/PREFIX` is a registry, anything
 * else a bucket. `name` is how the front door spells the setting, for messages.
 */
export function readDestinations(
  places: readonly string[],
  options: { insecure?: readonly string[]; env?: NodeJS.ProcessEnv; name?: string } = {},
): DestinationSettings {
  const name = options.name ?? '--out';
  const buckets = [...new Set(places.filter((p) => !DOCKER_SCHEME.test(p)))];
  const registries = places.filter((p) => DOCKER_SCHEME.test(p)).map((p) => parsePushDestination(p, { insecure: options.insecure ?? [] }));
  if (buckets.length > 1) {
    throw new UsageError(`${name}: one bucket at most (it keeps the build caches), not ${buckets.map((b) => `"${b}"`).join(' and ')}`);
  }
  const bucket = buckets[0];
  if (bucket === undefined && registries.length === 0) {
    throw new UsageError(`${name}: name a bucket (a folder, gs://BUCKET/PREFIX, s3://BUCKET/PREFIX) or a registry (docker://HOST/PREFIX)`);
  }
  return bucket !== undefined
    ? { bucket, bucketIsCache: false, registries }
    : { bucket: localCacheBucket(options.env ?? process.env), bucketIsCache: true, registries };
}

/** NIXERY_CACHE_DIR, else $XDG_CACHE_HOME/nixery, else ~/.cache/nixery; the bucket is its `store` folder. */
export function localCacheBucket(env: NodeJS.ProcessEnv): string {
  const root = env.NIXERY_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'nixery');
  return path.join(root, 'store');
}
