import { NixeryKey } from '../image/metadata.ts';
import { isDescriptor } from '../oci/descriptor.ts';
import { storePathsOf } from '../oci/config.ts';
import { MediaType } from '../oci/media-types.ts';
import type { BuildRecord, LeaseHolder } from './on-demand.ts';

// What the registry's pages show, as plain data, and how it is read out of stored manifests and configs. Pure:
// bytes in, a model out; malformed JSON gives an image with a problem, never an exception. The routes gather
// (routes/index-page.ts, routes/repository-page.ts); the renderers (page-*.ts) only turn a model into HTML.

/** Another image in the bucket holding the same layer, named as users pull it. */
export interface SharingImage {
  repository: string;
  tag: string;
  /** `linux/arm64` when the image is one platform of an index, else null. */
  platform: string | null;
}

export interface PageLayer {
  digest: string;
  /** Compressed size, as pulled. */
  size: number;
  mediaType: string;
  /** Nix store paths in the layer, from the config's history; empty when the history says something else. */
  storePaths: string[];
  /** The history text when it does not list store paths (the customisation layer), else null. */
  description: string | null;
  /** Other images in the bucket with this layer (the routes fill it in from the bucket-wide layer index). */
  sharedWith: SharingImage[];
}

export interface PageImage {
  /** Null when the tag's manifest could not be read (see problem). */
  digest: string | null;
  /** Tags that point at this manifest, ASCII-sorted. */
  tags: string[];
  mediaType: string;
  /** Manifest, config and layers together: what a first pull downloads. */
  size: number;
  architecture: string | null;
  os: string | null;
  /** The config's `created`, as written (RFC 3339). */
  created: string | null;
  /** The nixpkgs (or package set) commit the image was built from, when its labels or annotations say. */
  revision: string | null;
  /** The config's Labels. */
  labels: Record<string, string>;
  /** The manifest's annotations. */
  annotations: Record<string, string>;
  /** Null for an index, or when the config could not be read. */
  layers: PageLayer[] | null;
  /** For an index: how many manifests it lists. */
  manifestCount: number | null;
  /** For an index: each platform's image (its own digest, platform, size and layers), in the index's order. */
  platforms?: PageImage[];
  /** Why details are missing (e.g. a damaged blob), shown instead of them. */
  problem: string | null;
}

/** One line of the index page: a repository, without its layers. */
export interface RepositorySummary {
  name: string;
  tagCount: number;
  /** The tag the line describes: `latest` when there is one, else the last in natural order (v10 after v9). */
  tag: string;
  digest: string | null;
  /** What a first pull of that tag downloads; null when its manifest cannot be read. */
  size: number | null;
  /** Why the tag cannot be read, else null. */
  problem: string | null;
}

export interface IndexPageModel {
  /** The repositories shown, ASCII-sorted: those matching the filter, up to the page's limit. */
  repositories: RepositorySummary[];
  /** Repositories in the bucket. */
  total: number;
  /** Repositories matching the filter (all of them without one). */
  matching: number;
  /** The filter as given (`?q=`), '' for none. */
  query: string;
}

export interface RepositoryPageModel {
  name: string;
  /** Tags that share a digest are one image; unreadable tags come last, each with its problem. */
  images: PageImage[];
  /** Tags left off because the repository has more than one page shows. */
  omittedTags: number;
  /** False when the bucket holds more tags than sharing was counted over (sharing may then be undercounted). */
  sharingComplete: boolean;
}

/** One on-demand build (`serve --build`), as the builder records it: nothing internal (no paths, no stacks). */
export type PageBuild = BuildRecord;

/** Present only when the registry builds missing images on demand. */
export interface OnDemandPageModel {
  running: number;
  queued: number;
  /** Newest first. */
  builds: PageBuild[];
  /** This replica's id in the bucket's build leases. */
  replica?: string;
  /** Build leases in the bucket: which replica builds which name now (any replica sharing the bucket). */
  leases?: PageLease[];
}

/** One claim in the bucket's build leases: which replica builds which name now. */
export type PageLease = LeaseHolder;

/** Where images name the package-set commit they were built from (a label and an annotation; labels first). */
const REVISION_KEY = NixeryKey.nixpkgsRevision;

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

/** What a first pull downloads: the manifest, its config and layers (for an index: the manifests it lists). */
export function pullSize(mediaType: string, manifestBytes: Buffer): number {
  const manifest = parseObject(manifestBytes);
  if (!manifest) return manifestBytes.length;
  return manifestBytes.length + sumSizes(isIndexMediaType(mediaType) ? manifest.manifests : [manifest.config, ...arrayOf(manifest.layers)]);
}

/**
 * What a first pull of an index downloads: the index and one platform's image. Given each platform's pull size,
 * the largest is what a client may fetch; with none known, the index and the manifests it lists.
 */
export function indexPullSize(indexBytes: Buffer, platformSizes: readonly number[]): number {
  return platformSizes.length > 0 ? indexBytes.length + Math.max(...platformSizes) : pullSize(MediaType.ociIndex, indexBytes);
}

