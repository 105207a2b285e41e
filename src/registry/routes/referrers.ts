import { MediaType } from '../../oci/media-types.ts';
import { validDigest } from '../image-reader.ts';
import { sendBody } from '../context.ts';
import type { RequestContext } from '../context.ts';

/** GET /v2/<name>/referrers/<digest>: nothing here refers to other manifests, so always an empty index. */
export async function serveReferrers(ctx: RequestContext, rawName: string, digest: string): Promise<void> {
  const name = ctx.reader.canonicalName(rawName);
  validDigest(digest);
  await ctx.reader.tags(name);
  const index = { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] };
  sendBody(ctx, 200, Buffer.from(JSON.stringify(index)), { 'Content-Type': MediaType.ociIndex });
}
