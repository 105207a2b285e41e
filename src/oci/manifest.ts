import type { Descriptor } from './descriptor.ts';
import { MediaType } from './media-types.ts';
import { sortedRecord } from './annotations.ts';

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: typeof MediaType.ociManifest;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** The manifest bytes that are stored and served; the manifest digest is computed over exactly these. */
export function serializeManifest(config: Descriptor, layers: Descriptor[], annotations: Record<string, string>): Buffer {
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config,
    layers,
    ...(Object.keys(annotations).length ? { annotations: sortedRecord(annotations) } : {}),
  };
  return Buffer.from(JSON.stringify(manifest));
}
