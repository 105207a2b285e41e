import { serializeReferrersIndex } from '../../oci/artifact.ts';
import { MediaType } from '../../oci/media-types.ts';
import { validDigest } from '../image-reader.ts';
import { sendBody } from '../context.ts';
import type { RequestContext } from '../context.ts';

/**
 * GET /v2/<name>/referrers/<digest>: the artifacts (SBOMs) whose subject is that manifest, as an OCI index of their
 * manifests' descriptors; `?artifactType=` keeps only that kind, and the answer says it applied the filter. A
 * manifest nothing refers to (or an unknown digest) gets an empty index, as the distribution spec asks.
 */
export async function serveReferrers(ctx: RequestContext, rawName: string, digest: string): Promise<void> {
  const name = ctx.reader.canonicalName(rawName);
  validDigest(digest);
  await ctx.reader.tags(name);
  const artifactType = ctx.url.searchParams.get('artifactType');
  const referrers = await ctx.reader.store.listReferrers(digest);
  const listed = artifactType === null ? referrers : referrers.filter((r) => r.artifactType === artifactType);
  sendBody(ctx, 200, serializeReferrersIndex(listed), {
    'Content-Type': MediaType.ociIndex,
    ...(artifactType === null ? {} : { 'OCI-Filters-Applied': 'artifactType' }),
  });
}
