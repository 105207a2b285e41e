// The one place that names OCI and Docker media types.
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  /** The `{}` config of artifacts that have no config of their own. */
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  /** An SBOM in CycloneDX JSON: the artifactType of our SBOM artifacts and the media type of their one blob. */
  cycloneDx: 'application/vnd.cyclonedx+json',
  ociLayerTar: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

export type Compression = 'gzip' | 'zstd' | 'none';
export const COMPRESSIONS: readonly Compression[] = ['gzip', 'zstd', 'none'];

export function layerMediaType(compression: Compression): string {
  switch (compression) {
    case 'gzip':
      return MediaType.ociLayerGzip;
    case 'zstd':
      return MediaType.ociLayerZstd;
    case 'none':
      return MediaType.ociLayerTar;
  }
}
