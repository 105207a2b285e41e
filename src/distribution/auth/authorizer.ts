// The Authorizer (../authorizer.ts) that answers registry challenges the way docker and podman do:
// - `Basic realm=...` (htpasswd registries): send the username and password on every request.
// - `Bearer realm=...,service=...,scope=...` (Docker Hub, ghcr.io, distribution's token auth): get a token from the
//   realm — GET with `service` and `scope` repeated, with Basic credentials when there are some (anonymous otherwise),
//   or a POST form with grant_type=refresh_token when there is an identity token — and send it as `Bearer`.
//   One token is cached per set of scopes until `expires_in` (60 s when absent) runs out or the registry rejects it.
// A token endpoint answering 401/403 means the credentials aren't good for that scope: challenge() returns false, and
// describe() says what was tried. Passwords, identity tokens and registry tokens never appear in errors or describe().

import type { Authorizer } from '../authorizer.ts';
import { type Challenge, findChallenge, parseWwwAuthenticate } from './challenge.ts';
import type { FoundCredentials } from './credentials.ts';

export interface AuthorizerOptions {
  /** The registry host (`ghcr.io`, `127.0.0.1:5000`), for messages. */
  host: string;
  /** From findCredentials(); null for anonymous. */
  credentials: FoundCredentials | null;
  /** The fetch used for token requests (default: the global fetch). */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch (default Date.now), for token expiry. */
  now?: () => number;
  /** client_id sent with the OAuth2 POST (default `nixery-action`). */
  clientId?: string;
}

/** Token lifetime when the endpoint doesn't say (the distribution token spec's default). */
export const DEFAULT_TOKEN_SECONDS = 60;

interface CachedToken {
  token: string;
  expiresAt: number;
  /** The scopes the token was asked for. */
  scopes: string[];
}

/**
 * Scopes from a string that may hold several separated by spaces, merged per resource:
 * `repository:a:pull repository:a:push repository:b:pull` → [`repository:a:pull,push`, `repository:b:pull`].
 * A resource name may itself hold colons (`repository:localhost:5000/x:pull`); the actions follow the last one.
 */
export function parseScopes(...scopeLists: string[]): string[] {
  const resources = new Map<string, string[]>();
  for (const list of scopeLists) {
    for (const scope of list.split(/\s+/)) {
      if (!scope) continue;
      const last = scope.lastIndexOf(':');
      const first = scope.indexOf(':');
      if (first < 0 || last === first) {
        // Not type:name:actions; keep it as it is.
        if (!resources.has(scope)) resources.set(scope, []);
        continue;
      }
      const resource = scope.slice(0, last);
      const actions = resources.get(resource) ?? [];
      for (const action of scope.slice(last + 1).split(',')) {
        if (action && !actions.includes(action)) actions.push(action);
      }
      resources.set(resource, actions);
    }
  }
  return [...resources].map(([resource, actions]) => (actions.length > 0 ? `${resource}:${actions.join(',')}` : resource));
}

function scopeKey(scopes: readonly string[]): string {
  return scopes
    .map((scope) => {
      const last = scope.lastIndexOf(':');
      if (last < 0 || scope.indexOf(':') === last) return scope;
      return `${scope.slice(0, last)}:${scope
        .slice(last + 1)
        .split(',')
        .sort()
        .join(',')}`;
    })
    .sort()
    .join(' ');
}

/** Whether every action of every scope in `wanted` is in `granted`. */
function covers(granted: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(parseScopes(granted.join(' ')).flatMap((scope) => expand(scope)));
  return parseScopes(wanted.join(' '))
    .flatMap((scope) => expand(scope))
    .every((item) => have.has(item));
}

function expand(scope: string): string[] {
  const last = scope.lastIndexOf(':');
  if (last < 0 || scope.indexOf(':') === last) return [scope];
  return scope
    .slice(last + 1)
    .split(',')
    .map((action) => `${scope.slice(0, last)}:${action}`);
}

