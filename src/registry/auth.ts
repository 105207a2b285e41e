import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BcryptPool, VerifyQueueFull } from './bcrypt-pool.ts';
import { RegistryError } from './errors.ts';
import { FailureLimiter } from './failure-limiter.ts';

// Optional authentication: static bearer tokens and/or htpasswd (bcrypt) users. Everything is read-only, so an
// authenticated client may read every repository; there are no per-repository grants.
//
// Challenges, chosen so `docker login` / `podman login` / skopeo work with what is configured:
// - htpasswd only: `Basic realm=...`; clients send user:password on every request (bcrypt results are cached).
// - any static tokens: `Bearer realm=<this registry>/v2/token`. Clients holding a token send it directly
//   (skopeo --registry-token); `docker login` exchanges Basic credentials at /v2/token, where the password is a
//   static token (any user name) or an htpasswd password, and gets a short-lived signed token back.
// Basic credentials sent without a challenge (curl -u) are accepted in both modes.
//
// Password checks are expensive on purpose, so they are kept from stalling the server: they run on worker threads
// (bcrypt-pool.ts) with a bounded queue (429 past it), a correct user+password is remembered for a minute, and
// repeated failures from one client address or for one user name get 429 for the rest of a window. Unknown users
// are checked against a dummy hash of the same cost, so the answer's timing does not tell which users exist.

export interface AuthConfig {
  /** Static bearer tokens; each grants read access. */
  tokens?: readonly string[];
  /** htpasswd users: name -> bcrypt hash. */
  users?: ReadonlyMap<string, string>;
  /**
   * Base URL clients reach this registry at, for the token realm; default: the address the server listens on
   * (for a wildcard bind, the local address the connection came in on). Never the request's Host header.
   */
  publicUrl?: string;
  /** Lifetime of tokens issued at /v2/token. */
  issuedTokenTtlSeconds?: number;
  /** Threads checking passwords; default: one per core but one, 1 to 4. */
  verifyThreads?: number;
  /** Password checks waiting for a thread; more get 429. */
  maxQueuedVerifications?: number;
  /** How long a verified user+password is remembered. */
  verifiedCacheMs?: number;
  /** Failed sign-ins allowed per client address per window; then 429 until the window ends. */
  failuresPerAddress?: number;
  /** Failed sign-ins allowed per user name per window (from any address); then 429 until the window ends. */
  failuresPerUser?: number;
  failureWindowMs?: number;
}

export interface Identity {
  /** Who made the request, for logs: an htpasswd user, "token" for a static token, or "anonymous". */
  user: string;
}

