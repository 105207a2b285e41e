import type { Descriptor } from './descriptor.ts';
import { isDescriptor } from './descriptor.ts';
import { sortedRecord } from './annotations.ts';
import { MediaType } from './media-types.ts';
import { ARCHES, platformOf } from './platform.ts';
import type { Arch, Platform } from './platform.ts';

// An OCI image index: one tag, one image manifest per platform. (Not the bucket's index.json, which lists tags.)

export interface PlatformManifest {
  manifest: Descriptor;
  architecture: Arch;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: typeof MediaType.ociIndex;
  manifests: (Descriptor & { platform: Platform })[];
  annotations?: Record<string, string>;
}

/**
 * The index bytes that are stored and served. Entries are ordered by platform, whatever order they were built or
 * merged in, so equal sets of manifests give equal digests. One manifest per architecture.
 */
export function serializeImageIndex(entries: PlatformManifest[], annotations: Record<string, string> = {}): Buffer {
  const seen = new Set<Arch>();
  for (const entry of entries) {
    if (seen.has(entry.architecture)) throw new Error(`image index: two manifests for ${entry.architecture}`);
    seen.add(entry.architecture);
  }
  const ordered = [...entries].sort((a, b) => ARCHES.indexOf(a.architecture) - ARCHES.indexOf(b.architecture));
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: ordered.map(({ manifest, architecture }) => ({
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.size,
      platform: platformOf(architecture),
    })),
    ...(Object.keys(annotations).length ? { annotations: sortedRecord(annotations) } : {}),
  };
  return Buffer.from(JSON.stringify(index));
}

/** The platform manifests an index lists (entries for other platforms or not image manifests are left out). */
export function platformManifestsOf(indexBytes: Buffer): PlatformManifest[] {
  let parsed: { manifests?: unknown };
  try {
    parsed = JSON.parse(indexBytes.toString('utf8')) as { manifests?: unknown };
  } catch {
    return [];
  }
  if (!Array.isArray(parsed.manifests)) return [];
  const entries: PlatformManifest[] = [];
  for (const entry of parsed.manifests as unknown[]) {
    if (!isDescriptor(entry) || entry.mediaType !== MediaType.ociManifest) continue;
    const platform = (entry as { platform?: { os?: unknown; architecture?: unknown } }).platform;
    const architecture = ARCHES.find((a) => a === platform?.architecture);
    if (platform?.os !== 'linux' || !architecture) continue;
    entries.push({ manifest: { mediaType: entry.mediaType, digest: entry.digest, size: entry.size }, architecture });
  }
  return entries;
}