/** The layer digests of an image manifest (none for an index or malformed bytes). */
export function layerDigestsOf(manifestBytes: Buffer): string[] {
  const manifest = parseObject(manifestBytes);
  return arrayOf(manifest?.layers)
    .filter(isDescriptor)
    .map((layer) => layer.digest);
}

/** The config digest of an image manifest, or null. */
export function configDigestOf(manifestBytes: Buffer): string | null {
  const config = parseObject(manifestBytes)?.config;
  return isDescriptor(config) ? config.digest : null;
}

/** The manifests an index lists, with the platform each is for (`linux/arm64/v8`); empty for anything else. */
export function indexEntriesOf(indexBytes: Buffer): { digest: string; platform: string }[] {
  const index = parseObject(indexBytes);
  return arrayOf(index?.manifests)
    .filter(isDescriptor)
    .map((entry) => {
      const platform = (entry as { platform?: Record<string, unknown> }).platform ?? {};
      const parts = [platform.os, platform.architecture, platform.variant].filter((p): p is string => typeof p === 'string' && p !== '');
      return { digest: entry.digest, platform: parts.join('/') };
    });
}

/**
 * What the page shows for one stored manifest. `configBytes` is the verified config blob (null when missing
 * or damaged).
 */
export function describeImage(
  digest: string,
  tags: string[],
  mediaType: string,
  manifestBytes: Buffer,
  configBytes: Buffer | null,
): PageImage {
  const image: PageImage = { digest, tags, mediaType, size: pullSize(mediaType, manifestBytes), ...noDetails(), problem: null };
  const manifest = parseObject(manifestBytes);
  if (!manifest) return { ...image, problem: 'the manifest is not valid JSON' };
  image.annotations = stringRecord(manifest.annotations);
  if (isIndexMediaType(mediaType)) {
    return { ...image, manifestCount: arrayOf(manifest.manifests).filter(isDescriptor).length, revision: revisionOf(image) };
  }
  const layers = arrayOf(manifest.layers).filter(isDescriptor);
  const parsedConfig = configBytes ? parseObject(configBytes) : null;
  if (parsedConfig) {
    image.architecture = typeof parsedConfig.architecture === 'string' ? parsedConfig.architecture : null;
    image.os = typeof parsedConfig.os === 'string' ? parsedConfig.os : null;
    image.created = typeof parsedConfig.created === 'string' ? parsedConfig.created : null;
    const inner = parsedConfig.config;
    image.labels = typeof inner === 'object' && inner !== null ? stringRecord((inner as { Labels?: unknown }).Labels) : {};
  }
  image.revision = revisionOf(image);
  // History entries marked empty_layer have no layer; the rest line up with the manifest's layers.
  const history = arrayOf(parsedConfig?.history).filter(
    (h) => typeof h === 'object' && h !== null && (h as { empty_layer?: unknown }).empty_layer !== true,
  );
  const historyFits = history.length === layers.length;
  image.layers = layers.map((layer, i) => {
    const createdBy = historyFits ? (history[i] as { created_by?: unknown }).created_by : undefined;
    const storePaths = storePathsOf(createdBy);
    return {
      digest: layer.digest,
      size: layer.size,
      mediaType: layer.mediaType,
      storePaths: storePaths ?? [],
      description: storePaths ? null : typeof createdBy === 'string' && createdBy !== '' ? createdBy : null,
      sharedWith: [],
    };
  });
  if (!configBytes) image.problem = 'the image config is missing or damaged in the bucket';
  else if (!parsedConfig) image.problem = 'the image config is not valid JSON';
  return image;
}

/** A tag whose manifest is missing or damaged: listed, so the bucket's owner sees what to rebuild. */
export function unreadableImage(tag: string, problem: string): PageImage {
  return { digest: null, tags: tag === '' ? [] : [tag], mediaType: '', size: 0, ...noDetails(), problem };
}

/** The details read from a manifest and its config, before (or instead of) reading them. */
function noDetails(): Omit<PageImage, 'digest' | 'tags' | 'mediaType' | 'size' | 'problem'> {
  return { architecture: null, os: null, created: null, revision: null, labels: {}, annotations: {}, layers: null, manifestCount: null };
}

/** The tag the index page describes for a repository: `latest`, else the last in natural order. */
export function summaryTag(tags: readonly string[]): string {
  if (tags.includes('latest')) return 'latest';
  return [...tags].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0)).at(-1) ?? '';
}

/**
 * The filter box's terms: words split at spaces, commas and slashes, lowercased. A name matches when it contains
 * every term, so `hello shell` finds `shell/hello`. The page's script splits the same way for its live filter.
 */
export function filterTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[\s,/]+/)
    .filter((term) => term !== '');
}

export function matchesFilter(name: string, terms: readonly string[]): boolean {
  return terms.every((term) => name.includes(term));
}

function revisionOf(image: Pick<PageImage, 'labels' | 'annotations'>): string | null {
  return image.labels[REVISION_KEY] || image.annotations[REVISION_KEY] || null;
}

function sumSizes(values: unknown): number {
  return arrayOf(values)
    .filter(isDescriptor)
    .reduce((sum, d) => sum + d.size, 0);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function parseObject(bytes: Buffer): Record<string, unknown> | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
