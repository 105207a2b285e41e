import type { Readable } from 'node:stream';
import { packEntries, packStorePaths } from '../archive/tar.ts';
import type { LayerEntry } from '../archive/tar.ts';
import { buildCustomisation } from '../image/customisation.ts';
import { earlierPlanOf } from '../layers/known.ts';
import { planLayers } from '../layers/plan.ts';
import { STORE_PATHS_HISTORY_PREFIX } from '../oci/config.ts';
import { sha256Digest } from '../oci/digest.ts';
import type { Compression } from '../oci/media-types.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import { layerCacheId } from './cache.ts';
import type { KnownImage } from './known-layers.ts';
import type { RealisedImage } from './realise.ts';
import type { ResolvedImage } from './resolve.ts';

// Stage 3, plan: the closure cut into store-path layers, plus the customisation layer on top, each with the
// identity the layer cache knows it by and a way to pack it. Nothing is packed yet.

export interface LayerSpec {
  /** Layer-cache key: the layer's content identity and the compression. */
  cacheId: string;
  /** The config's history entry for this layer. */
  createdBy: string;
  /** A fresh deterministic tar stream of the layer. */
  pack: () => Readable;
}

export interface ImagePlan {
  layers: LayerSpec[];
  env: string[];
  cmd?: string[];
  compression: Compression;
}

/** `known`: the store layers of images already in the bucket (see known-layers.ts); the plan reuses what fits. */
export async function planImage(
  image: ResolvedImage,
  realised: RealisedImage,
  settings: BuildSettings,
  known: KnownImage[] = [],
): Promise<ImagePlan> {
  const { compression, budget } = settings;
  const storeLayers = earlierPlanOf(realised.closure, budget, known) ?? planLayers(realised.closure, budget, known);
  const customisation = await buildCustomisation(image.name, realised.outputs, Object.keys(realised.closure.paths), image.config);
  return {
    layers: [
      ...storeLayers.map((paths) => ({
        cacheId: layerCacheId(compression, { storePaths: paths }),
        createdBy: STORE_PATHS_HISTORY_PREFIX + paths.join(' '),
        pack: () => packStorePaths(paths),
      })),
      {
        cacheId: layerCacheId(compression, { entriesHash: hashEntries(customisation.entries) }),
        createdBy: 'nixery customisation layer: symlink farm, /etc files, /tmp',
        pack: () => packEntries(customisation.entries),
      },
    ],
    env: customisation.env,
    ...(customisation.cmd ? { cmd: customisation.cmd } : {}),
    compression,
  };
}

function hashEntries(entries: LayerEntry[]): string {
  return sha256Digest(JSON.stringify(entries.map((e) => (e.type === 'file' ? { ...e, content: sha256Digest(e.content) } : e))));
}
