import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { Authenticator } from '../../src/registry/auth.ts';
import { RegistryLog } from '../../src/registry/log.ts';
import { RegistryServer } from '../../src/registry/server.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { serializeManifest } from '../../src/oci/manifest.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { ImageStore } from '../../src/storage/image-store.ts';

// The registry over real HTTP on loopback, with a bucket written through ImageStore (real bytes, real digests).
// Clients here are Node's fetch and http.request; test/integration/registry.test.ts drives skopeo.

let work: string;
let bucket: string;
let store: ImageStore;
let server: RegistryServer;
let base: string;
const logLines: string[] = [];

interface Image {
  manifest: Descriptor;
  manifestBytes: Buffer;
  config: Descriptor;
  layers: { descriptor: Descriptor; bytes: Buffer }[];
}
let image: Image;
let damagedSmall: string; // a stored blob whose bytes do not hash to its digest
let damagedLarge: string;
let brokenTagDigest: string;

async function putBlob(bytes: Buffer, mediaType: string, digest = sha256Digest(bytes)): Promise<Descriptor> {
  const descriptor = { mediaType, digest, size: bytes.length };
  await store.putBlobBytes(descriptor, bytes);
  return descriptor;
}

async function putImage(name: string, tags: string[], layerSizes: number[]): Promise<Image> {
  const layers = [];
  for (const size of layerSizes) {
    const bytes = randomBytes(size);
    layers.push({ descriptor: await putBlob(bytes, MediaType.ociLayerGzip), bytes });
  }
  const config = await putBlob(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', name })), MediaType.ociConfig);
  const manifestBytes = serializeManifest(
    config,
    layers.map((l) => l.descriptor),
    {},
  );
  const manifest = await putBlob(manifestBytes, MediaType.ociManifest);
  for (const tag of tags) await store.tag(name, tag, manifest);
  return { manifest, manifestBytes, config, layers };
}

async function treeSnapshot(dir: string): Promise<string[]> {
  const entries: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const info = await stat(full);
    entries.push(`${path.relative(dir, full)} ${entry.isFile() ? sha256Digest(await readFile(full)) : 'dir'} ${info.mtimeMs}`);
  }
  return entries.sort();
}

