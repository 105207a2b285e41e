import { createAuthorizer } from '../distribution/auth/authorizer.ts';
import { findCredentials } from '../distribution/auth/credentials.ts';
import type { Credentials } from '../distribution/auth/credentials.ts';
import { RegistryClient } from '../distribution/client.ts';
import type { PushDestination } from '../distribution/reference.ts';
import type { DestinationSettings } from '../settings/destinations.ts';
import type { StorageBackend } from '../storage/backend.ts';
import { ImageStore } from '../storage/image-store.ts';
import { probeBucket } from '../storage/probe.ts';
import { openStorage } from '../storage/open.ts';
import type { OpenStorageOptions } from '../storage/open.ts';
import { BucketTarget } from '../targets/bucket.ts';
import { RegistryTarget } from '../targets/registry.ts';
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

export interface OpenDestinationOptions extends OpenStorageOptions {
  /** Credentials for one registry host when no config file has any (the action's github-token for ghcr.io). */
  fallbackCredentials?: { host: string; credentials: Credentials; source: string };
}

export interface OpenedDestination {
  destination: BuildDestination;
  /** The bucket: the first target, and the keeper of the caches. */
  storage: StorageBackend;
  registries: RegistryTarget[];
}

/** Opens the bucket and a client per registry, with the credentials docker or podman would use for each. */
export async function openDestination(settings: DestinationSettings, options: OpenDestinationOptions = {}): Promise<OpenedDestination> {
  const storage = await openStorage(settings.bucket, options);
  await probeBucket(storage);
  const registries = await Promise.all(settings.registries.map((registry) => openRegistryTarget(registry, options)));
  const destination = bucketDestination(storage);
  return { destination: { ...destination, targets: [...destination.targets, ...registries] }, storage, registries };
}

/** A registry as a target, with the credentials docker or podman would use for it. */
export async function openRegistryTarget(registry: PushDestination, options: OpenDestinationOptions = {}): Promise<RegistryTarget> {
  const fallback = options.fallbackCredentials?.host === registry.host ? options.fallbackCredentials : undefined;
  const credentials = await findCredentials(registry.host, {
    ...(registry.prefix ? { repository: registry.prefix } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(fallback ? { fallback: { credentials: fallback.credentials, source: fallback.source } } : {}),
  });
  const client = new RegistryClient({
    host: registry.host,
    insecure: registry.insecure,
    authorizer: createAuthorizer({ host: registry.host, credentials }),
  });
  return new RegistryTarget(client, registry);
}
