import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ImageStore } from '../storage/image-store.ts';
import type { Authenticator } from './auth.ts';
import { API_VERSION_HEADER, methodAllowed, sendBody, sendError } from './context.ts';
import type { BlobRedirectOptions, RequestContext } from './context.ts';
import { RegistryError, tooManyRequests, truncate, writeUnsupported } from './errors.ts';
import { ImageReader } from './image-reader.ts';
import { DEFAULT_CACHE_TTL_MS } from '../settings/serve-settings.ts';
import { RegistryLog } from './log.ts';
import type { OnDemandBuilder } from './on-demand.ts';
import { requestHost } from './host.ts';
import { PAGE_HEADERS, renderErrorPage, renderSignInPage } from './page.ts';
import { isPageRoute, routeOf } from './router.ts';
import type { Route } from './router.ts';
import { serveBlob } from './routes/blobs.ts';
import { IndexPage } from './routes/index-page.ts';
import { serveCatalog, serveTags } from './routes/listings.ts';
import { serveManifest } from './routes/manifests.ts';
import { serveReferrers } from './routes/referrers.ts';
import { RepositoryPage } from './routes/repository-page.ts';
import { serveBase, serveHealth, serveToken } from './routes/service.ts';

// Not an ESM import: importing node:http as a module makes Node evaluate every lazy export of it, and one of them
// (WebSocket) compiles undici, 20-40 ms of a replica's cold start for a client the registry never uses.
const { createServer } = process.getBuiltinModule('node:http');

// The read-only registry's HTTP server: limits and timeouts, authentication, routing, logging, shutdown.
// It reads the bucket only through ImageStore and its StorageBackend, so any backend serves unchanged.

export interface ServerLimits {
  /** Time to receive all request headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (registry reads have no body). */
  requestTimeoutMs: number;
  /** A connection with no traffic either way for this long is closed (a stalled download too). */
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Request line plus headers; larger requests get 431 from Node before any handler runs. */
  maxHeaderBytes: number;
  /** Longest request target; the longest valid one is about 400 characters. */
  maxUrlLength: number;
  /** Requests handled at once; more get 429 TOOMANYREQUESTS. */
  maxInFlight: number;
  /** How long shutdown waits for running responses (e.g. blob downloads) before cutting them. */
  shutdownGraceMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  maxUrlLength: 4096,
  maxInFlight: 1024,
  shutdownGraceMs: 10_000,
};

export interface RegistryServerOptions {
  store: ImageStore;
  auth?: Authenticator;
  log?: RegistryLog;
  /** Tag -> manifest, tag-list and catalog cache lifetime; 0 disables. */
  cacheTtlMs?: number;
  /** Redirect blob GETs to signed URLs where the backend can sign them (object stores); off by default. */
  blobRedirect?: BlobRedirectOptions;
  limits?: Partial<ServerLimits>;
  /** Build images the bucket lacks when their manifest is requested (`serve --build`); read-only without it. */
  onDemand?: OnDemandBuilder;
}

export interface ListeningAddress {
  host: string;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:5000 */
  url: string;
}

export class RegistryServer {
  readonly http: Server;
  readonly log: RegistryLog;
  private readonly reader: ImageReader;
  private readonly indexPage: IndexPage;
  private readonly repositoryPage: RepositoryPage;
  private readonly auth: Authenticator | null;
  private readonly limits: ServerLimits;
  private readonly blobRedirect: BlobRedirectOptions | null;
  private readonly onDemand: OnDemandBuilder | null;
  private inFlight = 0;
  private readonly drained = new Set<() => void>();
  private closing: Promise<void> | null = null;

