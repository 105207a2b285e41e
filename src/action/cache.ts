import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as actionsCache from '@actions/cache';
import * as core from '@actions/core';
import type { Compression } from '../oci/media-types.ts';

// What @actions/cache keeps between runs. Layer and manifest caches live in the bucket itself, so a remote
// bucket needs nothing here; what a fresh runner lacks is Nix's download cache (the nixpkgs tarball, git
// checkouts) and, for a local-folder bucket, the bucket (blobs and build cache) itself.

/** Bump when what is cached changes shape. */
const CACHE_VERSION = 'v1';

export interface ActionCachePlan {
  key: string;
  /** Same package set, other image set: Nix's downloads and shared layers still help. */
  restoreKeys: string[];
  paths: string[];
}

export interface ActionCacheInput {
  /** Identity of the package set: nixpkgs commit, channel, git URL and ref, or path. */
  sourceId: string;
  images: string[];
  budget: number;
  compression: Compression;
  /** The bucket, when it is a folder on this runner. */
  localBucket: string | null;
  home: string;
  platform: string;
  arch: string;
}

export function planActionCache(input: ActionCacheInput): ActionCachePlan {
  const prefix = `nixery-${CACHE_VERSION}-${input.platform}-${input.arch}-${shortHash(input.sourceId)}-`;
  const imageSet = shortHash(JSON.stringify({ images: [...input.images].sort(), budget: input.budget, compression: input.compression }));
  const paths = [path.join(input.home, '.cache', 'nix')];
  if (input.localBucket) paths.push(path.resolve(input.localBucket));
  return { key: prefix + imageSet, restoreKeys: [prefix], paths };
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export type CacheRestore = { available: false } | { available: true; restoredKey: string | null };

/** Never fails the job: without the cache service (self-hosted runners, local runs) the build simply does all the work. */
export async function restoreActionCache(plan: ActionCachePlan): Promise<CacheRestore> {
  if (!actionsCache.isFeatureAvailable()) {
    core.info('The GitHub Actions cache service is not available here; building without the cache');
    return { available: false };
  }
  try {
    const restoredKey = await actionsCache.restoreCache(plan.paths, plan.key, plan.restoreKeys);
    core.info(restoredKey ? `Restored cache ${restoredKey}` : `No cache for ${plan.key} yet`);
    return { available: true, restoredKey: restoredKey ?? null };
  } catch (error) {
    core.warning(`Restoring the cache failed; building without it: ${(error as Error).message}`);
    return { available: true, restoredKey: null };
  }
}

/** The core.saveState name under which the main step hands the post step what to save. */
export const CACHE_STATE = 'cache';

/** What the main step records for the post step; absent when caching is off or the main step stopped early. */
export interface CacheState {
  plan: ActionCachePlan;
  restore: CacheRestore;
  /** Images that failed to build in the main step. */
  failedImages: number;
}

export function encodeCacheState(state: CacheState): string {
  return JSON.stringify(state);
}

/** '' (no state recorded) is null; anything else not written by encodeCacheState is an error. */
export function decodeCacheState(text: string): CacheState | null {
  if (text === '') return null;
  const value = JSON.parse(text) as Partial<CacheState> | null;
  const plan = value?.plan;
  const restore = value?.restore;
  const valid =
    typeof plan?.key === 'string' &&
    Array.isArray(plan.restoreKeys) &&
    Array.isArray(plan.paths) &&
    plan.paths.every((p) => typeof p === 'string') &&
    typeof restore?.available === 'boolean' &&
    typeof value?.failedImages === 'number';
  if (!valid) throw new Error(`Unexpected cache state from the main step: ${text}`);
  return value as CacheState;
}

/** The post step: saves what the main step recorded (core.getState(CACHE_STATE)), or says why not. */
export async function saveRecordedActionCache(recorded: string): Promise<void> {
  const state = decodeCacheState(recorded);
  if (!state) {
    core.info('No cache to save: caching is off, or the main step stopped before building');
    return;
  }
  // Cache keys are immutable and a fix often keeps the key (same path, channel or image set): a partial
  // save would be restored as an exact hit and never replaced. The last good run's entry still restores.
  if (state.failedImages > 0) {
    core.info(`Not saving cache ${state.plan.key}: ${state.failedImages} ${state.failedImages === 1 ? 'image' : 'images'} failed to build`);
    return;
  }
  await saveActionCache(state.plan, state.restore);
}

export async function saveActionCache(plan: ActionCachePlan, restore: CacheRestore): Promise<void> {
  if (!restore.available || !actionsCache.isFeatureAvailable()) {
    core.info('The GitHub Actions cache service is not available here; not saving the cache');
    return;
  }
  // Cache entries are immutable: an exact hit means this key already holds the same inputs' results.
  if (restore.restoredKey === plan.key) {
    core.info(`Cache ${plan.key} is current; not saving it again`);
    return;
  }
  const paths = plan.paths.filter((p) => existsSync(p));
  if (paths.length === 0) {
    core.info(`Nothing to save in cache ${plan.key}: none of ${plan.paths.join(', ')} exists`);
    return;
  }
  try {
    // -1: @actions/cache has already logged why (another job holds the key, say) instead of throwing.
    const cacheId = await actionsCache.saveCache(paths, plan.key);
    if (cacheId !== -1) core.info(`Saved cache ${plan.key}`);
  } catch (error) {
    // A parallel job saving the same key, or a read-only token on fork PRs: the images are built either way.
    core.warning(`Saving the cache failed; the next run will do more work: ${(error as Error).message}`);
  }
}
