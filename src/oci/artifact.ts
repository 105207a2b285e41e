import { isDescriptor } from './descriptor.ts';
import type { Descriptor } from './descriptor.ts';
import { sha256Digest } from './digest.ts';
import { MediaType } from './media-types.ts';
import { sortedRecord } from './annotations.ts';

// Artifacts that refer to an image (an SBOM): an image manifest with an artifactType, the empty config, the
// artifact's blobs as layers and the image as `subject`, as the image spec's artifact guidance describes.

/** The empty JSON object every artifact without a config points at (it must be in the repository like any blob). */
export const EMPTY_CONFIG_BYTES = Buffer.from('{}');
export const EMPTY_CONFIG: Descriptor = {
  mediaType: MediaType.ociEmpty,
  digest: sha256Digest(EMPTY_CONFIG_BYTES),
  size: EMPTY_CONFIG_BYTES.length,
};

export function serializeArtifactManifest(
  artifactType: string,
  blobs: Descriptor[],
  subject: Descriptor,
  annotations: Record<string, string>,
): Buffer {
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType,
    config: EMPTY_CONFIG,
    layers: blobs,
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    ...(Object.keys(annotations).length > 0 ? { annotations: sortedRecord(annotations) } : {}),
  };
  return Buffer.from(JSON.stringify(manifest));
}

/** The tag-schema fallback for registries without the referrers API: `sha256-<hex>` names the subject's referrers index. */
export function referrersFallbackTag(subjectDigest: string): string {
  return subjectDigest.replace(':', '-');
}

/** A referrers list: an image index of the artifacts' manifest descriptors (with artifactType and annotations). */
export function serializeReferrersIndex(referrers: Descriptor[]): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: referrers }));
}

/** The descriptors of a stored referrers list (a fallback tag's index); anything unreadable lists nothing. */
export function parseReferrersIndex(bytes: Buffer): Descriptor[] {
  try {
    const index = JSON.parse(bytes.toString('utf8')) as { manifests?: unknown };
    return Array.isArray(index.manifests) ? index.manifests.filter(isDescriptor) : [];
  } catch {
    return [];
  }
}