/** A request's log line is written when its response closes, which can be just after the client has the body. */
async function waitForLog(matches: (line: string) => boolean, from = 0): Promise<string> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const line = logLines.slice(from).find(matches);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no such log line; last lines:\n${logLines.slice(-5).join('\n')}`);
}

function errorCode(body: string): string {
  return (JSON.parse(body) as { errors: { code: string }[] }).errors[0]!.code;
}

async function get(
  pathname: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(base + pathname, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** A raw request, for what fetch refuses to send (odd methods, unnormalised paths). */
function raw(method: string, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function startServer(options: { auth?: Authenticator } = {}): Promise<{ server: RegistryServer; base: string }> {
  const instance = new RegistryServer({ store, log: new RegistryLog((line) => logLines.push(line)), ...options });
  const address = await instance.listen(0, '127.0.0.1');
  return { server: instance, base: address.url };
}

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-registry-http-'));
  bucket = path.join(work, 'bucket');
  store = new ImageStore(new FilesystemStorage(bucket));
  image = await putImage('a/b', ['v1', 'latest'], [1000, 5 * 1024 * 1024]);
  await putImage('shell/hello', ['t3', 't1', 't5', 't2', 't4', 'T0', '9'], [10]);
  // Damaged content: stored under digests their bytes do not have.
  damagedSmall = (await putBlob(randomBytes(100), MediaType.ociLayerGzip, sha256Digest('something else'))).digest;
  damagedLarge = (await putBlob(randomBytes(6 * 1024 * 1024), MediaType.ociLayerGzip, sha256Digest('other'))).digest;
  const brokenManifest = await putBlob(Buffer.from('{"schemaVersion":2}'), MediaType.ociManifest, sha256Digest('not this'));
  brokenTagDigest = brokenManifest.digest;
  await store.tag('a/b', 'broken', brokenManifest);
  ({ server, base } = await startServer());
});

after(async () => {
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('base and health', () => {
  it('GET /v2/ answers 200 with the API version header', async () => {
    const response = await get('/v2/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('docker-distribution-api-version'), 'registry/2.0');
  });
  it('GET /healthz answers ok', async () => {
    const response = await get('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body.toString()), { status: 'ok' });
  });
});

describe('manifests', () => {
  it('by tag: the stored bytes with type, length, digest and ETag; any package order finds them', async () => {
    for (const name of ['a/b', 'b/a', 'b/a/b']) {
      const response = await get(`/v2/${name}/manifests/v1`, { Accept: MediaType.ociManifest });
      assert.equal(response.status, 200, name);
      assert.deepEqual(response.body, image.manifestBytes);
      assert.equal(response.headers.get('content-type'), MediaType.ociManifest);
      assert.equal(response.headers.get('content-length'), String(image.manifestBytes.length));
      assert.equal(response.headers.get('docker-content-digest'), image.manifest.digest);
      assert.equal(response.headers.get('etag'), `"${image.manifest.digest}"`);
      assert.equal(sha256Digest(response.body), image.manifest.digest);
    }
  });

  it('HEAD gives the same headers and no body', async () => {
    const response = await get('/v2/a/b/manifests/latest', {}, 'HEAD');
    assert.equal(response.status, 200);
    assert.equal(response.body.length, 0);
    assert.equal(response.headers.get('content-length'), String(image.manifestBytes.length));
    assert.equal(response.headers.get('docker-content-digest'), image.manifest.digest);
  });

  it('by digest, immutable', async () => {
    const response = await get(`/v2/b/a/manifests/${image.manifest.digest}`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, image.manifestBytes);
    assert.match(response.headers.get('cache-control') ?? '', /immutable/);
  });

  it('honours Accept: wildcards and q, 404 when nothing acceptable exists', async () => {
    assert.equal((await get('/v2/a/b/manifests/v1', { Accept: 'application/*' })).status, 200);
    assert.equal(
      (await get('/v2/a/b/manifests/v1', { Accept: `${MediaType.dockerManifest}, ${MediaType.ociManifest};q=0.5` })).status,
      200,
    );
    for (const accept of [MediaType.dockerManifest, `${MediaType.ociManifest};q=0`]) {
      const response = await get('/v2/a/b/manifests/v1', { Accept: accept });
      assert.equal(response.status, 404, accept);
      assert.equal(errorCode(response.body.toString()), 'MANIFEST_UNKNOWN');
      assert.match(response.body.toString(), /Accept/);
    }
  });

  it('If-None-Match with the ETag gives 304', async () => {
    const response = await get('/v2/a/b/manifests/v1', { 'If-None-Match': `"${image.manifest.digest}"` });
    assert.equal(response.status, 304);
    assert.equal(response.body.length, 0);
  });

  it('names the missing thing with the spec codes', async () => {
    const cases: [string, number, string][] = [
      ['/v2/a/b/manifests/nope', 404, 'MANIFEST_UNKNOWN'],
      ['/v2/zzz/manifests/v1', 404, 'NAME_UNKNOWN'],
      ['/v2/UPPER/manifests/v1', 400, 'NAME_INVALID'],
      ['/v2/a/b/manifests/sha256:abc', 400, 'DIGEST_INVALID'],
      [`/v2/a/b/manifests/sha256:${'0'.repeat(64)}`, 404, 'MANIFEST_UNKNOWN'],
      // A blob that exists but is not a manifest is never served as one.
      [`/v2/a/b/manifests/${image.config.digest}`, 404, 'MANIFEST_UNKNOWN'],
      // A tag whose manifest bytes do not match their digest.
      ['/v2/a/b/manifests/broken', 404, 'MANIFEST_UNKNOWN'],
      [`/v2/a/b/manifests/${brokenTagDigest}`, 404, 'MANIFEST_UNKNOWN'],
    ];
    for (const [pathname, status, code] of cases) {
      const response = await get(pathname);
      assert.equal(response.status, status, pathname);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(errorCode(response.body.toString()), code, pathname);
    }
  });
});

describe('blobs', () => {
  it('GET and HEAD serve every blob with its digest and immutable caching', async () => {
    for (const { descriptor, bytes } of image.layers) {
      const response = await get(`/v2/a/b/blobs/${descriptor.digest}`);
      assert.equal(response.status, 200);
      assert.equal(sha256Digest(response.body), descriptor.digest);
      assert.deepEqual(response.body, bytes);
      assert.equal(response.headers.get('docker-content-digest'), descriptor.digest);
      assert.equal(response.headers.get('accept-ranges'), 'bytes');
      assert.match(response.headers.get('cache-control') ?? '', /immutable/);
      const head = await get(`/v2/a/b/blobs/${descriptor.digest}`, {}, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(bytes.length));
      assert.equal(head.body.length, 0);
    }
  });

  it('answers Range with 206 (first check of a large blob included) and 416 past the end', async () => {
    const [, big] = image.layers;
    const response = await get(`/v2/a/b/blobs/${big!.descriptor.digest}`, { Range: 'bytes=100-199' });
    assert.equal(response.status, 206);
    assert.deepEqual(response.body, big!.bytes.subarray(100, 200));
    assert.equal(response.headers.get('content-range'), `bytes 100-199/${big!.bytes.length}`);
    const suffix = await get(`/v2/a/b/blobs/${big!.descriptor.digest}`, { Range: 'bytes=-5' });
    assert.deepEqual(suffix.body, big!.bytes.subarray(-5));
    const beyond = await get(`/v2/a/b/blobs/${big!.descriptor.digest}`, { Range: `bytes=${big!.bytes.length}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${big!.bytes.length}`);
    // An If-Range that does not match sends the whole blob.
    const stale = await get(`/v2/a/b/blobs/${big!.descriptor.digest}`, { Range: 'bytes=0-0', 'If-Range': '"other"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.body.length, big!.bytes.length);
  });

  it('never serves a blob whose bytes do not match its digest', async () => {
    const small = await get(`/v2/a/b/blobs/${damagedSmall}`);
    assert.equal(small.status, 404);
    assert.match(small.body.toString(), /damaged/);
    const ranged = await get(`/v2/a/b/blobs/${damagedLarge}`, { Range: 'bytes=0-9' });
    assert.equal(ranged.status, 404);
    // Large: checked while streaming, so the response is cut short and the client's read fails.
    await assert.rejects(async () => {
      const response = await fetch(`${base}/v2/a/b/blobs/${damagedLarge}`);
      await response.arrayBuffer();
    });
    assert.match(await waitForLog((line) => line.includes(damagedLarge) && line.includes('cut the response')), /"aborted":true/);
  });

  it('answers BLOB_UNKNOWN and DIGEST_INVALID', async () => {
    assert.equal(errorCode((await get(`/v2/a/b/blobs/sha256:${'1'.repeat(64)}`)).body.toString()), 'BLOB_UNKNOWN');
    const bad = await raw('GET', '/v2/a/b/blobs/sha256:..%2F..%2Fetc%2Fpasswd');
    assert.equal(bad.status, 400);
    assert.equal(errorCode(bad.body), 'DIGEST_INVALID');
    assert.equal((await get(`/v2/nothere/blobs/${image.config.digest}`)).status, 404);
  });
});

describe('tags, catalog and referrers', () => {
  it('lists tags ASCII-sorted', async () => {
    const response = await get('/v2/shell/hello/tags/list');
    assert.deepEqual(JSON.parse(response.body.toString()), { name: 'shell/hello', tags: ['9', 'T0', 't1', 't2', 't3', 't4', 't5'] });
  });

  it('pages with n and last, following the Link header to the end', async () => {
    const seen: string[] = [];
    let next: string | null = '/v2/shell/hello/tags/list?n=3';
    let pages = 0;
    while (next) {
      const response = await get(next);
      assert.equal(response.status, 200);
      const { tags } = JSON.parse(response.body.toString()) as { tags: string[] };
      assert.ok(tags.length <= 3);
      seen.push(...tags);
      pages++;
      const link = response.headers.get('link');
      next = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['9', 'T0', 't1', 't2', 't3', 't4', 't5']);
    assert.equal((await get('/v2/shell/hello/tags/list?n=x')).status, 400);
  });

  it('lists repositories in the catalog', async () => {
    assert.deepEqual(JSON.parse((await get('/v2/_catalog')).body.toString()), { repositories: ['a/b', 'shell/hello'] });
    const page = await get('/v2/_catalog?n=1');
    assert.deepEqual(JSON.parse(page.body.toString()), { repositories: ['a/b'] });
    assert.equal(page.headers.get('link'), '</v2/_catalog?n=1&last=a%2Fb>; rel="next"');
    assert.deepEqual(JSON.parse((await get('/v2/_catalog?n=1&last=a%2Fb')).body.toString()), { repositories: ['shell/hello'] });
  });

  it('answers referrers with an empty OCI index', async () => {
    const response = await get(`/v2/a/b/referrers/${image.manifest.digest}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), MediaType.ociIndex);
    assert.deepEqual(JSON.parse(response.body.toString()), { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] });
  });
});

