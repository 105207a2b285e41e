import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange } from '../../storage/backend.ts';
import { IMMUTABLE_CACHE_CONTROL } from '../../storage/cache-control.ts';
import { blobKey } from '../../storage/layout.ts';
import { openLocalFile, sendFileRange } from '../file-sender.ts';
import { RegistryError, blobUnknown } from '../errors.ts';
import { MAX_SMALL_BLOB_BYTES, validDigest } from '../image-reader.ts';
import { contentRange, parseRange } from '../range.ts';
import { notModified } from '../context.ts';
import type { RequestContext } from '../context.ts';

// Blobs are never served unless their bytes hash to their digest. How, by size:
// - up to MAX_SMALL_BLOB_BYTES (configs, small layers): read whole, checked, kept in memory (LRU), sent in one
//   write; a damaged blob gets a 404.
// - larger: hashed while streaming the first time (one read, no buffering); on a mismatch the connection is cut
//   before the last byte, so the client sees a short body and fails instead of accepting bad bytes. Once a blob
//   passed, later reads stream straight from storage to the socket, with backpressure and no hashing (from a
//   local folder through file-sender.ts's reused buffers).
// - a Range request on a large blob not yet checked: the whole blob is hashed first, then the range is sent.

/** GET/HEAD /v2/<name>/blobs/<digest> */
export async function serveBlob(ctx: RequestContext, rawName: string, rawDigest: string): Promise<void> {
  const name = ctx.reader.canonicalName(rawName);
  const digest = validDigest(rawDigest);
  await ctx.reader.tags(name);
  const size = await ctx.reader.blobSize(digest);
  if (size === null) throw blobUnknown(digest);

  const etag = `"${digest}"`;
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/octet-stream',
    'Docker-Content-Digest': digest,
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Cache-Control': IMMUTABLE_CACHE_CONTROL,
  };
  if (notModified(ctx, etag, headers)) return;

  const ifRange = ctx.request.headers['if-range'];
  const rangeHeader = ifRange === undefined || ifRange === etag ? ctx.request.headers.range : undefined;
  const range = parseRange(rangeHeader, size);
  if (range.kind === 'unsatisfiable') {
    throw new RegistryError(416, 'RANGE_INVALID', `range "${String(rangeHeader).slice(0, 40)}" is outside blob ${digest} (${size} bytes)`, {
      headers: { 'Content-Range': `bytes */${size}` },
    });
  }
  const status = range.kind === 'partial' ? 206 : 200;
  if (range.kind === 'partial') headers['Content-Range'] = contentRange(range.range, size);
  const length = range.kind === 'partial' ? range.range.end - range.range.start + 1 : size;

  if (ctx.head) {
    ctx.response.writeHead(status, { ...headers, 'Content-Length': length });
    ctx.response.end();
    return;
  }

  const location = await signedLocation(ctx, digest);
  if (location) {
    ctx.response.writeHead(307, { Location: location, 'Docker-Content-Digest': digest, 'Content-Length': 0 });
    ctx.response.end();
    return;
  }

  if (size <= MAX_SMALL_BLOB_BYTES) {
    const bytes = await ctx.reader.smallBlob(digest, size);
    if (bytes === 'missing') throw blobUnknown(digest);
    if (bytes === 'damaged') throw damaged(ctx, digest);
    const body = range.kind === 'partial' ? bytes.subarray(range.range.start, range.range.end + 1) : bytes;
    ctx.response.writeHead(status, { ...headers, 'Content-Length': body.length });
    ctx.response.end(body);
    ctx.bytesSent += body.length;
    return;
  }

  if (!ctx.reader.isVerified(digest, size) && range.kind === 'partial') {
    if (!(await checkWholeBlob(ctx, digest, size))) throw damaged(ctx, digest);
  }
  const hashing = !ctx.reader.isVerified(digest, size);
  if (!hashing && (await sendLocalFile(ctx, digest, status, headers, range.kind === 'partial' ? range.range : { start: 0, end: size - 1 })))
    return;
  const source = await ctx.reader.openBlob(digest, range.kind === 'partial' ? range.range : undefined);
  if (!source) throw blobUnknown(digest);
  ctx.response.writeHead(status, { ...headers, 'Content-Length': length });
  const meter = hashing
    ? new HashingMeter(
        digest,
        (bytes) => (ctx.bytesSent += bytes),
        () => {
          // Noted before the stream fails, because the failure closes the response and writes the log line.
          ctx.reader.forgetVerified(digest);
          ctx.logError = `blob ${digest} in ${ctx.reader.store.storage.location} does not hash to its digest; cut the response`;
        },
      )
    : null;
  // Checked bytes go straight from storage to the socket (no transform in between): the bulk of a pull.
  if (!meter) source.on('data', (chunk: Buffer) => (ctx.bytesSent += chunk.length));
  try {
    await (meter ? pipeline(source, meter, ctx.response) : pipeline(source, ctx.response));
    if (hashing) ctx.reader.rememberVerified(digest, size);
  } catch (error) {
    // Headers are out, so no error body is possible: the connection is cut and the client sees a short body.
    if (!meter?.mismatch && !isClientGone(error)) ctx.logError ??= `reading blob ${digest} failed: ${(error as Error).message}`;
    ctx.response.destroy();
  }
}

