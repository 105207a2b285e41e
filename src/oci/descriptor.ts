import { isSha256Digest } from './digest.ts';

// A content descriptor, as the OCI image spec defines it.
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  /** For an artifact's manifest (in a referrers list): what kind of artifact it is. */
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** Whether parsed JSON (a cache entry, a stored manifest's config or layer) is a descriptor we can use. */
export function isDescriptor(value: unknown): value is Descriptor {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<Descriptor>;
  return (
    typeof d.mediaType === 'string' &&
    typeof d.digest === 'string' &&
    isSha256Digest(d.digest) &&
    typeof d.size === 'number' &&
    Number.isSafeInteger(d.size) &&
    d.size >= 0
  );
}