describe('read-only and safety', () => {
  it('refuses every write method with 405 UNSUPPORTED and leaves the bucket unchanged', async () => {
    const before = await treeSnapshot(bucket);
    const paths = [
      '/v2/a/b/manifests/v1',
      `/v2/a/b/blobs/${image.config.digest}`,
      '/v2/a/b/blobs/uploads/',
      '/v2/a/b/blobs/uploads/123',
      '/v2/a/b/tags/list',
      '/v2/',
    ];
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const pathname of paths) {
        const response = await raw(method, pathname, { 'Content-Length': '0' });
        assert.equal(response.status, 405, `${method} ${pathname}`);
        assert.equal(errorCode(response.body), 'UNSUPPORTED');
      }
    }
    assert.deepEqual(await treeSnapshot(bucket), before);
  });

  it('keeps requests inside the bucket: traversal and encoded names are invalid, not files', async () => {
    for (const pathname of [
      '/v2/../../etc/manifests/passwd',
      '/v2/a/%2e%2e/manifests/v1',
      '/v2/a/b/manifests/..',
      '/v2/a/b/manifests/%2e%2e%2fx',
    ]) {
      const response = await raw('GET', pathname);
      assert.ok(response.status >= 400 && response.status < 500, `${pathname}: ${response.status}`);
    }
  });

  it('limits URL and header sizes with 4xx', async () => {
    assert.equal((await raw('GET', `/v2/${'a/'.repeat(3000)}b/manifests/v1`)).status, 414);
    assert.equal((await raw('GET', '/v2/', { 'X-Big': 'x'.repeat(20_000) })).status, 431);
  });

  it('logs one JSON line per request with method, path, status, bytes and ms', async () => {
    const before = logLines.length;
    await get(`/v2/a/b/blobs/${image.config.digest}`);
    const entry = JSON.parse(await waitForLog((l) => l.includes(image.config.digest), before)) as Record<string, unknown>;
    assert.equal(entry.method, 'GET');
    assert.equal(entry.path, `/v2/a/b/blobs/${image.config.digest}`);
    assert.equal(entry.status, 200);
    assert.equal(entry.bytes, image.config.size);
    assert.equal(typeof entry.ms, 'number');
  });
});

