import { isDescriptor } from './descriptor.ts';
import type { Descriptor } from './descriptor.ts';

// What a stored manifest or index points at, read generically so that kinds added later (multi-arch indexes,
// referrer artifacts such as SBOMs) are followed without changes here.

export interface ManifestReferences {
  /** Config, layers, `blobs` of artifact manifests, and the entries of an index: what the manifest needs. */
  children: Descriptor[];
  /** The manifest this one is about (OCI 1.1 referrers): it lives as long as its subject does. */
  subject?: string;
}

/** The references of a manifest or index; null when the bytes are not a JSON object (a layer, a config). */
export function manifestReferences(bytes: Buffer): ManifestReferences | null {
  // Layers are binary; checking the first byte spares parsing megabytes that cannot be JSON.
  if (bytes.length === 0 || bytes[0] !== 0x7b) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const children: Descriptor[] = [];
  if (isDescriptor(parsed.config)) children.push(parsed.config);
  for (const field of ['layers', 'manifests', 'blobs']) {
    const list = parsed[field];
    if (Array.isArray(list)) children.push(...list.filter(isDescriptor));
  }
  const subject = isDescriptor(parsed.subject) ? parsed.subject.digest : undefined;
  return { children, ...(subject ? { subject } : {}) };
}

/** Whether a descriptor names a manifest or index, whose own references must be followed. */
export function isManifestType(mediaType: string): boolean {
  return /manifest|index/.test(mediaType);
}
