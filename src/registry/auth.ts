import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import bcrypt from 'bcryptjs';
import { RegistryError } from './errors.ts';
import { requestHost } from './host.ts';

// Optional authentication: static bearer tokens and/or htpasswd (bcrypt) users. Everything is read-only, so an
// authenticated client may read every repository; there are no per-repository grants.
//
// Challenges, chosen so `docker login` / `podman login` / skopeo work with what is configured:
// - htpasswd only: `Basic realm=...`; clients send user:password on every request (bcrypt results are cached).
// - any static tokens: `Bearer realm=<this registry>/v2/token`. Clients holding a token send it directly
//   (skopeo --registry-token); `docker login` exchanges Basic credentials at /v2/token, where the password is a
//   static token (any user name) or an htpasswd password, and gets a short-lived signed token back.
// Basic credentials sent without a challenge (curl -u) are accepted in both modes.

export interface AuthConfig {
  /** Static bearer tokens; each grants read access. */
  tokens?: readonly string[];
  /** htpasswd users: name -> bcrypt hash. */
  users?: ReadonlyMap<string, string>;
  /** Base URL clients reach this registry at, for the token realm; default: from the request's Host. */
  publicUrl?: string;
  /** Lifetime of tokens issued at /v2/token. */
  issuedTokenTtlSeconds?: number;
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

export class Authenticator {
  private readonly tokenDigests: Buffer[];
  private readonly users: ReadonlyMap<string, string>;
  private readonly publicUrl: string | undefined;
  private readonly issuedTtlSeconds: number;
  // Per process: issued tokens end with the process, and clients fetch new ones after a 401.
  private readonly signingKey = randomBytes(32);
  private readonly rememberedCredentials = new Map<string, string>();

  constructor(config: AuthConfig) {
    this.tokenDigests = (config.tokens ?? []).map((token) => {
      if (token.length < 16) throw new Error('each static token must be at least 16 characters long');
      return sha256(token);
    });
    this.users = config.users ?? new Map();
    this.publicUrl = config.publicUrl?.replace(/\/+$/, '');
    this.issuedTtlSeconds = config.issuedTokenTtlSeconds ?? DEFAULT_ISSUED_TTL_SECONDS;
  }

  get enabled(): boolean {
    return this.tokenDigests.length > 0 || this.users.size > 0;
  }

  /**
   * The identity behind a request, or a 401 UNAUTHORIZED carrying the challenge. Browsers only answer Basic
   * challenges, so the web page asks for Basic (a static token works as the password there).
   */
  async authenticate(request: IncomingMessage, challenge?: 'Basic'): Promise<Identity> {
    if (!this.enabled) return { user: 'anonymous' };
    const header = request.headers.authorization ?? '';
    const [scheme = '', ...rest] = header.trim().split(/\s+/);
    const credentials = rest.join(' ');
    let identity: Identity | null = null;
    if (/^bearer$/i.test(scheme)) identity = this.checkBearer(credentials);
    else if (/^basic$/i.test(scheme)) identity = await this.checkBasic(credentials);
    if (identity) return identity;
    throw this.unauthorized(request, header === '' ? 'authentication required' : 'invalid credentials', challenge);
  }

  /** The /v2/token endpoint: Basic credentials in, a bearer token out (the docker token protocol, minus scopes). */
  async issueToken(request: IncomingMessage): Promise<{ token: string; access_token: string; expires_in: number; issued_at: string }> {
    const header = request.headers.authorization ?? '';
    const [scheme = '', credentials = ''] = header.trim().split(/\s+/);
    const now = Math.floor(Date.now() / 1000);
    let token: string | null = null;
    let expiresIn = this.issuedTtlSeconds;
    if (/^basic$/i.test(scheme)) {
      const pair = decodeBasic(credentials);
      if (pair && this.isStaticToken(pair.password)) {
        token = pair.password;
        expiresIn = 365 * 24 * 3600;
      } else if (pair && (await this.checkUser(pair.user, pair.password))) {
        token = this.sign(pair.user, now + this.issuedTtlSeconds);
      }
    } else if (/^bearer$/i.test(scheme) && this.checkBearer(credentials)) {
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
    return this.publicUrl ?? `http://${requestHost(request)}`;
  }

  private checkBearer(token: string): Identity | null {
    if (token === '' || token.length > 4096) return null;
    if (this.isStaticToken(token)) return { user: 'token' };
    const user = this.verifySigned(token);
    return user === null ? null : { user };
  }

  private async checkBasic(credentials: string): Promise<Identity | null> {
    const pair = decodeBasic(credentials);
    if (!pair) return null;
    // `docker login -u anything -p TOKEN` then sends the token as a Basic password.
    if (this.isStaticToken(pair.password)) return { user: 'token' };
    return (await this.checkUser(pair.user, pair.password)) ? { user: pair.user } : null;
  }

  private isStaticToken(candidate: string): boolean {
    const digest = sha256(candidate);
    let found = false;
    for (const known of this.tokenDigests) found = timingSafeEqual(known, digest) || found;
    return found;
  }

  private async checkUser(user: string, password: string): Promise<boolean> {
    const hash = this.users.get(user);
    if (hash === undefined) return false;
    const memo = sha256(`${user}\0${password}\0${hash}`).toString('hex');
    if (this.rememberedCredentials.get(memo) === user) return true;
    if (!(await bcrypt.compare(password, hash))) return false;
    if (this.rememberedCredentials.size >= MAX_REMEMBERED_CREDENTIALS) {
      this.rememberedCredentials.delete(this.rememberedCredentials.keys().next().value!);
    }
    this.rememberedCredentials.set(memo, user);
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