describe('authentication', () => {
  const token = 'static-token-0123456789abcdef';
  let authed: { server: RegistryServer; base: string };

  before(async () => {
    const users = new Map([['alice', bcrypt.hashSync('wonderland', 4)]]);
    authed = await startServer({ auth: new Authenticator({ tokens: [token], users }) });
  });
  after(() => authed.server.close());

  const authGet = (pathname: string, headers: Record<string, string> = {}) =>
    fetch(authed.base + pathname, { headers }).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.text() }));
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('challenges anonymous requests with 401 UNAUTHORIZED and a Bearer realm', async () => {
    const response = await authGet('/v2/');
    assert.equal(response.status, 401);
    assert.equal(errorCode(response.body), 'UNAUTHORIZED');
    assert.equal(response.headers.get('www-authenticate'), `Bearer realm="${authed.base}/v2/token",service="nixery"`);
    assert.equal((await authGet('/healthz')).status, 200);
  });

  it('accepts the static token, htpasswd users, and tokens issued at /v2/token; refuses the rest', async () => {
    assert.equal((await authGet('/v2/a/b/manifests/v1', { Authorization: `Bearer ${token}` })).status, 200);
    assert.equal((await authGet('/v2/a/b/manifests/v1', { Authorization: basic('alice', 'wonderland') })).status, 200);
    assert.equal((await authGet('/v2/a/b/manifests/v1', { Authorization: basic('anyone', token) })).status, 200);
    for (const authorization of [`Bearer ${token}x`, basic('alice', 'wrong'), basic('bob', 'wonderland'), 'Basic !!!', 'Digest x']) {
      assert.equal((await authGet('/v2/a/b/manifests/v1', { Authorization: authorization })).status, 401, authorization);
    }
    const issued = await authGet('/v2/token?service=nixery&scope=repository:a/b:pull', { Authorization: basic('alice', 'wonderland') });
    assert.equal(issued.status, 200);
    const { token: minted } = JSON.parse(issued.body) as { token: string };
    assert.equal((await authGet('/v2/a/b/manifests/v1', { Authorization: `Bearer ${minted}` })).status, 200);
    assert.equal((await authGet('/v2/a/b/manifests/v1', { Authorization: `Bearer ${minted.slice(0, -2)}xx` })).status, 401);
    const refused = await authGet('/v2/token', { Authorization: basic('alice', 'nope') });
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Basic /);
  });

  it('uses a Basic challenge when only htpasswd users are configured', async () => {
    const basicOnly = await startServer({ auth: new Authenticator({ users: new Map([['u', bcrypt.hashSync('p', 4)]]) }) });
    try {
      const response = await fetch(`${basicOnly.base}/v2/`);
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Basic realm="nixery"');
      assert.equal((await fetch(`${basicOnly.base}/v2/`, { headers: { Authorization: basic('u', 'p') } })).status, 200);
    } finally {
      await basicOnly.server.close();
    }
  });
});

