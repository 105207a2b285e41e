import { serializeImageConfig } from '../oci/config.ts';
import type { ImageConfigInput } from '../oci/config.ts';
import type { Descriptor } from '../oci/descriptor.ts';
import { sha256Digest } from '../oci/digest.ts';
import { serializeImageIndex } from '../oci/index.ts';
import type { PlatformManifest } from '../oci/index.ts';
import { serializeManifest } from '../oci/manifest.ts';
import { MediaType } from '../oci/media-types.ts';
import type { ImagePlan } from './plan.ts';
import type { MaterialisedLayer } from './materialise.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 5, assemble: the image config and manifest over the materialised layers, and the image index over the
// platforms' manifests. Pure: equal inputs give equal bytes, so equal digests.

export interface Blob {
  descriptor: Descriptor;
  bytes: Buffer;
}

export interface AssembledImage {
  config: Blob;
  manifest: Blob;
  /** Config plus compressed layers, as registries report image size. */
  size: number;
}

export function assembleImage(image: ResolvedImage, plan: ImagePlan, layers: MaterialisedLayer[]): AssembledImage {
  const config = blob(
    MediaType.ociConfig,
    serializeImageConfig({
      arch: image.name.arch,
      env: plan.env,
      ...(plan.cmd ? { cmd: plan.cmd } : {}),
      ...declaredConfig(image),
      diffIds: layers.map((l) => l.layer.diffId),
      history: plan.layers.map((spec) => ({ createdBy: spec.createdBy })),
    }),
  );
  const layerDescriptors = layers.map((l) => l.layer.descriptor);
  const manifest = blob(MediaType.ociManifest, serializeManifest(config.descriptor, layerDescriptors, imageAnnotations(image)));
  return { config, manifest, size: config.bytes.length + sizeOf(layerDescriptors) };
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
function declaredConfig(image: ResolvedImage): Partial<ImageConfigInput> {
  const c = image.config ?? {};
  return {
    ...(c.entrypoint ? { entrypoint: c.entrypoint } : {}),
    ...(c.user !== undefined ? { user: c.user } : {}),
    ...(c.workdir !== undefined ? { workingDir: c.workdir } : {}),
    ...(c.ports ? { exposedPorts: c.ports } : {}),
    // A plain map, so labels from elsewhere (tag rules, provenance) can be merged in here.
    ...(c.labels ? { labels: c.labels } : {}),
    ...(c.stopSignal !== undefined ? { stopSignal: c.stopSignal } : {}),
  };
}

function imageAnnotations(image: ResolvedImage): Record<string, string> {
  const { name, source } = image;
  return {
    'org.opencontainers.image.title': name.canonical,
    'org.opencontainers.image.description': `Nix packages: ${name.packages.join(' ')}`,
    ...(source.revision ? { 'org.opencontainers.image.revision': source.revision } : {}),
    ...(source.sourceUrl ? { 'org.opencontainers.image.source': source.sourceUrl } : {}),
  };
}
