#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/oci/platform.ts
var VARIANTS = { amd64: void 0, arm64: "v8" };
var ARCHES = ["amd64", "arm64"];
function platformOf(architecture) {
  const variant = VARIANTS[architecture];
  return { os: "linux", architecture, ...variant ? { variant } : {} };
}
function platformName(architecture) {
  return `linux/${architecture}`;
}

// src/oci/media-types.ts
var MediaType = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  /** The `{}` config of artifacts that have no config of their own. */
  ociEmpty: "application/vnd.oci.empty.v1+json",
  /** An SBOM in CycloneDX JSON: the artifactType of our SBOM artifacts and the media type of their one blob. */
  cycloneDx: "application/vnd.cyclonedx+json",
  ociLayerTar: "application/vnd.oci.image.layer.v1.tar",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json"
};
var COMPRESSIONS = ["gzip", "zstd", "none"];
function layerMediaType(compression) {
  switch (compression) {
    case "gzip":
      return MediaType.ociLayerGzip;
    case "zstd":
      return MediaType.ociLayerZstd;
    case "none":
      return MediaType.ociLayerTar;
  }
}

export {
  VARIANTS,
  ARCHES,
  platformOf,
  platformName,
  MediaType,
  COMPRESSIONS,
  layerMediaType
};
