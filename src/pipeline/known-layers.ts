import pLimit from 'p-limit';
import { compareStrings } from '../compare.ts';
import { storePathsOf } from '../oci/config.ts';
import { isDescriptor } from '../oci/descriptor.ts';
import { platformManifestsOf } from '../oci/index.ts';
import type { Arch } from '../oci/platform.ts';
import { sha256Digest } from '../oci/digest.ts';
import type { ImageStore } from '../storage/image-store.ts';
import { DEFAULT_UPLOAD_PARALLELISM } from '../settings/build-settings.ts';

// What the plan stage knows of the bucket: the store-path layers of images already published there, read from
// their configs (each store layer's history entry names its paths). The planner prefers those sets, so a pull
// request's image reuses the main branch's layers.
//
// Source and bound: index.json (one read lists every tag), then the manifest and config of at most
// KNOWN_IMAGES_LIMIT distinct images (two reads each, 8 at a time): the image's own tags first (so a rebuild
// always sees its own earlier image), then its name's other tags, then images sharing the most packages with it. Configs hold every layer's paths, so this is far fewer
// reads than the layer cache (one object per layer, and its entries hold a hash of the paths, not the paths).
// On GCS or S3 at ~30 ms a read that is about 0.3 s at the limit; see docs/benchmarks.md.

/** Most images whose layers a build reads before planning. */
export const KNOWN_IMAGES_LIMIT = 64;

/** One published image's store-path layers, in its own order. */
export type KnownImage = string[][];

/**
 * Store-path layers of up to KNOWN_IMAGES_LIMIT images in the bucket, nearest to `name` first: its own `tags`,
 * then its other tags, then other names by packages shared. Advisory: an unreadable index, manifest or config (or
 * one of another kind, such as an image index) is skipped, never an error.
 */
export async function readKnownImages(
  store: ImageStore,
  name: string,
  tags: readonly string[] = [],
  architecture: Arch = 'amd64',
  /** The bucket's tags read earlier (see BuildRun.knownIndex); read now when absent. */
  snapshot?: Map<string, string>,
): Promise<KnownImage[]> {
  let indexed: Map<string, string>;
  try {
    indexed = snapshot ?? (await store.indexedImages());
  } catch {
    return [];
  }
  const wanted = new Set(name.split('/'));
  const ownRefs = new Set(tags.map((tag) => `${name}:${tag}`));
  const nearness = (ref: string): number => {
    if (ownRefs.has(ref)) return Number.MAX_SAFE_INTEGER;
    const parts = refName(ref);
    return parts.join('/') === name ? Number.MAX_SAFE_INTEGER - 1 : parts.filter((part) => wanted.has(part)).length;
  };
  const refs = [...indexed.keys()].sort((a, b) => nearness(b) - nearness(a) || compareStrings(a, b));
  const digests = [...new Set(refs.map((ref) => indexed.get(ref)!))].slice(0, KNOWN_IMAGES_LIMIT);
  const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
  const images = await Promise.all(digests.map((digest) => limit(() => readStoreLayers(store, digest, architecture).catch(() => null))));
  return images.filter((layers): layers is KnownImage => layers !== null && layers.length > 0);
}

/** `name:tag` -> the name's components. */
function refName(ref: string): string[] {
  return ref.slice(0, ref.lastIndexOf(':')).split('/');
}

/** The store layers of the image a tag names: its manifest, or an image index's manifest for `architecture`. */
async function readStoreLayers(store: ImageStore, digest: string, architecture: Arch): Promise<KnownImage | null> {
  const top = await readVerified(store, digest);
  if (!top) return null;
  let manifest = parseJson(top) as { config?: unknown; manifests?: unknown } | null;
  if (Array.isArray(manifest?.manifests)) {
    const entry = platformManifestsOf(top).find((m) => m.architecture === architecture);
    const bytes = entry ? await readVerified(store, entry.manifest.digest) : null;
    manifest = bytes ? (parseJson(bytes) as { config?: unknown } | null) : null;
  }
  if (!manifest || !isDescriptor(manifest.config)) return null;
  const configBytes = await readVerified(store, manifest.config.digest);
  const config = configBytes ? (parseJson(configBytes) as { architecture?: unknown; history?: unknown } | null) : null;
  // Another platform's paths would never fit this closure: not worth planning with.
  if (!config || config.architecture !== architecture || !Array.isArray(config.history)) return null;
  const layers: KnownImage = [];
  for (const entry of config.history) {
    const paths = storePathsOf((entry as { created_by?: unknown } | null)?.created_by);
    if (paths) layers.push(paths);
  }
  return layers;
}

/** A blob's bytes, when it is present and hashes to its digest; otherwise null. */
async function readVerified(store: ImageStore, digest: string): Promise<Buffer | null> {
  const bytes = await store.readBlob(digest);
  return bytes && sha256Digest(bytes) === digest ? bytes : null;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