const SERVICE = 'nixery';
const DEFAULT_ISSUED_TTL_SECONDS = 300;
const ISSUED_PREFIX = 'nxt1';
const BCRYPT_HASH = /^\$2[aby]?\$\d\d\$[./A-Za-z0-9]{53}$/;
/** Valid Basic credentials are remembered so a pull (dozens of requests) costs one bcrypt check, not dozens. */
const MAX_REMEMBERED_CREDENTIALS = 1_000;
const DEFAULT_VERIFIED_CACHE_MS = 60_000;
const DEFAULT_FAILURES_PER_ADDRESS = 10;
const DEFAULT_FAILURES_PER_USER = 20;
const DEFAULT_FAILURE_WINDOW_MS = 60_000;
const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Authenticator {
  private readonly tokenDigests: Buffer[];
  private readonly users: ReadonlyMap<string, string>;
  private readonly publicUrl: string | undefined;
  private readonly issuedTtlSeconds: number;
  // Per process: issued tokens end with the process, and clients fetch new ones after a 401.
  private readonly signingKey = randomBytes(32);
  // Keys the remembered-credentials map: an HMAC of user and password under a per-process random key, so
  // neither the password nor a plain hash of it is ever held.
  private readonly rememberKey = randomBytes(32);
  private readonly rememberedCredentials = new Map<string, { user: string; expires: number }>();
  private readonly verifiedCacheMs: number;
  /** Checks running for the same user+password share one bcrypt run (a pull's parallel first requests). */
  private readonly checking = new Map<string, Promise<boolean>>();
  private readonly pool: BcryptPool;
  private readonly failuresByAddress: FailureLimiter;
  private readonly failuresByUser: FailureLimiter;
  /** Checked for unknown users: same cost as the real hashes, matches nothing. */
  private readonly dummyHash: string;
  private listening: { url: string; wildcard: boolean } | null = null;

  constructor(config: AuthConfig) {
    this.tokenDigests = (config.tokens ?? []).map((token) => {
      if (token.length < 16) throw new Error('each static token must be at least 16 characters long');
      return sha256(token);
    });
    this.users = config.users ?? new Map();
    this.publicUrl = config.publicUrl?.replace(/\/+$/, '');
    this.issuedTtlSeconds = config.issuedTokenTtlSeconds ?? DEFAULT_ISSUED_TTL_SECONDS;
    this.verifiedCacheMs = config.verifiedCacheMs ?? DEFAULT_VERIFIED_CACHE_MS;
    this.pool = new BcryptPool({
      ...(config.verifyThreads !== undefined ? { threads: config.verifyThreads } : {}),
      ...(config.maxQueuedVerifications !== undefined ? { maxQueued: config.maxQueuedVerifications } : {}),
    });
    const windowMs = config.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS;
    this.failuresByAddress = new FailureLimiter(config.failuresPerAddress ?? DEFAULT_FAILURES_PER_ADDRESS, windowMs);
    this.failuresByUser = new FailureLimiter(config.failuresPerUser ?? DEFAULT_FAILURES_PER_USER, windowMs);
    this.dummyHash = dummyHash(commonCost(this.users));
  }

  /** The server's listening address, the token realm's default when no public URL is configured. */
  useListeningAddress(address: { host: string; url: string }): void {
    this.listening = { url: address.url, wildcard: address.host === '0.0.0.0' || address.host === '::' };
  }

  /** Stops the password-check threads. */
  close(): Promise<void> {
    return this.pool.close();
  }

  get enabled(): boolean {
    return this.tokenDigests.length > 0 || this.users.size > 0;
  }

  /** Which kinds of credentials are configured, for the page that tells a visitor how to log in. */
  get credentialKinds(): { users: boolean; tokens: boolean } {
    return { users: this.users.size > 0, tokens: this.tokenDigests.length > 0 };
  }

  /**
   * The identity behind a request, or a 401 UNAUTHORIZED carrying the challenge. Browsers only answer Basic
   * challenges, so the web page asks for Basic (a static token works as the password there).
   */
  async authenticate(request: IncomingMessage, challenge?: 'Basic'): Promise<Identity> {
    if (!this.enabled) return { user: 'anonymous' };
    const header = request.headers.authorization ?? '';
    const { scheme, credentials } = parseAuthorization(header);
    let identity: Identity | null = null;
    if (scheme === 'bearer') identity = this.checkBearer(credentials);
    else if (scheme === 'basic') identity = await this.checkBasic(credentials, request);
    if (identity) return identity;
    throw this.unauthorized(request, header === '' ? 'authentication required' : 'invalid credentials', challenge);
  }

  /** The /v2/token endpoint: Basic credentials in, a bearer token out (the docker token protocol, minus scopes). */
  async issueToken(request: IncomingMessage): Promise<{ token: string; access_token: string; expires_in: number; issued_at: string }> {
    const header = request.headers.authorization ?? '';
    const { scheme, credentials } = parseAuthorization(header);
    const now = Math.floor(Date.now() / 1000);
    let token: string | null = null;
    let expiresIn = this.issuedTtlSeconds;
    if (scheme === 'basic') {
      const pair = decodeBasic(credentials);
      if (pair && this.isStaticToken(pair.password)) {
        token = pair.password;
        expiresIn = 365 * 24 * 3600;
      } else if (pair && (await this.checkUser(pair.user, pair.password, request))) {
        token = this.sign(pair.user, now + this.issuedTtlSeconds);
      }
    } else if (scheme === 'bearer' && this.checkBearer(credentials)) {
      token = credentials;
    }
    if (!token) throw this.unauthorized(request, header === '' ? 'authentication required' : 'invalid credentials', 'Basic');
    return { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1000).toISOString() };
  }

  private unauthorized(request: IncomingMessage, message: string, forceScheme?: 'Basic'): RegistryError {
    return new RegistryError(401, 'UNAUTHORIZED', message, { headers: { 'WWW-Authenticate': this.challenge(request, forceScheme) } });
  }

  private challenge(request: IncomingMessage, forceScheme?: 'Basic'): string {
    if (forceScheme === 'Basic' || this.tokenDigests.length === 0) return `Basic realm="${SERVICE}"`;
    return `Bearer realm="${this.baseUrl(request)}/v2/token",service="${SERVICE}"`;
  }

  private baseUrl(request: IncomingMessage): string {
    if (this.publicUrl) return this.publicUrl;
    if (this.listening && !this.listening.wildcard) return this.listening.url;
    return `http://${localAddress(request)}`;
  }

  private checkBearer(token: string): Identity | null {
    if (token === '' || token.length > 4096) return null;
    if (this.isStaticToken(token)) return { user: 'token' };
    const user = this.verifySigned(token);
    return user === null ? null : { user };
  }

  private async checkBasic(credentials: string, request: IncomingMessage): Promise<Identity | null> {
    const pair = decodeBasic(credentials);
    if (!pair) return null;
    // `docker login -u anything -p TOKEN` then sends the token as a Basic password.
    if (this.isStaticToken(pair.password)) return { user: 'token' };
    return (await this.checkUser(pair.user, pair.password, request)) ? { user: pair.user } : null;
  }

  private isStaticToken(candidate: string): boolean {
    const digest = sha256(candidate);
    let found = false;
    for (const known of this.tokenDigests) found = timingSafeEqual(known, digest) || found;
    return found;
  }

  /**
   * Whether user:password is an htpasswd login. Remembered logins answer at once (even while the user or address
   * is being limited); otherwise a 429 when this address or user failed too often, or too many checks wait.
   */
  private async checkUser(user: string, password: string, request: IncomingMessage): Promise<boolean> {
    const memo = createHmac('sha256', this.rememberKey).update(`${user.length}:${user}:${password}`).digest('base64url');
    const remembered = this.rememberedCredentials.get(memo);
    if (remembered && remembered.user === user && remembered.expires > Date.now()) return true;
    if (remembered) this.rememberedCredentials.delete(memo);

    const address = `${request.socket.remoteAddress ?? 'unknown'}`;
    const wait = Math.max(this.failuresByAddress.retryAfter(address), this.failuresByUser.retryAfter(user));
    if (wait > 0) throw tooManyFailures(wait);
    this.failuresByAddress.begin(address);
    this.failuresByUser.begin(user);
    let ok = false;
    let counted = true;
    try {
      let check = this.checking.get(memo);
      if (!check) {
        // Unknown users cost the same bcrypt run as known ones (against a hash that matches nothing).
        const hash = this.users.get(user) ?? this.dummyHash;
        check = this.pool.verify(password, hash).then((matched) => matched && this.users.has(user));
        this.checking.set(memo, check);
        const forget = (): void => void this.checking.delete(memo);
        check.then(forget, forget);
      }
      ok = await check;
    } catch (error) {
      counted = false;
      if (error instanceof VerifyQueueFull) throw tooManyFailures(1, 'too many sign-ins at once; retry shortly');
      throw error;
    } finally {
      this.failuresByAddress.end(address, counted && !ok);
      this.failuresByUser.end(user, counted && !ok);
    }
    if (!ok) return false;
    if (this.rememberedCredentials.size >= MAX_REMEMBERED_CREDENTIALS) {
      this.rememberedCredentials.delete(this.rememberedCredentials.keys().next().value!);
    }
    this.rememberedCredentials.set(memo, { user, expires: Date.now() + this.verifiedCacheMs });
    return true;
  }

  private sign(user: string, expires: number): string {
    const payload = `${ISSUED_PREFIX}.${Buffer.from(user).toString('base64url')}.${expires}`;
    return `${payload}.${createHmac('sha256', this.signingKey).update(payload).digest('base64url')}`;
  }

  private verifySigned(token: string): string | null {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== ISSUED_PREFIX) return null;
    const [, userPart = '', expiresPart = '', mac = ''] = parts;
    if (!/^\d{1,12}$/.test(expiresPart) || Number(expiresPart) < Date.now() / 1000) return null;
    const expected = Buffer.from(this.sign(Buffer.from(userPart, 'base64url').toString(), Number(expiresPart)).split('.')[3]!);
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const user = Buffer.from(userPart, 'base64url').toString();
    return this.users.has(user) ? user : null;
  }
}