/** A checked blob in a local-folder bucket, sent with the file fast path; false when the backend is not local. */
async function sendLocalFile(
  ctx: RequestContext,
  digest: string,
  status: number,
  headers: Record<string, string | number>,
  range: ByteRange,
): Promise<boolean> {
  const file = await openLocalFile(ctx.reader.store.storage, blobKey(digest));
  if (!file) return false;
  try {
    ctx.response.writeHead(status, { ...headers, 'Content-Length': range.end - range.start + 1 });
    await sendFileRange(file, range.start, range.end, ctx.response, (bytes) => (ctx.bytesSent += bytes));
  } catch (error) {
    if (!isClientGone(error)) ctx.logError ??= `reading blob ${digest} failed: ${(error as Error).message}`;
    ctx.response.destroy();
  } finally {
    await file.close();
  }
  return true;
}

/** Hashes a blob end to end without sending it; records the result. */
async function checkWholeBlob(ctx: RequestContext, digest: string, size: number): Promise<boolean> {
  const source = await ctx.reader.openBlob(digest);
  if (!source) throw blobUnknown(digest);
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  const ok = bytes === size && `sha256:${hash.digest('hex')}` === digest;
  if (ok) ctx.reader.rememberVerified(digest, size);
  return ok;
}

function damaged(ctx: RequestContext, digest: string): RegistryError {
  ctx.logError = `blob ${digest} in ${ctx.reader.store.storage.location} does not hash to its digest; refused to serve it`;
  return new RegistryError(
    404,
    'BLOB_UNKNOWN',
    `blob ${digest} is damaged in the bucket (its bytes do not match its digest); rebuild the image`,
    {
      detail: { digest },
    },
  );
}

async function signedLocation(ctx: RequestContext, digest: string): Promise<string | null> {
  if (!ctx.blobRedirect) return null;
  const storage = ctx.reader.store.storage;
  if (!storage.signedReadUrl) return null;
  return storage.signedReadUrl(blobKey(digest), ctx.blobRedirect.ttlSeconds);
}

function isClientGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Hashes a blob not yet checked on its way out, counting bytes. It holds back the latest chunk until the hash
 * is known, so on a mismatch the client never receives the whole Content-Length.
 */
class HashingMeter extends Transform {
  mismatch = false;
  private readonly expected: string;
  private readonly hash = createHash('sha256');
  private readonly onBytes: (bytes: number) => void;
  private readonly onMismatch: () => void;
  private held: Buffer | null = null;

  constructor(expectedDigest: string, onBytes: (bytes: number) => void, onMismatch: () => void) {
    super();
    this.expected = expectedDigest;
    this.onBytes = onBytes;
    this.onMismatch = onMismatch;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    const previous = this.held;
    this.held = chunk;
    if (previous) this.onBytes(previous.length);
    callback(null, previous ?? undefined);
  }

  override _flush(callback: TransformCallback): void {
    if (`sha256:${this.hash.digest('hex')}` !== this.expected) {
      this.mismatch = true;
      this.onMismatch();
      callback(new Error(`digest mismatch for ${this.expected}`));
      return;
    }
    if (this.held) this.onBytes(this.held.length);
    callback(null, this.held ?? undefined);
  }
}
