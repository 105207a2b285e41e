import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

// A token service for distribution's `auth: token` (the flow Docker Hub and ghcr.io use), on loopback.
// It checks Basic credentials (GET, as docker and podman ask) or an OAuth2 form (POST: grant_type=refresh_token
// with an identity token, or grant_type=password), and signs a JWT that the registry verifies:
// - header {typ: JWT, alg: RS256, kid} where kid is the libtrust fingerprint of the signing key: SHA-256 of its
//   DER SubjectPublicKeyInfo, the first 240 bits in base32 without padding, in 12 groups of 4 joined by ':';
//   the registry finds the key by that id among the certificates in its rootcertbundle. Or header {x5c: [cert]},
//   a chain the registry verifies against the bundle.
// - claims iss (the registry's `issuer`), sub, aud (the registry's `service`, a string in distribution 2.8),
//   exp, nbf, iat, jti and access: [{type, name, actions}].
// The registry allows 60 s of clock skew on exp and nbf.

export interface IssuerRequest {
  method: string;
  /** The authenticated user, or null for an anonymous request. */
  user: string | null;
  /** `password`, `refresh_token` (POST) or `basic` / `anonymous` (GET). */
  grant: string;
  scopes: string[];
  service: string | null;
  /** GET's `account`, POST's `client_id`. */
  account: string | null;
  clientId: string | null;
  /** Answered status. */
  status: number;
}

export interface IssuerSettings {
  /** `expires_in` in the answer (seconds); undefined leaves it out. */
  expiresIn: number | undefined;
  /** exp claim = now + this (seconds); negative makes tokens the registry rejects once skew runs out. */
  claimLifetime: number;
  /** How the JWT names its key. */
  keyHeader: 'kid' | 'x5c';
  /** Actions an anonymous caller is granted (a public registry grants pull). */
  anonymousActions: string[];
}

export interface TokenIssuer {
  /** The realm for the registry's config: http://127.0.0.1:PORT/token */
  realm: string;
  requests: IssuerRequest[];
  settings: IssuerSettings;
  /** Decoded JWT headers of the tokens issued, in order. */
  issuedHeaders: Record<string, unknown>[];
  stop(): Promise<void>;
}

export interface TokenIssuerOptions {
  /** PEM private key (RSA) and its certificate (which goes into the registry's rootcertbundle). */
  keyPem: string;
  certPem: string;
  issuer: string;
  service: string;
  /** username → password. */
  users: Record<string, string>;
  /** identity token → username, for the refresh_token grant. */
  identityTokens?: Record<string, string>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** libtrust's key ID: base32 of the first 30 bytes of SHA-256(DER SPKI), in groups of four joined by ':'. */
export function libtrustKeyId(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  const digest = createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let encoded = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      encoded += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) encoded += alphabet[(value << (5 - bits)) & 31];
  return encoded.match(/.{1,4}/g)!.join(':');
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** repository:name:actions (names may hold ':' before the last one). */
function parseScope(scope: string): { type: string; name: string; actions: string[] } | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return null;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const privateKey = createPrivateKey(options.keyPem);
  const kid = libtrustKeyId(options.certPem);
  const certDer = new X509Certificate(options.certPem).raw.toString('base64');
  const requests: IssuerRequest[] = [];
  const issuedHeaders: Record<string, unknown>[] = [];
  const settings: IssuerSettings = { expiresIn: 300, claimLifetime: 300, keyHeader: 'kid', anonymousActions: ['pull'] };

  const signToken = (user: string | null, scopes: string[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes
      .map(parseScope)
      .filter((scope) => scope !== null)
      .map((scope) => ({
        type: scope.type,
        name: scope.name,
        actions: user ? scope.actions : scope.actions.filter((action) => settings.anonymousActions.includes(action)),
      }));
    const header: Record<string, unknown> = { typ: 'JWT', alg: 'RS256' };
    if (settings.keyHeader === 'kid') header.kid = kid;
    else header.x5c = [certDer];
    issuedHeaders.push(header);
    const claims = {
      iss: options.issuer,
      sub: user ?? '',
      aud: options.service,
      exp: now + settings.claimLifetime,
      nbf: now - 1,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    return `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), privateKey))}`;
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const record: IssuerRequest = {
      method: request.method ?? '',
      user: null,
      grant: 'anonymous',
      scopes: [],
      service: null,
      account: null,
      clientId: null,
      status: 0,
    };
    requests.push(record);
    const answer = (status: number, body: unknown) => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const unauthorized = (message: string) => answer(401, { errors: [{ code: 'UNAUTHORIZED', message }] });
    try {
      if (url.pathname !== '/token') return answer(404, { errors: [{ code: 'NOT_FOUND', message: url.pathname }] });
      if (request.method === 'GET') {
        record.scopes = url.searchParams.getAll('scope').flatMap((scope) => scope.split(' ').filter(Boolean));
        record.service = url.searchParams.get('service');
        record.account = url.searchParams.get('account');
        const authorization = request.headers.authorization;
        if (authorization) {
          const [scheme, value] = authorization.split(' ');
          if (scheme?.toLowerCase() !== 'basic' || !value) return unauthorized('expected Basic credentials');
          const decoded = Buffer.from(value, 'base64').toString('utf8');
          const colon = decoded.indexOf(':');
          const user = decoded.slice(0, colon);
          record.grant = 'basic';
          if (colon < 0 || options.users[user] === undefined || options.users[user] !== decoded.slice(colon + 1)) {
            return unauthorized('incorrect username or password');
          }
          record.user = user;
        }
        if (record.service !== options.service)
          return answer(400, { errors: [{ code: 'DENIED', message: `unknown service ${record.service}` }] });
        const token = signToken(record.user, record.scopes);
        return answer(200, {
          token,
          ...(settings.expiresIn === undefined ? {} : { expires_in: settings.expiresIn }),
          issued_at: new Date().toISOString(),
        });
      }
      if (request.method === 'POST') {
        const form = new URLSearchParams(await readBody(request));
        record.grant = form.get('grant_type') ?? '';
        record.scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        record.service = form.get('service');
        record.clientId = form.get('client_id');
        if (record.grant === 'refresh_token') {
          const user = options.identityTokens?.[form.get('refresh_token') ?? ''];
          if (!user) return unauthorized('invalid refresh token');
          record.user = user;
        } else if (record.grant === 'password') {
          const user = form.get('username') ?? '';
          if (options.users[user] === undefined || options.users[user] !== form.get('password'))
            return unauthorized('incorrect username or password');
          record.user = user;
        } else {
          return answer(400, { error: 'unsupported_grant_type' });
        }
        if (record.service !== options.service) return answer(400, { error: 'invalid_request' });
        const token = signToken(record.user, record.scopes);
        return answer(200, {
          access_token: token,
          ...(settings.expiresIn === undefined ? {} : { expires_in: settings.expiresIn }),
          scope: record.scopes.join(' '),
        });
      }
      return answer(405, { errors: [{ code: 'UNSUPPORTED', message: request.method }] });
    } catch (error) {
      return answer(500, { errors: [{ code: 'UNKNOWN', message: (error as Error).message }] });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    realm: `http://127.0.0.1:${port}/token`,
    requests,
    settings,
    issuedHeaders,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