/** Parses an htpasswd file; only bcrypt entries (`htpasswd -B`), as docker's registry also requires. */
export function parseHtpasswd(text: string, source: string): Map<string, string> {
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const colon = line.indexOf(':');
    const user = line.slice(0, colon);
    const hash = line.slice(colon + 1).trim();
    if (colon <= 0) throw new Error(`${source} line ${i + 1}: expected "user:hash"`);
    if (!BCRYPT_HASH.test(hash)) {
      throw new Error(`${source} line ${i + 1}: the hash for "${user}" is not bcrypt; create entries with "htpasswd -B"`);
    }
    users.set(user, hash);
  });
  return users;
}

/** Reads static tokens: one per line, blank lines and # comments ignored. */
export function parseTokenList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The one parser for Authorization headers (/v2/ and /v2/token alike): a scheme, one space or more, and one
 * credentials token. Anything after the token makes the header invalid (scheme ''), so both endpoints refuse it.
 */
function parseAuthorization(header: string): { scheme: '' | 'basic' | 'bearer' | 'other'; credentials: string } {
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?: +([^ ]+))?$/.exec(header.trim());
  if (!match) return { scheme: '', credentials: '' };
  const scheme = match[1]!.toLowerCase();
  return { scheme: scheme === 'basic' || scheme === 'bearer' ? scheme : 'other', credentials: match[2] ?? '' };
}

