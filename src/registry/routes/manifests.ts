import { acceptsMediaType } from '../accept.ts';
import { manifestUnknown, RegistryError } from '../errors.ts';
import { notModified, sendBody } from '../context.ts';
import type { RequestContext } from '../context.ts';
import type { ServedManifest } from '../image-reader.ts';
import { IMMUTABLE_CACHE_CONTROL } from '../../storage/cache-control.ts';

/** GET/HEAD /v2/<name>/manifests/<tag|digest>: the stored bytes, exactly, so their digest is the one advertised. */
export async function serveManifest(ctx: RequestContext, rawName: string, reference: string): Promise<void> {
  const name = ctx.reader.canonicalName(rawName);
  const manifest = await readOrBuild(ctx, name, reference);
  const byDigest = reference.includes(':');
  // A digest pins exact bytes, so Accept only matters for tags (as in distribution): there is no other
  // representation to offer, so a client that accepts none of ours gets a clear 404.
  if (!byDigest && !acceptsMediaType(ctx.request.headers.accept, manifest.mediaType)) {
    throw manifestUnknown(name, reference, `is stored as ${manifest.mediaType}, which this client's Accept header does not include`);
  }
  const etag = `"${manifest.digest}"`;
  const headers = {
    'Content-Type': manifest.mediaType,
    'Docker-Content-Digest': manifest.digest,
    ETag: etag,
    // Tags move when CI rebuilds; digests never change.
    'Cache-Control': byDigest ? IMMUTABLE_CACHE_CONTROL : 'no-cache',
  };
  if (notModified(ctx, etag, headers)) return;
  sendBody(ctx, 200, manifest.bytes, headers);
}

/** In `serve --build` mode a tag the bucket lacks is built now; digests are never built (they name exact bytes). */
async function readOrBuild(ctx: RequestContext, name: string, reference: string): Promise<ServedManifest> {
  try {
    return await ctx.reader.manifest(name, reference);
  } catch (error) {
    const missing =
      error instanceof RegistryError && (error.code === 'MANIFEST_UNKNOWN' || error.code === 'NAME_UNKNOWN') && error.status === 404;
    if (!ctx.onDemand || !missing || reference.includes(':')) throw error;
  }
  // A build can outlast the idle timeout of a silent connection; the client is waiting for it, not stalled.
  const socket = ctx.request.socket;
  const idleTimeout = socket.timeout;
  socket.setTimeout(0);
  try {
    await ctx.onDemand.build(name, reference);
  } finally {
    if (!socket.destroyed && idleTimeout) socket.setTimeout(idleTimeout);
  }
  ctx.reader.forgetTag(name, reference);
  return ctx.reader.manifest(name, reference);
}
