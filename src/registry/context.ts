import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageReader } from './image-reader.ts';
import type { RegistryLog } from './log.ts';
import type { OnDemandBuilder } from './on-demand.ts';
import type { RegistryError } from './errors.ts';

// What a route handler gets for one request, and the ways it answers. Handlers report failures by throwing
// RegistryError; the server turns those into the spec's JSON error bodies.

export interface BlobRedirectOptions {
  /** Lifetime of the signed URLs blob GETs redirect to. */
  ttlSeconds: number;
}

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** HEAD answers with a GET's status and headers, and no body. */
  head: boolean;
  reader: ImageReader;
  log: RegistryLog;
  blobRedirect: BlobRedirectOptions | null;
  /** Body bytes sent, for the request log. */
  bytesSent: number;
  /** A problem worth logging even though the client got an answer (e.g. a damaged blob). */
  logError?: string;
  /** Set in `serve --build` mode: builds images that are missing from the bucket. */
  onDemand?: OnDemandBuilder;
}

export const API_VERSION_HEADER = { 'Docker-Distribution-API-Version': 'registry/2.0' };

export function sendBody(ctx: RequestContext, status: number, body: Buffer, headers: Record<string, string | number>): void {
  ctx.response.writeHead(status, { ...headers, 'Content-Length': body.length });
  if (ctx.head) {
    ctx.response.end();
    return;
  }
  ctx.response.end(body);
  ctx.bytesSent += body.length;
}

export function sendJson(ctx: RequestContext, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(ctx, status, Buffer.from(JSON.stringify(value)), { 'Content-Type': 'application/json', ...headers });
}

export function sendError(ctx: RequestContext, error: RegistryError): void {
  sendBody(ctx, error.status, Buffer.from(error.body()), { 'Content-Type': 'application/json', ...error.headers });
}

/** If-None-Match against a strong ETag: lets clients revalidate without a body. */
export function notModified(ctx: RequestContext, etag: string, headers: Record<string, string | number>): boolean {
  const header = ctx.request.headers['if-none-match'];
  if (header === undefined) return false;
  const matches = header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
  if (!matches) return false;
  const { 'Content-Length': _length, ...rest } = headers;
  ctx.response.writeHead(304, rest);
  ctx.response.end();
  return true;
}

export function methodAllowed(ctx: RequestContext): boolean {
  return ctx.request.method === 'GET' || ctx.request.method === 'HEAD';
}
