import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

// One HTTP request to a registry, retried a bounded number of times when the failure is the kind that goes away:
// rate limits (429), a gateway or the registry itself falling over (500, 502, 503, 504) and dropped connections.
// Node's fetch (undici) does the I/O; a streamed body is consumed by the first attempt, so bodies come from a
// factory that is called once per attempt.

/** What a request body can be; a Node Readable is sent as a stream with `duplex: 'half'`. */
export type RequestBody = Buffer | Readable;

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Called once per attempt; must give the same bytes every time (re-open the file, re-slice the buffer). */
  body?: () => RequestBody;
  signal?: AbortSignal;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before retry n (1-based) is uniform in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]: "full jitter". */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we wait for; a registry asking for longer gets its 429 back as the answer. */
  maxRetryAfterMs: number;
  /**
   * Whether a refused connection is worth retrying. A registry that answered before and now refuses is
   * restarting; one that never answered is the wrong address, and five slow attempts would only hide that.
   */
  retryConnectionRefused: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  retryConnectionRefused: true,
};

/** Why an attempt is retried, for logs: the status, or the connection error's code. */
export interface RetryNotice {
  method: string;
  /** The URL without query string or credentials (upload locations carry opaque state in their query). */
  url: string;
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface RequestOptions {
  policy?: Partial<RetryPolicy>;
  onRetry?: (notice: RetryNotice) => void;
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);
// Codes undici and Node's net layer give a connection that broke or never formed for a passing reason.
const RETRIED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A request that failed without an HTTP answer, after the retries; the message never carries headers. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  readonly code: string | undefined;

  constructor(method: string, url: string, code: string | undefined, detail: string, attempts: number, cause: unknown) {
    super(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${detail}`, { cause });
    this.code = code;
  }
}

/**
 * Sends the request, retrying as the policy says. Resolves with the last response, whatever its status (the
 * caller decides what a 404 or a 500 after the retries means); rejects only when no response came at all.
 * Redirects are not followed: the caller decides what a redirect means (a streamed body cannot be replayed).
 */
export async function sendRequest(request: HttpRequest, options: RequestOptions = {}): Promise<Response> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const shownUrl = redactUrl(request.url);
  for (let attempt = 1; ; attempt++) {
    const body = request.body?.();
    let response: Response;
    try {
      response = await fetch(request.url, init(request, body));
    } catch (error) {
      // A file stream the failed request did not finish holds an open descriptor.
      if (body instanceof Readable) body.destroy();
      if (request.signal?.aborted) throw error;
      const code = errorCode(error);
      const retryable = isRetryableConnectionError(error, policy.retryConnectionRefused);
      if (!retryable || attempt >= policy.attempts) {
        throw new ConnectionError(request.method, shownUrl, code, describeConnectionError(error), attempt, error);
      }
      const delayMs = backoff(attempt, policy);
      options.onRetry?.({ method: request.method, url: shownUrl, attempt, reason: code ?? 'connection failed', delayMs });
      await sleep(delayMs, undefined, request.signal ? { signal: request.signal } : undefined);
      continue;
    }
    if (!RETRIED_STATUSES.has(response.status) || attempt >= policy.attempts) return response;
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return response;
    // Drain what is left so undici can reuse the connection.
    await response.body?.cancel().catch(() => {});
    const delayMs = retryAfter ?? backoff(attempt, policy);
    options.onRetry?.({ method: request.method, url: shownUrl, attempt, reason: `HTTP ${response.status}`, delayMs });
    await sleep(delayMs, undefined, request.signal ? { signal: request.signal } : undefined);
  }
}

function init(request: HttpRequest, body: RequestBody | undefined): RequestInit {
  const base: RequestInit = {
    method: request.method,
    headers: request.headers ?? {},
    redirect: 'manual',
    ...(request.signal ? { signal: request.signal } : {}),
  };
  if (body === undefined) return base;
  if (Buffer.isBuffer(body)) return { ...base, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  // Streams need duplex: 'half' (the request body is sent before the response is read); undici requires it.
  return { ...base, body: Readable.toWeb(body) as ReadableStream<Uint8Array>, duplex: 'half' } as RequestInit;
}

/** Exponential backoff with full jitter, so many clients hitting one rate limit spread out. */
export function backoff(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(Math.random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would read "-3" as a year.
  if (!/^[A-Za-z]{3},/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The URL for messages: no user info and no query (upload locations carry opaque, sometimes signed, state). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function isRetryableConnectionError(error: unknown, retryRefused: boolean): boolean {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return retryRefused;
  if (code !== undefined && RETRIED_CODES.has(code)) return true;
  return /socket hang up|other side closed/i.test(
    causeChain(error)
      .map((e) => e.message)
      .join(' '),
  );
}

/** The first error code along the cause chain (fetch wraps the socket's error in a TypeError). */
function errorCode(error: unknown): string | undefined {
  for (const e of causeChain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    // Happy-eyeballs connects fail with an AggregateError holding one error per address.
    if (e instanceof AggregateError) {
      for (const inner of e.errors) {
        const innerCode = (inner as { code?: unknown }).code;
        if (typeof innerCode === 'string') return innerCode;
      }
    }
  }
  return undefined;
}

function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

function describeConnectionError(error: unknown): string {
  const chain = causeChain(error);
  const innermost = chain[chain.length - 1];
  const code = errorCode(error);
  const message = innermost?.message || String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