function tooManyFailures(retryAfterSeconds: number, message = 'too many failed sign-ins; retry later'): RegistryError {
  return new RegistryError(429, 'TOOMANYREQUESTS', message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/** The bcrypt cost most users' hashes have (10 when there are none). */
function commonCost(users: ReadonlyMap<string, string>): number {
  const counts = new Map<number, number>();
  for (const hash of users.values()) {
    const cost = Number(hash.slice(4, 6));
    counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let best = 10;
  let bestCount = 0;
  for (const [cost, count] of counts) {
    if (count > bestCount) [best, bestCount] = [cost, count];
  }
  return best;
}

/** A well-formed bcrypt hash of this cost with a random salt and digest: checking it costs the same, matches nothing. */
function dummyHash(cost: number): string {
  const chars = (n: number): string => Array.from({ length: n }, () => BCRYPT_ALPHABET[randomInt(BCRYPT_ALPHABET.length)]).join('');
  // The salt's 22nd character carries only 2 bits; '.' keeps it canonical.
  return `$2b$${String(cost).padStart(2, '0')}$${chars(21)}.${chars(31)}`;
}

/** The local address a connection came in on (what a client dialled), for the realm of a wildcard bind. */
function localAddress(request: IncomingMessage): string {
  const { localAddress: address, localPort: port } = request.socket;
  if (!address) return 'localhost';
  const v4 = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return v4.includes(':') ? `[${v4}]:${port}` : `${v4}:${port}`;
}

function decodeBasic(credentials: string): { user: string; password: string } | null {
  if (credentials === '' || credentials.length > 4096 || !/^[A-Za-z0-9+/=]+$/.test(credentials)) return null;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
