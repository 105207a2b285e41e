import { RegistryError } from '../errors.ts';
import { compareStrings } from '../../compare.ts';
import { sendJson } from '../context.ts';
import type { RequestContext } from '../context.ts';

/** GET /v2/<name>/tags/list[?n=&last=] */
export async function serveTags(ctx: RequestContext, rawName: string): Promise<void> {
  const name = ctx.reader.canonicalName(rawName);
  const tags = await ctx.reader.tags(name);
  const page = paginate(tags, ctx.url.searchParams);
  const headers: Record<string, string> = page.next ? { Link: nextLink(`/v2/${rawName}/tags/list`, page.n!, page.next) } : {};
  sendJson(ctx, 200, { name: rawName, tags: page.items }, headers);
}

/** GET /v2/_catalog[?n=&last=] */
export async function serveCatalog(ctx: RequestContext): Promise<void> {
  const repositories = await ctx.reader.repositories();
  const page = paginate(repositories, ctx.url.searchParams);
  const headers: Record<string, string> = page.next ? { Link: nextLink('/v2/_catalog', page.n!, page.next) } : {};
  sendJson(ctx, 200, { repositories: page.items }, headers);
}

/** Pages hold at most this many entries however large n is, so one request cannot ask for unbounded work. */
export const MAX_PAGE_SIZE = 10_000;

export interface Page {
  items: string[];
  n: number | undefined;
  /** The last item returned, when more follow. */
  next: string | undefined;
}

/** The spec's pagination over an ASCII-sorted list: entries after `last`, at most `n` of them. */
export function paginate(sorted: readonly string[], params: URLSearchParams): Page {
  const rawN = params.get('n');
  const last = params.get('last');
  let n: number | undefined;
  if (rawN !== null) {
    if (!/^\d{1,9}$/.test(rawN)) {
      throw new RegistryError(
        400,
        'PAGINATION_NUMBER_INVALID',
        `n="${rawN.slice(0, 20)}" must be a whole number from 0 to ${MAX_PAGE_SIZE}`,
      );
    }
    n = Math.min(Number(rawN), MAX_PAGE_SIZE);
  }
  const after = last === null ? sorted : sorted.filter((item) => compareStrings(item, last) > 0);
  if (n === undefined) return { items: [...after], n, next: undefined };
  const items = after.slice(0, n);
  const more = after.length > n && n > 0;
  return { items, n, next: more ? items[items.length - 1] : undefined };
}

function nextLink(path: string, n: number, last: string): string {
  return `<${path}?n=${n}&last=${encodeURIComponent(last)}>; rel="next"`;
}
