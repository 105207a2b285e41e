import { digestHex } from '../oci/digest.ts';

// Where each object lives in a bucket. The same keys on every backend; on a local folder they also form
// an OCI image layout (oci-layout, index.json, blobs/sha256/), which skopeo and umoci read directly.

export const OCI_LAYOUT_KEY = 'oci-layout';
export const INDEX_KEY = 'index.json';
export const OCI_LAYOUT_CONTENT = JSON.stringify({ imageLayoutVersion: '1.0.0' });

/** Content-addressed: layers, configs and manifests of every image share one namespace. */
export function blobKey(digest: string): string {
  return `${BLOBS_PREFIX}${digestHex(digest)}`;
}

// Name components never start with "_" (distribution grammar), so "_tags" cannot collide with a name.
const TAGS_DIR = '_tags';
const REPOSITORIES = 'repositories/';

/** One small object per image and tag, so concurrent writers never rewrite each other's data. */
export function tagKey(canonicalName: string, tag: string): string {
  return `${REPOSITORIES}${canonicalName}/${TAGS_DIR}/${tag}`;
}

export const TAGS_PREFIX = REPOSITORIES;

// Like "_tags", "_platforms" cannot be a name component; parseTagKey ignores these keys.
const PLATFORMS_DIR = '_platforms';

/**
 * One object per image, tag and architecture when platforms are merged into a tag's index from separate builds
 * (a matrix of runners): each build writes only its own, so concurrent builds never overwrite each other's platform.
 */
export function platformRecordKey(canonicalName: string, tag: string, architecture: string): string {
  return `${platformRecordsPrefix(canonicalName, tag)}${architecture}`;
}

export function platformRecordsPrefix(canonicalName: string, tag: string): string {
  return `${REPOSITORIES}${canonicalName}/${PLATFORMS_DIR}/${tag}/`;
}

/** Whether a key found by listing TAGS_PREFIX is a platform record. */
export function isPlatformRecordKey(key: string): boolean {
  return key.startsWith(REPOSITORIES) && key.includes(`/${PLATFORMS_DIR}/`);
}

/** Inverse of tagKey for keys found by listing TAGS_PREFIX; null for anything else. */
export function parseTagKey(key: string): { name: string; tag: string } | null {
  if (!key.startsWith(REPOSITORIES)) return null;
  const marker = key.lastIndexOf(`/${TAGS_DIR}/`);
  if (marker <= REPOSITORIES.length) return null;
  const name = key.slice(REPOSITORIES.length, marker);
  const tag = key.slice(marker + TAGS_DIR.length + 2);
  return tag && !tag.includes('/') ? { name, tag } : null;
}

/** Layer-build cache: a set of store paths (plus format) -> the blob that holds them. */
export function layerCacheKey(cacheKeyHex: string): string {
  return `${LAYER_CACHE_PREFIX}${cacheKeyHex}.json`;
}

/** Manifest cache for pinned sources: source + arch + packages (+ format) -> manifest. */
export function manifestCacheKey(cacheKeyHex: string): string {
  return `${MANIFEST_CACHE_PREFIX}${cacheKeyHex}.json`;
}

/**
 * One small object per artifact that refers to a manifest (an SBOM), holding the artifact manifest's descriptor:
 * listing the subject's prefix answers the referrers API.
 */
export function referrersPrefix(subjectDigest: string): string {
  return `${REFERRERS_PREFIX}${digestHex(subjectDigest)}/`;
}

export function referrerKey(subjectDigest: string, referrerDigest: string): string {
  return `${referrersPrefix(subjectDigest)}${digestHex(referrerDigest)}.json`;
}

export const REFERRERS_PREFIX = 'referrers/';

/** Inverse of referrerKey for keys found by listing REFERRERS_PREFIX; null for anything else. */
export function parseReferrerKey(key: string): { subject: string; referrer: string } | null {
  const match = /^referrers\/([a-f0-9]{64})\/([a-f0-9]{64})\.json$/.exec(key);
  return match ? { subject: `sha256:${match[1]}`, referrer: `sha256:${match[2]}` } : null;
}
/** Sweep records of running garbage collectors (docs/garbage-collection.md). */
export const SWEEPS_PREFIX = 'gc/sweeps/';

export function sweepRecordKey(id: string): string {
  return `${SWEEPS_PREFIX}${id}.json`;
}

export const BLOBS_PREFIX = 'blobs/sha256/';

/** Inverse of blobKey for keys found by listing BLOBS_PREFIX; null for anything else. */
export function parseBlobKey(key: string): string | null {
  const hex = key.slice(BLOBS_PREFIX.length);
  return key.startsWith(BLOBS_PREFIX) && /^[a-f0-9]{64}$/.test(hex) ? `sha256:${hex}` : null;
}

export const LAYER_CACHE_PREFIX = 'cache/layers/';
export const MANIFEST_CACHE_PREFIX = 'cache/manifests/';

/** On-demand build leases (docs/scale-out.md, Lease protocol): one small object per replica that claims a name:tag. */
export const LEASES_PREFIX = 'leases/';

export function leasesPrefix(canonicalName: string, tag: string): string {
  return `${LEASES_PREFIX}${canonicalName}/${TAGS_DIR}/${tag}/`;
}

export function leaseKey(canonicalName: string, tag: string, holder: string): string {
  return `${leasesPrefix(canonicalName, tag)}${holder}.json`;
}
