import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import bcrypt from 'bcryptjs';
import { createAuthorizer } from '../../src/distribution/auth/authorizer.ts';
import { findCredentials } from '../../src/distribution/auth/credentials.ts';
import { makeServerPki, makeSigningKey, requireAuthTools, sendAuthorized } from './support/registry-auth-servers.ts';
import { startDockerRegistry, type DockerRegistry } from './support/docker-registry.ts';
import { runChecked } from './support/run.ts';
import { startTokenIssuer, type TokenIssuer } from './support/token-issuer.ts';

// Our credentials lookup and Authorizer against the real CNCF distribution registry (Debian's docker-registry 2.8):
// (a) htpasswd Basic auth over TLS with a CA made here, trusted through NODE_EXTRA_CA_CERTS in a child process
//     (what the registry client, which uses the global fetch, gets for free);
// (b) token auth: the registry trusts JWTs from our token issuer (support/token-issuer.ts), as Docker Hub and
//     ghcr.io work.

const USER = 'octo';
const PASSWORD = 'correct horse battery staple';
const IDENTITY_TOKEN = 'identity-token-0123456789';
const b64 = (text: string) => Buffer.from(text).toString('base64');

function blob(text: string): { content: Buffer; digest: string } {
  const content = Buffer.from(text);
  return { content, digest: `sha256:${createHash('sha256').update(content).digest('hex')}` };
}

/** A DOCKER_CONFIG dir whose config.json has this auths entry for `host`. */
async function dockerConfig(dir: string, host: string, entry: Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: entry } }));
  return dir;
}

function assertNoSecrets(text: string): void {
  for (const secret of [PASSWORD, IDENTITY_TOKEN, 'wrong-password', b64(`${USER}:${PASSWORD}`)]) {
    assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
  }
  assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ/, `a token leaked into: ${text}`);
}

let root: string;

