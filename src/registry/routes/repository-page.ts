import pLimit from 'p-limit';
import { TtlCache } from '../caches.ts';
import { sendBody } from '../context.ts';
import type { RequestContext } from '../context.ts';
import { RegistryError } from '../errors.ts';
import { requestHost } from '../host.ts';
import type { ImageReader, ServedManifest } from '../image-reader.ts';
import { LayerSharing } from '../layer-sharing.ts';
import { PAGE_HEADERS } from '../page.ts';
import { configDigestOf, describeImage, indexEntriesOf, indexPullSize, unreadableImage } from '../page-model.ts';
import type { PageImage, RepositoryPageModel } from '../page-model.ts';
import { renderRepositoryPage } from '../page-repository.ts';

// GET/HEAD /-/repository/NAME: one repository's images in full (every tag's manifest and config, an index's
// platforms) and, per layer, the other images in the bucket holding it. Kept per repository for the reader's
// cache TTL; only the host in the pull commands varies per request. An unknown repository is a 404 page.

/** Tags shown on one repository's page; the rest stay reachable over /v2/NAME/tags/list. */
export const MAX_REPOSITORY_TAGS = 200;
const READS_AT_ONCE = 8;

export class RepositoryPage {
  private readonly reader: ImageReader;
  private readonly models: TtlCache<RepositoryPageModel>;
  private readonly sharing: LayerSharing;

  constructor(reader: ImageReader, cacheTtlMs: number) {
    this.reader = reader;
    this.models = new TtlCache(cacheTtlMs, 1_000);
    this.sharing = new LayerSharing(reader, cacheTtlMs);
  }

  async serve(ctx: RequestContext, rawName: string): Promise<void> {
    const name = this.reader.canonicalName(rawName);
    const model = await this.models.get(name, () => this.gather(name));
    const html = renderRepositoryPage(model, requestHost(ctx.request));
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }

  /** Reads the repository into the page model; 404 NAME_UNKNOWN when it has no tags. */
  async gather(name: string): Promise<RepositoryPageModel> {
    const tags = await this.reader.tags(name);
    const shown = tags.slice(0, MAX_REPOSITORY_TAGS);
    const images = await this.images(name, shown);
    const index = await this.sharing.get();
    for (const image of images) {
      for (const part of [image, ...(image.platforms ?? [])]) {
        for (const layer of part.layers ?? []) layer.sharedWith = LayerSharing.sharedWith(index, layer.digest, name, part.digest!);
      }
    }
    return { name, images, omittedTags: tags.length - shown.length, sharingComplete: index.complete };
  }

  /** Tags that point at the same manifest become one image, in the order of their first tag. */
  private async images(name: string, tags: string[]): Promise<PageImage[]> {
    const limit = pLimit(READS_AT_ONCE);
    const manifests = await Promise.all(tags.map((tag) => limit(() => this.manifest(name, tag))));
    const byDigest = new Map<string, PageImage>();
    const problems: PageImage[] = [];
    for (const [i, manifest] of manifests.entries()) {
      const tag = tags[i]!;
      if (typeof manifest === 'string') {
        problems.push(unreadableImage(tag, manifest));
        continue;
      }
      const known = byDigest.get(manifest.digest);
      if (known) known.tags.push(tag);
      else byDigest.set(manifest.digest, await this.describe(name, manifest, [tag]));
    }
    return [...byDigest.values(), ...problems];
  }

  private async describe(name: string, manifest: ServedManifest, tags: string[]): Promise<PageImage> {
    const configDigest = configDigestOf(manifest.bytes);
    const config = configDigest ? await this.reader.verifiedSmallBlob(configDigest).catch(() => null) : null;
    const image = describeImage(manifest.digest, tags, manifest.mediaType, manifest.bytes, config);
    if (image.manifestCount !== null) {
      image.platforms = await Promise.all(indexEntriesOf(manifest.bytes).map((entry) => this.platform(name, entry)));
      image.size = indexPullSize(
        manifest.bytes,
        image.platforms.filter((p) => p.layers !== null).map((p) => p.size),
      );
    }
    return image;
  }

  /** One platform of an index, named as the index names it; a missing manifest is shown with its problem. */
  private async platform(name: string, entry: { digest: string; platform: string }): Promise<PageImage> {
    // `linux/arm64/v8`: the os, then architecture and variant as the page shows them.
    const [os, ...arch] = entry.platform.split('/');
    const named = { os: os || null, architecture: arch.join('/') || null };
    const manifest = await this.manifest(name, entry.digest);
    if (typeof manifest === 'string') return { ...unreadableImage('', manifest), digest: entry.digest, ...named };
    return { ...(await this.describe(name, manifest, [])), ...named };
  }

  /** The manifest, or why it cannot be read. */
  private async manifest(name: string, reference: string): Promise<ServedManifest | string> {
    try {
      return await this.reader.manifest(name, reference);
    } catch (error) {
      if (error instanceof RegistryError) return error.message;
      throw error;
    }
  }
}