export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  const { host, credentials: found } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? 'nixery-action';
  const credentials = found?.credentials;
  const userPassword = credentials && 'username' in credentials ? credentials : undefined;
  const identityToken = credentials && 'identityToken' in credentials ? credentials.identityToken : undefined;
  const secrets = [userPassword?.password, identityToken].filter((secret): secret is string => !!secret && secret.length >= 4);

  let mode: 'basic' | 'bearer' | undefined;
  let bearer: { realm: string; service?: string } | undefined;
  /** header() calls answered with nothing: their 401s are expected, not a refusal of the credentials. */
  let anonymousInFlight = 0;
  const tokens = new Map<string, CachedToken>();
  const inflight = new Map<string, Promise<CachedToken | undefined>>();
  /** Scope sets the token endpoint refused, with why: asking again with the same credentials won't help. */
  const refused = new Map<string, string>();
  let problem: string | undefined;

  const redact = (text: string): string => {
    let out = text;
    for (const secret of [...secrets, ...[...tokens.values()].map((cached) => cached.token)]) out = out.split(secret).join('[redacted]');
    return out;
  };

  const basicHeader = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

  const fresh = (key: string): CachedToken | undefined => {
    const cached = tokens.get(key);
    if (cached && cached.expiresAt > now()) return cached;
    if (cached) tokens.delete(key);
    return undefined;
  };

  async function requestToken(key: string, scopes: string[]): Promise<CachedToken | undefined> {
    if (!bearer) return undefined;
    let realm: URL;
    try {
      realm = new URL(bearer.realm);
    } catch {
      throw new Error(`registry ${host} named a token endpoint that is not a URL: ${JSON.stringify(bearer.realm)}`);
    }
    if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
      throw new Error(`registry ${host} named a token endpoint that is not http(s): ${realm.origin}${realm.pathname}`);
    }
    const endpoint = `${realm.origin}${realm.pathname}`;
    const scopeText = scopes.length > 0 ? scopes.join(' ') : '(no scope)';
    let response: Response;
    try {
      if (identityToken) {
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: identityToken, client_id: clientId });
        if (bearer.service) form.set('service', bearer.service);
        if (scopes.length > 0) form.set('scope', scopes.join(' '));
        response = await fetchFn(realm, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
        });
      } else {
        const url = new URL(realm);
        if (bearer.service) url.searchParams.set('service', bearer.service);
        for (const scope of scopes) url.searchParams.append('scope', scope);
        const headers: Record<string, string> = { accept: 'application/json' };
        if (userPassword) {
          url.searchParams.set('account', userPassword.username);
          headers.authorization = basicHeader(userPassword.username, userPassword.password);
        }
        response = await fetchFn(url, { headers });
      }
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new Error(`token endpoint ${endpoint} for registry ${host} could not be reached: ${redact(cause ?? (error as Error).message)}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      const reason = `token endpoint ${endpoint} answered ${response.status} for ${scopeText}`;
      refused.set(key, reason);
      problem = reason;
      return undefined;
    }
    const text = await response.text();
    if (!response.ok) {
      const snippet = redact(text.trim().replace(/\s+/g, ' ')).slice(0, 200);
      throw new Error(`token endpoint ${endpoint} for registry ${host} answered ${response.status}${snippet ? `: ${snippet}` : ''}`);
    }
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`token endpoint ${endpoint} for registry ${host} answered something that is not JSON`);
    }
    const token =
      typeof body?.token === 'string' && body.token ? body.token : typeof body?.access_token === 'string' ? body.access_token : '';
    if (!token) throw new Error(`token endpoint ${endpoint} for registry ${host} answered without a token`);
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
    // Renew a little early so that a token doesn't run out on its way to the registry.
    const margin = Math.min(10_000, seconds * 100);
    const cached: CachedToken = { token, expiresAt: now() + seconds * 1000 - margin, scopes };
    tokens.set(key, cached);
    refused.delete(key);
    return cached;
  }

  /** One request per scope set at a time: parallel uploads share the token being fetched. */
  function obtain(key: string, scopes: string[]): Promise<CachedToken | undefined> {
    const pending = inflight.get(key);
    if (pending) return pending;
    const promise = requestToken(key, scopes).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  function bearerChallenge(challenge: Challenge, scope: string): Promise<boolean> | boolean {
    const realm = challenge.params.realm;
    if (!realm) {
      problem = `registry ${host} sent a Bearer challenge without a realm`;
      return false;
    }
    mode = 'bearer';
    bearer = { realm, service: challenge.params.service };
    const clientScopes = parseScopes(scope);
    const key = scopeKey(clientScopes);
    const scopes = parseScopes(scope, challenge.params.scope ?? '');
    const error = challenge.params.error;
    const cached = fresh(key);
    if (cached) {
      if (!error) {
        // A request that carried no token (sent before this one was fetched): retry with the cached one.
        return true;
      }
      if (error === 'insufficient_scope' && covers(cached.scopes, scopes)) {
        problem = `registry ${host} says the token for ${cached.scopes.join(' ')} does not grant it (insufficient_scope)`;
        return false;
      }
      // invalid_token (expired or revoked on the server's side), or a scope we did not ask for: get a new one.
      tokens.delete(key);
    } else if (refused.has(key) && covers(parseScopes(key), scopes)) {
      problem = refused.get(key);
      return false;
    }
    return obtain(key, scopes).then((token) => token !== undefined);
  }

  return {
    async header(scope: string): Promise<string | undefined> {
      if (mode === 'basic' && userPassword) return basicHeader(userPassword.username, userPassword.password);
      if (mode === 'bearer') {
        const scopes = parseScopes(scope);
        const key = scopeKey(scopes);
        const token = fresh(key) ?? (refused.has(key) ? undefined : await obtain(key, scopes));
        if (token) return `Bearer ${token.token}`;
      }
      anonymousInFlight++;
      return undefined;
    },

    async challenge(wwwAuthenticate: string, scope: string): Promise<boolean> {
      const challenges = parseWwwAuthenticate(wwwAuthenticate);
      const fromAnonymous = anonymousInFlight > 0;
      if (fromAnonymous) anonymousInFlight--;
      const bearerCh = findChallenge(challenges, 'bearer');
      if (bearerCh) return bearerChallenge(bearerCh, scope);
      const basicCh = findChallenge(challenges, 'basic');
      if (basicCh) {
        if (!userPassword) {
          problem = identityToken
            ? `registry ${host} asks for a password (Basic), and an identity token can't answer that`
            : `registry ${host} asks for a username and password (Basic)`;
          return false;
        }
        if (mode === 'basic' && !fromAnonymous) {
          problem = `registry ${host} refused them (Basic)`;
          return false;
        }
        mode = 'basic';
        return true;
      }
      const schemes = challenges.map((challenge) => challenge.scheme).join(', ');
      problem = `registry ${host} asks for an authentication scheme we don't speak (${schemes || 'none given'})`;
      return false;
    },

    describe(): string {
      const base = found ? found.description : `anonymous (no credentials found for ${host})`;
      return problem ? `${base}; ${problem}` : base;
    },
  };
}
