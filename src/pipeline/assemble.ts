import { NixeryKey, OciKey, epochTime } from '../image/metadata.ts';
import type { ImageMetadata, KeyValues } from '../image/metadata.ts';
import { EMPTY_CONFIG, EMPTY_CONFIG_BYTES, serializeArtifactManifest } from '../oci/artifact.ts';
import { serializeImageConfig } from '../oci/config.ts';
import type { ImageConfigInput } from '../oci/config.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { sha256Digest } from '../oci/digest.ts';
import { serializeImageIndex } from '../oci/index.ts';
import type { PlatformManifest } from '../oci/index.ts';
import { serializeManifest } from '../oci/manifest.ts';
import { MediaType } from '../oci/media-types.ts';
import { cycloneDxSbom, licenseExpression } from '../sbom/cyclonedx.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import type { Blob, ImageContent } from './image-content.ts';
import type { ImagePlan } from './plan.ts';
import type { MaterialisedLayer } from './materialise.ts';
import type { RealisedImage } from './realise.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 5, assemble: the image config and manifest over the materialised layers, the SBOM artifact that refers to
// the manifest, and the image index over the platforms' manifests. Pure: equal inputs give equal bytes, so equal
// digests. What the image is made of (ImageContent) is kept apart from what is said about it (labels, annotations,
// time), so a cached image can be assembled again with this run's metadata without running Nix.

export type { Blob } from './image-content.ts';

/** An artifact whose manifest names the image as its subject; its descriptor carries the artifactType. */
export interface Referrer {
  manifest: Blob;
  /** The blobs its manifest names: the empty config and the artifact's content. */
  blobs: Blob[];
}

export interface AssembledImage {
  config: Blob;
  manifest: Blob;
  /** The CycloneDX SBOM of the image's closure, as an artifact referring to `manifest`. */
  sbom: Referrer;
  content: ImageContent;
  /** Config plus compressed layers, as registries report image size. */
  size: number;
}

export type MetadataSettings = Pick<BuildSettings, 'labels' | 'annotations' | 'sourceDateEpoch'>;

const NOTHING_REALISED: Pick<RealisedImage, 'closure' | 'packages'> = { closure: { roots: [], paths: {} }, packages: [] };

export function assembleImage(
  image: ResolvedImage,
  plan: ImagePlan,
  layers: MaterialisedLayer[],
  realised: Pick<RealisedImage, 'closure' | 'packages'> = NOTHING_REALISED,
  settings: MetadataSettings = {},
): AssembledImage {
  const licenses = licenseExpression(realised.packages);
  const content: ImageContent = {
    config: {
      arch: image.name.arch,
      env: plan.env,
      ...(plan.cmd ? { cmd: plan.cmd } : {}),
      diffIds: layers.map((l) => l.layer.diffId),
      history: plan.layers.map((spec) => ({ createdBy: spec.createdBy })),
    },
    layers: layers.map((l) => l.layer.descriptor),
    ...(licenses ? { licenses } : {}),
    sbom: blob(
      MediaType.cycloneDx,
      cycloneDxSbom({ imageName: image.name.canonical, closure: realised.closure, packages: realised.packages }),
    ),
  };
  return assembleContent(image, content, settings);
}

/**
 * The config, manifest and SBOM artifact of `content` with the image's declared runtime setup (an images-file
 * entry's, which is part of the manifest-cache key) and this build's labels, annotations and time.
 */
export function assembleContent(image: ResolvedImage, content: ImageContent, settings: MetadataSettings): AssembledImage {
  const metadata = imageMetadata(image, content.licenses, settings);
  const created = settings.sourceDateEpoch === undefined ? undefined : epochTime(settings.sourceDateEpoch);
  const config = blob(
    MediaType.ociConfig,
    serializeImageConfig({ ...content.config, ...declaredConfig(image), labels: metadata.labels, ...(created ? { created } : {}) }),
  );
  const manifest = blob(MediaType.ociManifest, serializeManifest(config.descriptor, content.layers, metadata.annotations));
  const sbom = sbomArtifact(content.sbom, manifest.descriptor, created);
  return { config, manifest, sbom, content, size: config.bytes.length + sizeOf(content.layers) };
}

/**
 * The image index one tag names when it holds several platforms: one entry per platform's manifest, in a fixed
 * order, so the same manifests always give the same digest. `annotations` are the index's own.
 */
export function assembleIndex(manifests: PlatformManifest[], annotations: Record<string, string> = {}): Blob {
  return blob(MediaType.ociIndex, serializeImageIndex(manifests, annotations));
}

export function sizeOf(blobs: Descriptor[]): number {
  return blobs.reduce((sum, b) => sum + b.size, 0);
}

function blob(mediaType: string, bytes: Buffer): Blob {
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length }, bytes };
}

/** The image's declared runtime setup; Env and Cmd come through the plan (the customisation layer merges them). */
function declaredConfig(image: ResolvedImage): Omit<ImageConfigInput, 'arch' | 'env' | 'cmd' | 'labels' | 'diffIds' | 'history'> {
  const c = image.config ?? {};
  return {
    ...(c.entrypoint ? { entrypoint: c.entrypoint } : {}),
    ...(c.user !== undefined ? { user: c.user } : {}),
    ...(c.workdir !== undefined ? { workingDir: c.workdir } : {}),
    ...(c.ports ? { exposedPorts: c.ports } : {}),
    ...(c.stopSignal !== undefined ? { stopSignal: c.stopSignal } : {}),
  };
}

/**
 * The image's own keys (what it is, where its packages come from, when it was made), then the settings' labels
 * and annotations over them, then (labels only) the labels the image itself declares (an images-file entry: the
 * most specific). An image index made of these images takes the same `annotations`.
 */
export function imageMetadata(image: ResolvedImage, licenses: string | undefined, settings: MetadataSettings): ImageMetadata {
  const { name, source } = image;
  const own: KeyValues = {
    [OciKey.title]: name.canonical,
    [OciKey.description]: `Nix packages: ${name.packages.join(' ')}`,
    ...(licenses ? { [OciKey.licenses]: licenses } : {}),
    ...(settings.sourceDateEpoch !== undefined ? { [OciKey.created]: epochTime(settings.sourceDateEpoch) } : {}),
    ...(source.revision ? { [NixeryKey.nixpkgsRevision]: source.revision } : {}),
    ...(source.sourceUrl ? { [NixeryKey.nixpkgsSource]: source.sourceUrl } : {}),
  };
  return {
    labels: { ...own, ...settings.labels, ...image.config?.labels },
    annotations: { ...own, ...settings.annotations },
  };
}

function sbomArtifact(document: Blob, subject: Descriptor, created: string | undefined): Referrer {
  const annotations: KeyValues = created ? { [OciKey.created]: created } : {};
  const manifest = blob(MediaType.ociManifest, serializeArtifactManifest(MediaType.cycloneDx, [document.descriptor], subject, annotations));
  return {
    manifest: {
      descriptor: { ...manifest.descriptor, artifactType: MediaType.cycloneDx, ...(created ? { annotations } : {}) },
      bytes: manifest.bytes,
    },
    blobs: [{ descriptor: EMPTY_CONFIG, bytes: EMPTY_CONFIG_BYTES }, document],
  };
}
