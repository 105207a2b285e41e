import pLimit from 'p-limit';
import { TtlCache } from './caches.ts';
import { RegistryError } from './errors.ts';
import type { ImageReader, ServedManifest } from './image-reader.ts';
import { indexEntriesOf, isIndexMediaType, layerDigestsOf } from './page-model.ts';
import type { SharingImage } from './page-model.ts';

// Which images in the bucket hold each layer, for the repository page's "shared with" column. Knowing that takes
// every tag's manifest (not configs), so the index is built once per cache TTL and shared by every page request;
// past MAX_SHARING_TAGS tags it stops reading and says it is incomplete.

/** Tags read to count sharing; beyond this a page request would read too much of a large bucket. */
export const MAX_SHARING_TAGS = 2_000;
/** Manifest reads at once while building the index. */
const READS_AT_ONCE = 16;

interface Holder extends SharingImage {
  /** The manifest holding the layer: an image manifest, or one platform's manifest of an index. */
  manifest: string;
}

export interface LayerIndex {
  /** Layer digest -> the images holding it, each image once (named by its first tag). */
  holders: Map<string, Holder[]>;
  /** False when the bucket had more tags than were read. */
  complete: boolean;
}

export class LayerSharing {
  private readonly reader: ImageReader;
  private readonly index: TtlCache<LayerIndex>;

  constructor(reader: ImageReader, cacheTtlMs: number) {
    this.reader = reader;
    this.index = new TtlCache(cacheTtlMs, 1);
  }

  get(): Promise<LayerIndex> {
    return this.index.get('', () => this.gather());
  }

  /** Other images holding `layer` than `manifest` in `repository` (the image being shown). */
  static sharedWith(index: LayerIndex, layer: string, repository: string, manifest: string): SharingImage[] {
    return (index.holders.get(layer) ?? [])
      .filter((holder) => holder.repository !== repository || holder.manifest !== manifest)
      .map(({ repository: name, tag, platform }) => ({ repository: name, tag, platform }));
  }

  private async gather(): Promise<LayerIndex> {
    const limit = pLimit(READS_AT_ONCE);
    const tagged: { repository: string; tag: string }[] = [];
    for (const [repository, tags] of await this.reader.tagsByRepository()) {
      for (const tag of tags) tagged.push({ repository, tag });
    }
    const read = tagged.slice(0, MAX_SHARING_TAGS);
    const manifests = await Promise.all(read.map(({ repository, tag }) => limit(() => this.manifest(repository, tag))));
    const holders = new Map<string, Holder[]>();
    const seen = new Set<string>();
    for (const [i, manifest] of manifests.entries()) {
      const { repository, tag } = read[i]!;
      // Tags of one manifest are one image, named by its first tag.
      if (!manifest || seen.has(`${repository}@${manifest.digest}`)) continue;
      seen.add(`${repository}@${manifest.digest}`);
      if (!isIndexMediaType(manifest.mediaType)) {
        add(holders, layerDigestsOf(manifest.bytes), { repository, tag, platform: null, manifest: manifest.digest });
        continue;
      }
      const platforms = indexEntriesOf(manifest.bytes);
      const children = await Promise.all(platforms.map((entry) => limit(() => this.manifest(repository, entry.digest))));
      for (const [j, child] of children.entries()) {
        if (child)
          add(holders, layerDigestsOf(child.bytes), { repository, tag, platform: platforms[j]!.platform || null, manifest: child.digest });
      }
    }
    return { holders, complete: read.length === tagged.length };
  }

  /** A tag's or digest's manifest; null when it cannot be read (the repository page shows that problem itself). */
  private async manifest(repository: string, reference: string): Promise<ServedManifest | null> {
    try {
      return await this.reader.manifest(repository, reference);
    } catch (error) {
      if (error instanceof RegistryError) return null;
      throw error;
    }
  }
}

function add(holders: Map<string, Holder[]>, layers: string[], holder: Holder): void {
  for (const layer of new Set(layers)) {
    const list = holders.get(layer);
    if (list) list.push(holder);
    else holders.set(layer, [holder]);
  }
}
