import pLimit from 'p-limit';
import { TtlCache } from '../caches.ts';
import { sendBody } from '../context.ts';
import type { RequestContext } from '../context.ts';
import { RegistryError } from '../errors.ts';
import { requestHost } from '../host.ts';
import type { ImageReader, ServedManifest } from '../image-reader.ts';
import { PAGE_HEADERS } from '../page.ts';
import { renderIndexPage } from '../page-index.ts';
import { filterTerms, indexEntriesOf, indexPullSize, isIndexMediaType, matchesFilter, pullSize, summaryTag } from '../page-model.ts';
import type { IndexPageModel, RepositorySummary } from '../page-model.ts';

// GET/HEAD /: one line per repository, filtered by `?q=` on the server (so the filter works without JavaScript,
// its URL can be shared, and a bucket of thousands of repositories sends only the matches). Tags come from one
// listing of the bucket; a line reads one manifest and is kept for the reader's cache TTL. Layers are on each
// repository's own page.

/** Lines on one page; past this the page says how many matches were left off and asks for a narrower filter. */
export const MAX_INDEX_ROWS = 500;
/** The filter is a few words; anything longer is cut before it is matched or echoed. */
const MAX_QUERY_LENGTH = 200;
const READS_AT_ONCE = 16;

export class IndexPage {
  private readonly reader: ImageReader;
  private readonly summaries: TtlCache<RepositorySummary>;

  constructor(reader: ImageReader, cacheTtlMs: number) {
    this.reader = reader;
    this.summaries = new TtlCache(cacheTtlMs);
  }

  async serve(ctx: RequestContext): Promise<void> {
    const model = await this.gather(ctx.url.searchParams.get('q') ?? '');
    const onDemand = ctx.onDemand
      ? {
          ...ctx.onDemand.activity,
          builds: ctx.onDemand.recentBuilds(),
          replica: ctx.onDemand.replica,
          leases: await ctx.onDemand.leaseHolders(),
        }
      : undefined;
    const html = renderIndexPage(model, requestHost(ctx.request), onDemand);
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }

  /** The repositories matching the filter, each summarised by one tag; an unreadable tag is shown with its problem. */
  async gather(rawQuery: string): Promise<IndexPageModel> {
    const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
    const terms = filterTerms(query);
    const tagsByRepository = await this.reader.tagsByRepository();
    const names = [...tagsByRepository.keys()];
    const matching = names.filter((name) => matchesFilter(name, terms));
    const limit = pLimit(READS_AT_ONCE);
    const lines: RepositorySummary[] = await Promise.all(
      matching
        .slice(0, MAX_INDEX_ROWS)
        .map((name) => limit(() => this.summaries.get(name, () => this.summarise(name, tagsByRepository.get(name)!)))),
    );
    return {
      repositories: lines,
      total: names.length,
      matching: matching.length,
      query,
    };
  }

  /** A first pull's size; for an index, the index and its largest platform (platforms that cannot be read are left out). */
  private async size(name: string, manifest: ServedManifest): Promise<number> {
    if (!isIndexMediaType(manifest.mediaType)) return pullSize(manifest.mediaType, manifest.bytes);
    const platforms = await Promise.all(
      indexEntriesOf(manifest.bytes).map((entry) =>
        this.reader.manifest(name, entry.digest).then(
          (child) => pullSize(child.mediaType, child.bytes),
          (error: unknown) => {
            if (error instanceof RegistryError) return null;
            throw error;
          },
        ),
      ),
    );
    return indexPullSize(
      manifest.bytes,
      platforms.filter((size) => size !== null),
    );
  }

  private async summarise(name: string, tags: readonly string[]): Promise<RepositorySummary> {
    const tag = summaryTag(tags);
    const line: RepositorySummary = { name, tagCount: tags.length, tag, digest: null, size: null, problem: null };
    try {
      const manifest = await this.reader.manifest(name, tag);
      return { ...line, digest: manifest.digest, size: await this.size(name, manifest) };
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return { ...line, problem: error.message };
    }
  }
}