describe('blob redirects', () => {
  it("sends blob GETs to the backend's signed URL when enabled, and still answers HEAD itself", async () => {
    // The folder backend cannot sign; object-store backends add signedReadUrl. This one signs with a file:// URL.
    class SigningFolder extends FilesystemStorage {
      async signedReadUrl(key: string, ttlSeconds: number): Promise<string> {
        return `file://${this.location}/${key}?expires=${ttlSeconds}`;
      }
    }
    const signing = new RegistryServer({
      store: new ImageStore(new SigningFolder(bucket)),
      log: new RegistryLog(() => {}),
      blobRedirect: { ttlSeconds: 60 },
    });
    const url = (await signing.listen(0, '127.0.0.1')).url;
    try {
      const response = await fetch(`${url}/v2/a/b/blobs/${image.config.digest}`, { redirect: 'manual' });
      assert.equal(response.status, 307);
      assert.equal(response.headers.get('location'), `file://${bucket}/blobs/sha256/${image.config.digest.slice(7)}?expires=60`);
      const head = await fetch(`${url}/v2/a/b/blobs/${image.config.digest}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(image.config.size));
      // Off by default: the same backend without the option streams the bytes.
      const direct = new RegistryServer({ store: new ImageStore(new SigningFolder(bucket)), log: new RegistryLog(() => {}) });
      const directUrl = (await direct.listen(0, '127.0.0.1')).url;
      assert.equal((await fetch(`${directUrl}/v2/a/b/blobs/${image.config.digest}`, { redirect: 'manual' })).status, 200);
      await direct.close();
    } finally {
      await signing.close();
    }
  });
});

describe('shutdown', () => {
  it('close() lets a running download finish, then refuses new connections', async () => {
    const extra = await startServer();
    const [, big] = image.layers;
    const response = await fetch(`${extra.base}/v2/a/b/blobs/${big!.descriptor.digest}`);
    const closing = extra.server.close();
    const body = Buffer.from(await response.arrayBuffer());
    await closing;
    assert.equal(sha256Digest(body), big!.descriptor.digest);
    await assert.rejects(fetch(`${extra.base}/v2/`));
  });
});