before(async () => {
  requireAuthTools();
  root = await mkdtemp(join(tmpdir(), 'registry-auth-'));
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('htpasswd Basic auth over TLS (docker-registry)', () => {
  let registry: DockerRegistry;
  let dir: string;
  let caCert: string;

  before(async () => {
    dir = join(root, 'basic');
    await mkdir(dir);
    const pki = await makeServerPki(dir);
    caCert = pki.caCert;
    const htpasswd = join(dir, 'htpasswd');
    await writeFile(htpasswd, `${USER}:${bcrypt.hashSync(PASSWORD, 6)}\n`);
    registry = await startDockerRegistry({
      auth: { htpasswd: { realm: 'nixery test', path: htpasswd } },
      tls: { certificate: pki.serverCert, key: pki.serverKey },
    });
  });

  after(async () => {
    await registry?.stop();
  });

  it('is not trusted without the CA (so the test below really verifies the chain)', async () => {
    await assert.rejects(fetch(`${registry.url}/v2/`), (error: Error & { cause?: { code?: string } }) => {
      assert.match(String(error.cause?.code), /UNABLE_TO_VERIFY|SELF_SIGNED|CERT/);
      return true;
    });
  });

  it('lets our authorizer through with credentials from config.json, trusting the CA via NODE_EXTRA_CA_CERTS', async () => {
    const good = await dockerConfig(join(dir, 'good'), `https://${registry.host}/v1/`, { auth: b64(`${USER}:${PASSWORD}`) });
    const wrong = await dockerConfig(join(dir, 'wrong'), registry.host, { username: USER, password: 'wrong-password' });
    const idt = await dockerConfig(join(dir, 'idt'), registry.host, { identitytoken: IDENTITY_TOKEN });
    const { content, digest } = blob('basic-auth blob\n');
    const contentFile = join(dir, 'blob');
    await writeFile(contentFile, content);
    const moduleUrl = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
    const script = join(dir, 'child.mjs');
    // The child is a registry client like ours: global fetch, NODE_EXTRA_CA_CERTS for the private CA.
    await writeFile(
      script,
      `import { readFile } from 'node:fs/promises';
import { findCredentials } from ${moduleUrl('../../src/distribution/auth/credentials.ts')};
import { createAuthorizer } from ${moduleUrl('../../src/distribution/auth/authorizer.ts')};
import { sendAuthorized } from ${moduleUrl('./support/registry-auth-servers.ts')};
const input = JSON.parse(process.argv[2]);
const { host, url, repo, digest } = input;
const scope = 'repository:' + repo + ':pull,push';
const authorizerFrom = async (config) =>
  createAuthorizer({ host, credentials: await findCredentials(host, { env: { HOME: input.home, DOCKER_CONFIG: config } }) });
const out = {};
const plain = await fetch(url + '/v2/');
out.plain = { status: plain.status, www: plain.headers.get('www-authenticate') };
const auth = await authorizerFrom(input.good);
const missing = await sendAuthorized(auth, scope, url + '/v2/' + repo + '/blobs/' + digest, { method: 'HEAD' });
out.missing = { status: missing.response.status, challenges: missing.challenges.length };
const start = await sendAuthorized(auth, scope, url + '/v2/' + repo + '/blobs/uploads/', { method: 'POST' });
out.start = { status: start.response.status, challenges: start.challenges.length };
const location = new URL(start.response.headers.get('location'), url);
location.searchParams.set('digest', digest);
const put = await sendAuthorized(auth, scope, location.href, {
  method: 'PUT', body: await readFile(input.contentFile), headers: { 'content-type': 'application/octet-stream' },
});
out.put = { status: put.response.status, challenges: put.challenges.length };
const head = await sendAuthorized(auth, scope, url + '/v2/' + repo + '/blobs/' + digest, { method: 'HEAD' });
out.head = { status: head.response.status, length: head.response.headers.get('content-length'), digest: head.response.headers.get('docker-content-digest') };
out.describe = auth.describe();
for (const [name, config] of [['wrong', input.wrong], ['identityToken', input.idt], ['anonymous', input.home + '/nothing']]) {
  const other = await authorizerFrom(config);
  const result = await sendAuthorized(other, scope, url + '/v2/' + repo + '/blobs/uploads/', { method: 'POST' });
  out[name] = {
    status: result.response.status,
    challenges: result.challenges.length,
    retried: result.retried,
    again: result.retried ? await other.challenge(result.challenges.at(-1), scope) : null,
    describe: other.describe(),
  };
}
console.log(JSON.stringify(out));
`,
    );
    const input = { host: registry.host, url: registry.url, repo: 'acme/app', digest, contentFile, home: dir, good, wrong, idt };
    const { stdout } = await runChecked(process.execPath, [script, JSON.stringify(input)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caCert, NODE_NO_WARNINGS: '1' },
    });
    const out = JSON.parse(stdout);
    assert.deepEqual(out.plain, { status: 401, www: 'Basic realm="nixery test"' });
    // The first request goes anonymous, learns the Basic challenge, and the retry gets through (404: no such blob yet).
    assert.deepEqual(out.missing, { status: 404, challenges: 1 });
    // From then on the credentials go along at once.
    assert.deepEqual(out.start, { status: 202, challenges: 0 });
    assert.deepEqual(out.put, { status: 201, challenges: 0 });
    assert.deepEqual(out.head, { status: 200, length: String(content.length), digest });
    assert.equal(out.describe, `user "octo" from ${join(good, 'config.json')}`);
    // A wrong password: one retry, then the authorizer gives up and says who it tried.
    assert.deepEqual(
      { ...out.wrong, describe: undefined },
      { status: 401, challenges: 2, retried: true, again: false, describe: undefined },
    );
    assert.equal(out.wrong.describe, `user "octo" from ${join(wrong, 'config.json')}; registry ${registry.host} refused them (Basic)`);
    assert.deepEqual(
      { ...out.identityToken, describe: undefined },
      { status: 401, challenges: 1, retried: false, again: null, describe: undefined },
    );
    assert.match(
      out.identityToken.describe,
      /^an identity token from .*; registry .* asks for a password \(Basic\), and an identity token can't answer that$/,
    );
    assert.deepEqual(
      { ...out.anonymous, describe: undefined },
      { status: 401, challenges: 1, retried: false, again: null, describe: undefined },
    );
    assert.equal(
      out.anonymous.describe,
      `anonymous (no credentials found for ${registry.host}); registry ${registry.host} asks for a username and password (Basic)`,
    );
    assertNoSecrets(stdout);
  });
});

describe('token auth (docker-registry trusting our token issuer)', () => {
  const SERVICE = 'nixery-test-registry';
  let registry: DockerRegistry;
  let issuer: TokenIssuer;
  let dir: string;
  let goodConfig: string;

  const count = () => issuer.requests.length;
  const withCredentials = async (config: string) =>
    createAuthorizer({
      host: registry.host,
      credentials: await findCredentials(registry.host, { env: { HOME: dir, DOCKER_CONFIG: config } }),
    });
  const startUpload = (authorizer: ReturnType<typeof createAuthorizer>, repo: string) =>
    sendAuthorized(authorizer, `repository:${repo}:pull,push`, `${registry.url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  /** A monolithic blob upload (POST then PUT), as the client will do for small blobs. */
  const pushBlob = async (authorizer: ReturnType<typeof createAuthorizer>, repo: string, text: string) => {
    const { content, digest } = blob(text);
    const start = await startUpload(authorizer, repo);
    assert.equal(start.response.status, 202, `upload start: ${start.challenges.join(' | ')}`);
    const location = new URL(start.response.headers.get('location')!, registry.url);
    location.searchParams.set('digest', digest);
    const put = await sendAuthorized(authorizer, `repository:${repo}:pull,push`, location.href, { method: 'PUT', body: content });
    assert.equal(put.response.status, 201);
    return digest;
  };

  before(async () => {
    dir = join(root, 'token');
    await mkdir(dir);
    const signer = await makeSigningKey(dir);
    issuer = await startTokenIssuer({
      keyPem: await readFile(signer.key, 'utf8'),
      certPem: await readFile(signer.cert, 'utf8'),
      issuer: 'nixery-test-issuer',
      service: SERVICE,
      users: { [USER]: PASSWORD },
      identityTokens: { [IDENTITY_TOKEN]: USER },
    });
    registry = await startDockerRegistry({
      auth: { token: { realm: issuer.realm, service: SERVICE, issuer: 'nixery-test-issuer', rootcertbundle: signer.cert } },
    });
    goodConfig = await dockerConfig(join(dir, 'good'), 'http://' + registry.host, { auth: b64(`${USER}:${PASSWORD}`) });
  });

  after(async () => {
    await registry?.stop();
    await issuer?.stop();
  });

  it('anonymous: a push attempt ends in a 401 that says anonymous; pulls get an anonymous token', async () => {
    issuer.requests.length = 0;
    const anonymous = async () =>
      createAuthorizer({ host: registry.host, credentials: await findCredentials(registry.host, { env: { HOME: dir } }) });
    let authorizer = await anonymous();
    const push = await startUpload(authorizer, 'acme/app');
    assert.equal(push.response.status, 401);
    assert.equal(push.retried, true, 'the first 401 fetches an anonymous token');
    assert.doesNotMatch(push.challenges[0]!, /error=/);
    assert.match(push.challenges[1]!, /error="insufficient_scope"/);
    assert.equal(await authorizer.challenge(push.challenges[1]!, 'repository:acme/app:pull,push'), false);
    assert.match(
      authorizer.describe(),
      /^anonymous \(no credentials found for 127\.0\.0\.1:\d+\); registry .* says the token for repository:acme\/app:pull,push does not grant it \(insufficient_scope\)$/,
    );

    authorizer = await anonymous();
    const { digest } = blob('nothing here');
    const pull = await sendAuthorized(authorizer, 'repository:acme/app:pull', `${registry.url}/v2/acme/app/blobs/${digest}`, {
      method: 'HEAD',
    });
    assert.equal(pull.response.status, 404, 'an anonymous pull token gets past auth');
    assert.equal(pull.challenges.length, 1);
    assert.match(pull.challenges[0]!, /^Bearer realm=".*",service="nixery-test-registry",scope="repository:acme\/app:pull"$/);
    // Once the token endpoint is known, a push asks for its token up front and gives up at the first refusal.
    const push2 = await startUpload(authorizer, 'acme/app');
    assert.deepEqual([push2.response.status, push2.retried, push2.challenges.length], [401, false, 1]);
    assert.match(push2.challenges[0]!, /error="insufficient_scope"/);
    assert.deepEqual(
      issuer.requests.map((request) => [request.method, request.user, request.scopes.join(' ')]),
      [
        ['GET', null, 'repository:acme/app:pull,push'],
        ['GET', null, 'repository:acme/app:pull'],
        ['GET', null, 'repository:acme/app:pull,push'],
      ],
    );
  });

  it('with credentials: one token per scope set, reused across requests, shared by parallel requests', async () => {
    issuer.requests.length = 0;
    const authorizer = await withCredentials(goodConfig);
    const digest = await pushBlob(authorizer, 'acme/app', 'layer one\n');
    assert.equal(count(), 1, 'POST and PUT share the token');
    assert.deepEqual(issuer.requests[0], {
      method: 'GET',
      user: USER,
      grant: 'basic',
      scopes: ['repository:acme/app:pull,push'],
      service: SERVICE,
      account: USER,
      clientId: null,
      status: 200,
    });
    for (let i = 0; i < 3; i++) {
      const head = await sendAuthorized(authorizer, 'repository:acme/app:pull,push', `${registry.url}/v2/acme/app/blobs/${digest}`, {
        method: 'HEAD',
      });
      assert.equal(head.response.status, 200);
      assert.equal(head.challenges.length, 0, 'the cached token goes along at once');
    }
    assert.equal(count(), 1);

    // A new scope set: its token is fetched once, before the request (no 401), even for parallel requests.
    const heads = await Promise.all(
      Array.from({ length: 5 }, () =>
        sendAuthorized(authorizer, 'repository:acme/app:pull', `${registry.url}/v2/acme/app/blobs/${digest}`, { method: 'HEAD' }),
      ),
    );
    assert.deepEqual(
      heads.map((head) => [head.response.status, head.challenges.length]),
      Array.from({ length: 5 }, () => [200, 0]),
    );
    assert.equal(count(), 2);

    // A cross-repository mount needs two scopes; the token endpoint gets `scope` twice.
    const mountScope = 'repository:acme/copy:pull,push repository:acme/app:pull';
    const mountUrl = `${registry.url}/v2/acme/copy/blobs/uploads/?mount=${digest}&from=acme/app`;
    const mount = await sendAuthorized(authorizer, mountScope, mountUrl, { method: 'POST' });
    assert.equal(mount.response.status, 201, 'mounted');
    assert.equal(count(), 3);
    assert.deepEqual(issuer.requests[2]?.scopes, ['repository:acme/copy:pull,push', 'repository:acme/app:pull']);
    // The same set of scopes, spelled in another order, is the same token.
    const again = await sendAuthorized(authorizer, 'repository:acme/app:pull repository:acme/copy:push,pull', mountUrl, { method: 'POST' });
    assert.equal(again.response.status, 201);
    assert.equal(count(), 3);
    assert.equal(authorizer.describe(), `user "octo" from ${join(goodConfig, 'config.json')}`);
  });

  it('with an identity token: POST grant_type=refresh_token, and the access_token answer is used', async () => {
    issuer.requests.length = 0;
    const config = await dockerConfig(join(dir, 'idt'), registry.host, { identitytoken: IDENTITY_TOKEN });
    const authorizer = await withCredentials(config);
    await pushBlob(authorizer, 'acme/idt', 'pushed with an identity token\n');
    assert.deepEqual(
      issuer.requests.map((request) => [request.method, request.grant, request.user, request.service, request.clientId, request.scopes]),
      [['POST', 'refresh_token', USER, SERVICE, 'nixery-action', ['repository:acme/idt:pull,push']]],
    );
    assert.match(authorizer.describe(), /^an identity token from /);
  });

  it('refreshes a token when expires_in has run out, before the registry would refuse it', async () => {
    issuer.requests.length = 0;
    issuer.settings.expiresIn = 1;
    try {
      const authorizer = await withCredentials(goodConfig);
      const digest = await pushBlob(authorizer, 'acme/short', 'short-lived tokens\n');
      assert.equal(count(), 1);
      const head = () =>
        sendAuthorized(authorizer, 'repository:acme/short:pull,push', `${registry.url}/v2/acme/short/blobs/${digest}`, { method: 'HEAD' });
      assert.equal((await head()).response.status, 200);
      assert.equal(count(), 1, 'still fresh');
      await sleep(1100);
      const later = await head();
      assert.equal(later.response.status, 200);
      assert.equal(later.challenges.length, 0, 'renewed before sending, not after a 401');
      assert.equal(count(), 2);
    } finally {
      issuer.settings.expiresIn = 300;
    }
  });

  it('without expires_in a token lasts the default 60 s', async () => {
    issuer.requests.length = 0;
    issuer.settings.expiresIn = undefined;
    let now = Date.now();
    try {
      const authorizer = createAuthorizer({
        host: registry.host,
        credentials: await findCredentials(registry.host, { env: { HOME: dir, DOCKER_CONFIG: goodConfig } }),
        now: () => now,
      });
      const digest = await pushBlob(authorizer, 'acme/default', 'default lifetime\n');
      const head = () =>
        sendAuthorized(authorizer, 'repository:acme/default:pull,push', `${registry.url}/v2/acme/default/blobs/${digest}`, {
          method: 'HEAD',
        });
      now += 45_000;
      assert.equal((await head()).response.status, 200);
      assert.equal(count(), 1, 'fresh at 45 s');
      now += 15_000;
      assert.equal((await head()).response.status, 200);
      assert.equal(count(), 2, 'renewed at 60 s');
    } finally {
      issuer.settings.expiresIn = 300;
    }
  });

  it('gets a new token when the registry refuses the cached one (401 invalid_token)', async () => {
    issuer.requests.length = 0;
    // The registry allows 60 s of skew: a token whose exp is 57 s past works for about 2-3 s more.
    issuer.settings.claimLifetime = -57;
    const authorizer = await withCredentials(goodConfig);
    let digest: string;
    try {
      digest = await pushBlob(authorizer, 'acme/revoked', 'tokens the registry stops taking\n');
    } finally {
      issuer.settings.claimLifetime = 300;
    }
    assert.equal(count(), 1);
    await sleep(3500);
    const head = await sendAuthorized(authorizer, 'repository:acme/revoked:pull,push', `${registry.url}/v2/acme/revoked/blobs/${digest}`, {
      method: 'HEAD',
    });
    assert.equal(head.response.status, 200);
    assert.equal(head.challenges.length, 1);
    assert.match(head.challenges[0]!, /error="invalid_token"/);
    assert.equal(count(), 2);
  });

  it('wrong credentials: the token endpoint says 401, challenge() returns false, describe() says who', async () => {
    issuer.requests.length = 0;
    const config = await dockerConfig(join(dir, 'wrong'), registry.host, { username: USER, password: 'wrong-password' });
    const authorizer = await withCredentials(config);
    const push = await startUpload(authorizer, 'acme/app');
    assert.equal(push.response.status, 401);
    assert.equal(push.retried, false);
    assert.equal(count(), 1);
    assert.equal(issuer.requests[0]?.status, 401);
    const described = authorizer.describe();
    assert.equal(
      described,
      `user "octo" from ${join(config, 'config.json')}; token endpoint ${issuer.realm} answered 401 for repository:acme/app:pull,push`,
    );
    assertNoSecrets(described);
    // Asking again for the same scope doesn't hammer the token endpoint with the same wrong password.
    const again = await startUpload(authorizer, 'acme/app');
    assert.equal(again.response.status, 401);
    assert.equal(count(), 1);
  });

  it('the registry also takes tokens that carry their certificate (x5c) instead of a kid', async () => {
    issuer.requests.length = 0;
    issuer.settings.keyHeader = 'x5c';
    try {
      const authorizer = await withCredentials(goodConfig);
      await pushBlob(authorizer, 'acme/x5c', 'x5c\n');
      assert.deepEqual(Object.keys(issuer.issuedHeaders.at(-1)!), ['typ', 'alg', 'x5c']);
    } finally {
      issuer.settings.keyHeader = 'kid';
    }
  });
});