  constructor(options: RegistryServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.log = options.log ?? new RegistryLog();
    const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.reader = new ImageReader(options.store, {
      cacheTtlMs,
      onWarning: (message) => this.log.event('bucket warning', { warning: message }),
    });
    this.indexPage = new IndexPage(this.reader, cacheTtlMs);
    this.repositoryPage = new RepositoryPage(this.reader, cacheTtlMs);
    this.auth = options.auth?.enabled ? options.auth : null;
    this.blobRedirect = options.blobRedirect ?? null;
    this.onDemand = options.onDemand ?? null;
    this.http = createServer(
      {
        maxHeaderSize: this.limits.maxHeaderBytes,
        headersTimeout: this.limits.headersTimeoutMs,
        requestTimeout: this.limits.requestTimeoutMs,
        keepAliveTimeout: this.limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1_000, this.limits.headersTimeoutMs),
      },
      (request, response) => void this.handle(request, response),
    );
    this.http.setTimeout(this.limits.idleTimeoutMs);
    // Malformed HTTP never reaches a handler; answer 400 (Node's default) without logging a stack.
    this.http.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (socket.writable && !socket.destroyed) {
        const status =
          error.code === 'HPE_HEADER_OVERFLOW'
            ? '431 Request Header Fields Too Large'
            : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
              ? '408 Request Timeout'
              : '400 Bad Request';
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      } else {
        socket.destroy();
      }
    });
    // Node hands CONNECT to this event, not to the request handler, and closes the socket unanswered without a
    // listener; answer it like every other method a read-only registry does not take.
    this.http.on('connect', (request: IncomingMessage, socket: Duplex) => this.refuseConnect(request, socket));
  }

  private refuseConnect(request: IncomingMessage, socket: Duplex): void {
    const body = writeUnsupported('CONNECT').body();
    socket.on('error', () => {});
    const head = [
      'HTTP/1.1 405 Method Not Allowed',
      ...Object.entries(API_VERSION_HEADER).map(([key, value]) => `${key}: ${value}`),
      'Allow: GET, HEAD',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    this.log.request({ method: 'CONNECT', path: truncate(request.url ?? '', 256), status: 405, bytes: Buffer.byteLength(body), ms: 0 });
  }

  listen(port: number, host: string): Promise<ListeningAddress> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const address = this.http.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        const listening = { host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` };
        // The token realm names this address (unless a public URL is configured), never the request's Host.
        this.auth?.useListeningAddress(listening);
        resolve(listening);
      });
    });
  }

  /** Stops accepting connections, lets running responses finish for up to shutdownGraceMs, then cuts the rest. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
      // Running builds stop first (Nix killed; nothing half-written gets tagged), so their clients get an answer.
      const buildsStopped = this.onDemand?.close();
      this.http.closeIdleConnections();
      if (this.inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => this.drained.add(resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, this.limits.shutdownGraceMs))),
        ]);
        clearTimeout(timer);
      }
      this.http.closeAllConnections();
      await buildsStopped;
      await closed;
      await this.auth?.close();
    })();
    return this.closing;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const rawUrl = request.url ?? '/';
    const ctx: RequestContext = {
      request,
      response,
      url: new URL('http://registry.invalid/'),
      head: request.method === 'HEAD',
      reader: this.reader,
      log: this.log,
      blobRedirect: this.blobRedirect,
      bytesSent: 0,
      ...(this.onDemand ? { onDemand: this.onDemand } : {}),
    };
    let user: string | undefined;
    let route: Route | null = null;
    this.inFlight++;
    response.on('close', () => {
      this.inFlight--;
      this.log.request({
        method: truncate(request.method ?? '?', 16),
        path: truncate(rawUrl, 256),
        status: response.statusCode,
        bytes: ctx.bytesSent,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(user ? { user } : {}),
        ...(response.writableFinished ? {} : { aborted: true }),
        ...(ctx.logError ? { error: ctx.logError } : {}),
      });
      if (this.inFlight === 0) for (const resolve of this.drained) resolve();
    });
    response.on('error', () => {}); // a client that goes away is not a server problem

    try {
      for (const [key, value] of Object.entries(API_VERSION_HEADER)) response.setHeader(key, value);
      if (this.closing) response.setHeader('Connection', 'close');
      if (this.inFlight > this.limits.maxInFlight) throw tooManyRequests(1);
      if (rawUrl.length > this.limits.maxUrlLength) {
        throw new RegistryError(
          414,
          'NAME_INVALID',
          `request URL is ${rawUrl.length} characters long; the limit is ${this.limits.maxUrlLength}`,
        );
      }
      ctx.url = parseTarget(rawUrl);
      route = routeOf(ctx.url.pathname);
      if (route.kind === 'healthz') {
        if (!methodAllowed(ctx)) throw writeUnsupported(request.method ?? '?');
        return serveHealth(ctx);
      }
      if (route.kind === 'unknown') {
        throw new RegistryError(404, 'NOT_FOUND', `no such endpoint: ${truncate(ctx.url.pathname)} (this is a registry: see /v2/)`);
      }
      if (!methodAllowed(ctx)) throw writeUnsupported(request.method ?? '?');
      if (route.kind === 'token') return await serveToken(ctx, this.auth);
      // The pages list every image, so they need the same credentials as /v2/ (asked for with Basic: browsers).
      if (this.auth) user = (await this.auth.authenticate(request, isPageRoute(route) ? 'Basic' : undefined)).user;
      await this.dispatch(ctx, route);
    } catch (error) {
      this.fail(ctx, error, route !== null && isPageRoute(route));
    }
  }

  private async dispatch(ctx: RequestContext, route: Route): Promise<void> {
    switch (route.kind) {
      case 'base':
        return serveBase(ctx);
      case 'page':
        return this.indexPage.serve(ctx);
      case 'repository-page':
        return this.repositoryPage.serve(ctx, route.name);
      case 'catalog':
        return serveCatalog(ctx);
      case 'manifest':
        return serveManifest(ctx, route.name, route.reference);
      case 'blob':
        return serveBlob(ctx, route.name, route.digest);
      case 'tags':
        return serveTags(ctx, route.name);
      case 'referrers':
        return serveReferrers(ctx, route.name, route.digest);
      case 'upload':
        throw new RegistryError(404, 'BLOB_UNKNOWN', 'there are no uploads: this registry is read-only');
      default:
        throw new RegistryError(404, 'NOT_FOUND', 'no such endpoint');
    }
  }

  /** Errors go out as the spec's JSON, or as an HTML page when a person asked for a page. */
  private fail(ctx: RequestContext, error: unknown, asPage = false): void {
    const registryError =
      error instanceof RegistryError ? error : new RegistryError(500, 'UNKNOWN', 'internal error reading the bucket; see the server log');
    if (!(error instanceof RegistryError)) {
      ctx.logError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (ctx.response.headersSent) {
      ctx.response.destroy();
      return;
    }
    if (asPage) this.sendErrorPage(ctx, registryError);
    else sendError(ctx, registryError);
  }

  /**
   * A page's error as HTML, with the error's status and headers. Without valid credentials that is the sign-in
   * page: the Basic challenge makes the browser ask for them, and the body says how to log in (no image names).
   */
  private sendErrorPage(ctx: RequestContext, error: RegistryError): void {
    const host = requestHost(ctx.request);
    const html =
      error.status === 401 && this.auth
        ? renderSignInPage(host, this.auth.credentialKinds, error.message)
        : renderErrorPage(host, error.status, error.message);
    sendBody(ctx, error.status, Buffer.from(html), { ...PAGE_HEADERS, ...error.headers });
  }
}

/** Parses the request target; only origin-form ("/path?query") is accepted. */
function parseTarget(raw: string): URL {
  if (!raw.startsWith('/') || raw.startsWith('//')) {
    throw new RegistryError(400, 'NAME_INVALID', `request target "${truncate(raw)}" must be a path starting with "/"`);
  }
  try {
    return new URL(raw, 'http://registry.invalid');
  } catch {
    throw new RegistryError(400, 'NAME_INVALID', `request target "${truncate(raw)}" is not a valid URL`);
  }
}
