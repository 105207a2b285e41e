import { TtlCache } from '../caches.ts';
import { sendBody } from '../context.ts';
import type { RequestContext } from '../context.ts';
import { RegistryError } from '../errors.ts';
import { requestHost } from '../host.ts';
import type { ImageReader, ServedManifest } from '../image-reader.ts';
import { describeImage, indexEntriesOf, PAGE_HEADERS, renderIndexPage } from '../page.ts';
import type { IndexPageModel, PageImage, PageRepository } from '../page.ts';

// GET/HEAD /: the HTML index. Gathering it reads every tag, manifest and config, so the model is kept for the
// reader's cache TTL and shared by concurrent requests; only the host in the pull commands varies per request.

/** A page past this many tags is slow to build and useless to read; the rest stay reachable over /v2/. */
export const MAX_PAGE_TAGS = 2_000;

export class IndexPage {
  private readonly reader: ImageReader;
  private readonly models: TtlCache<IndexPageModel>;

  constructor(reader: ImageReader, cacheTtlMs: number) {
    this.reader = reader;
    this.models = new TtlCache(cacheTtlMs, 1);
  }

  async serve(ctx: RequestContext): Promise<void> {
    const model = await this.models.get('', () => this.gather());
    const onDemand = ctx.onDemand ? { ...ctx.onDemand.activity, builds: ctx.onDemand.recentBuilds() } : undefined;
    const html = renderIndexPage(model, requestHost(ctx.request), onDemand);
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }

  /** Reads the bucket into the page model; an image that cannot be read is shown with its problem, not dropped. */
  async gather(): Promise<IndexPageModel> {
    const repositories: PageRepository[] = [];
    let budget = MAX_PAGE_TAGS;
    let omittedTags = 0;
    for (const name of await this.reader.repositories()) {
      const tags = await this.reader.tags(name).catch(ignoreUnknown);
      if (!tags) continue;
      const shown = tags.slice(0, Math.max(0, budget));
      omittedTags += tags.length - shown.length;
      budget -= shown.length;
      if (shown.length === 0) continue;
      repositories.push({ name, images: await this.images(name, shown) });
    }
    return { repositories, omittedTags };
  }

  /** Tags that point at the same manifest become one image, in the order of their first tag. */
  private async images(name: string, tags: string[]): Promise<PageImage[]> {
    const byDigest = new Map<string, PageImage>();
    const problems: PageImage[] = [];
    for (const tag of tags) {
      let manifest: ServedManifest;
      try {
        manifest = await this.reader.manifest(name, tag);
      } catch (error) {
        if (!(error instanceof RegistryError)) throw error;
        problems.push(unreadable(tag, error.message));
        continue;
      }
      const known = byDigest.get(manifest.digest);
      if (known) {
        known.tags.push(tag);
        continue;
      }
      const image = await this.describe(manifest, [tag]);
      const entries = indexEntriesOf(manifest.bytes);
      if (image.manifestCount !== null && entries.length > 0) {
        image.platforms = await Promise.all(entries.map((entry) => this.platform(name, entry)));
        // A client pulls the index and one platform: the largest is what a first pull may download.
        image.size = manifest.bytes.length + Math.max(...image.platforms.map((p) => p.size));
      }
      byDigest.set(manifest.digest, image);
    }
    return [...byDigest.values(), ...problems];
  }

  private async describe(manifest: ServedManifest, tags: string[]): Promise<PageImage> {
    const configDigest = configDigestOf(manifest.bytes);
    const config = configDigest ? await this.reader.verifiedSmallBlob(configDigest).catch(() => null) : null;
    return describeImage(manifest.digest, tags, manifest.mediaType, manifest.bytes, config);
  }

  /** One platform of an index, named as the index names it; a missing manifest is shown with its problem. */
  private async platform(name: string, entry: { digest: string; platform: string }): Promise<PageImage> {
    // `linux/arm64/v8`: the os, then architecture and variant as the page shows them.
    const [os, ...arch] = entry.platform.split('/');
    const named = { os: os || null, architecture: arch.join('/') || null };
    try {
      const image = await this.describe(await this.reader.manifest(name, entry.digest), []);
      return { ...image, ...named };
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return { ...unreadable('', error.message), digest: entry.digest, tags: [], ...named };
    }
  }
}

function configDigestOf(manifestBytes: Buffer): string | null {
  try {
    const digest = (JSON.parse(manifestBytes.toString('utf8')) as { config?: { digest?: unknown } }).config?.digest;
    return typeof digest === 'string' ? digest : null;
  } catch {
    return null;
  }
}

/** A tag whose manifest is missing or damaged: listed, so the bucket's owner sees what to rebuild. */
function unreadable(tag: string, message: string): PageImage {
  return {
    digest: null,
    tags: [tag],
    mediaType: '',
    size: 0,
    architecture: null,
    os: null,
    layers: null,
    manifestCount: null,
    problem: message,
  };
}

/** A repository whose tags vanished between listing and reading (a concurrent rebuild) is skipped. */
function ignoreUnknown(error: unknown): null {
  if (error instanceof RegistryError && error.code === 'NAME_UNKNOWN') return null;
  throw error;
}
