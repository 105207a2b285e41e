import type { ImageConfigContent } from '../oci/config.ts';
import type { Descriptor } from '../oci/descriptor.ts';

// What an image is made of, apart from what is said about it (labels, annotations, time): assemble dresses it, the
// manifest cache keeps it, so a cached image can be assembled again with another build's metadata without Nix.

/** A small blob held in memory with its descriptor (configs, manifests, SBOM documents). */
export interface Blob {
  descriptor: Descriptor;
  bytes: Buffer;
}

export interface ImageContent {
  config: ImageConfigContent;
  layers: Descriptor[];
  /** The requested packages' licenses as an SPDX expression, for the licenses label. */
  licenses?: string;
  /** The CycloneDX document: it depends on the closure alone. */
  sbom: Blob;
}
