import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { packEntries } from '../../src/archive/tar.ts';
import { compressLayer } from '../../src/archive/compress.ts';
import { anonymous } from '../../src/distribution/authorizer.ts';
import type { Authorizer } from '../../src/distribution/authorizer.ts';
import { RegistryClient } from '../../src/distribution/client.ts';
import type { RegistryClientOptions } from '../../src/distribution/client.ts';
import type { RetryNotice } from '../../src/distribution/http.ts';
import { RegistryAccessError } from '../../src/errors.ts';
import { serializeImageConfig } from '../../src/oci/config.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import { serializeManifest } from '../../src/oci/manifest.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { countUploads, startDockerRegistry } from './support/docker-registry.ts';
import type { DockerRegistry, RegistryRequest } from './support/docker-registry.ts';
import { startFlakyProxy } from './support/flaky-proxy.ts';
import { requireTools, runChecked } from './support/run.ts';

// The registry client against the CNCF distribution registry: what it pushes, skopeo must read back digest for
// digest; what the registry holds, it must not send again; what another repository holds, it mounts; and a
// proxy that fails every third request and resets every fourth must not stop a push.

const MONOLITHIC_MAX = 1024 * 1024;
const CHUNK = 256 * 1024;
/** Fast retries: the failures below are scheduled, not real congestion. */
const RETRY = { baseDelayMs: 5, maxDelayMs: 50 };

interface TinyImage {
  /** Layers (small, then large) and the config, in push order, with where their bytes are. */
  blobs: Array<{ descriptor: Descriptor; file: string }>;
  config: { descriptor: Descriptor; bytes: Buffer };
  manifest: Buffer;
  manifestDigest: string;
}

let workDir: string;
let image: TinyImage;
let registry: DockerRegistry;

function client(host: string, extra: Partial<RegistryClientOptions> = {}): RegistryClient {
  return new RegistryClient({
    host,
    insecure: true,
    authorizer: anonymous,
    monolithicMaxBytes: MONOLITHIC_MAX,
    chunkBytes: CHUNK,
    retry: RETRY,
    ...extra,
  });
}

/** Two gzip layers (a few bytes, and ~3 MiB of noise that gzip cannot shrink), a config and a manifest. */
async function buildTinyImage(dir: string): Promise<TinyImage> {
  const layerContents = [
    [{ type: 'file' as const, path: '/hello.txt', mode: 0o644, content: Buffer.from('hello from a tiny image\n') }],
    [{ type: 'file' as const, path: '/noise.bin', mode: 0o644, content: randomBytes(3 * 1024 * 1024 + 12345) }],
  ];
  const blobs: TinyImage['blobs'] = [];
  const diffIds: string[] = [];
  for (const [i, entries] of layerContents.entries()) {
    const file = path.join(dir, `layer-${i}.tar.gz`);
    const digests = await compressLayer(packEntries(entries), 'gzip', file);
    blobs.push({ descriptor: { mediaType: MediaType.ociLayerGzip, digest: digests.digest, size: digests.size }, file });
    diffIds.push(digests.diffId);
  }
  const configBytes = serializeImageConfig({
    arch: 'amd64',
    env: ['PATH=/bin'],
    cmd: ['/bin/sh'],
    diffIds,
    history: diffIds.map((_, i) => ({ createdBy: `layer ${i}` })),
  });
  const config = {
    descriptor: { mediaType: MediaType.ociConfig, digest: sha256Digest(configBytes), size: configBytes.length },
    bytes: configBytes,
  };
  const manifest = serializeManifest(
    config.descriptor,
    blobs.map((b) => b.descriptor),
    {},
  );
  return { blobs, config, manifest, manifestDigest: sha256Digest(manifest) };
}

/** Pushes what the repository lacks (as the registry target does), then the manifest under `tag`; returns bytes sent. */
async function pushImage(registryClient: RegistryClient, repository: string, tag: string): Promise<number> {
  let sent = 0;
  for (const { descriptor, file } of image.blobs) {
    if (!(await registryClient.hasBlob(repository, descriptor))) sent += await registryClient.pushBlob(repository, descriptor, { file });
  }
  if (!(await registryClient.hasBlob(repository, image.config.descriptor))) {
    sent += await registryClient.pushBlob(repository, image.config.descriptor, { bytes: image.config.bytes });
  }
  assert.equal(await registryClient.putManifest(repository, tag, MediaType.ociManifest, image.manifest), image.manifestDigest);
  return sent;
}

/** skopeo inspects the tag and copies it to a folder; every digest must be the one we pushed. */
async function verifyWithSkopeo(host: string, repository: string, tag: string): Promise<void> {
  const ref = `docker://${host}/${repository}:${tag}`;
  const inspected = JSON.parse((await runChecked('skopeo', ['inspect', '--tls-verify=false', ref])).stdout) as {
    Digest: string;
    Layers: string[];
  };
  assert.equal(inspected.Digest, image.manifestDigest);
  assert.deepEqual(
    inspected.Layers,
    image.blobs.map((b) => b.descriptor.digest),
  );

  const dir = await mkdtemp(path.join(workDir, 'skopeo-dir-'));
  await runChecked('skopeo', ['copy', '--src-tls-verify=false', ref, `dir:${dir}`]);
  const manifest = await readFile(path.join(dir, 'manifest.json'));
  assert.equal(sha256Digest(manifest), image.manifestDigest, 'skopeo got different manifest bytes');
  const expected = [...image.blobs.map((b) => b.descriptor), image.config.descriptor];
  for (const descriptor of expected) {
    const bytes = await readFile(path.join(dir, descriptor.digest.slice('sha256:'.length)));
    assert.equal(bytes.length, descriptor.size, descriptor.digest);
    assert.equal(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, descriptor.digest);
  }
  const files = (await readdir(dir)).filter((f) => /^[0-9a-f]{64}$/.test(f)).sort();
  assert.deepEqual(files, expected.map((d) => d.digest.slice('sha256:'.length)).sort());
}

/** Requests the registry logged after the first `start` (once its log is quiet). */
async function requestsSince(start: number): Promise<RegistryRequest[]> {
  return (await registry.settledRequests()).slice(start);
}

/** How many requests the registry has logged, once its log is quiet. */
async function settledRequests(): Promise<number> {
  return (await registry.settledRequests()).length;
}

before(async () => {
  requireTools('skopeo');
  workDir = await mkdtemp(path.join(os.tmpdir(), 'nixery-distribution-client-'));
  image = await buildTinyImage(workDir);
  registry = await startDockerRegistry();
});

after(async () => {
  await registry?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('RegistryClient against docker-registry', () => {
  it('answers ping on an anonymous registry without a challenge', async () => {
    assert.deepEqual(await client(registry.host).ping(), { authenticate: undefined });
  });

  it('pushes blobs (one PUT for small ones, PATCH chunks for the large one) and a manifest that skopeo reads back', async () => {
    const start = await settledRequests();
    const repository = 'nixery-tests/full/shell';
    const started = performance.now();
    const sent = await pushImage(client(registry.host), repository, 'v1');
    const seconds = (performance.now() - started) / 1000;
    const total = image.blobs.reduce((n, b) => n + b.descriptor.size, 0) + image.config.descriptor.size;
    assert.equal(sent, total);
    const requests = await requestsSince(start);
    const large = image.blobs[1]!.descriptor;
    assert.ok(large.size > MONOLITHIC_MAX, `the large layer is ${large.size} bytes`);
    const patches = requests.filter((r) => r.method === 'PATCH');
    assert.equal(patches.length, Math.ceil(large.size / CHUNK), 'one PATCH per chunk of the large layer');
    assert.ok(
      patches.every((r) => r.status === 202),
      JSON.stringify(patches),
    );
    // Three blobs, each closed by one PUT ?digest= (the small ones carry their bytes in it).
    const puts = requests.filter((r) => r.method === 'PUT' && r.uri.includes('/blobs/uploads/'));
    assert.equal(puts.length, 3);
    assert.ok(puts.every((r) => r.uri.includes('digest=sha256') && r.uri.includes('_state=') && r.status === 201));
    console.log(`# pushed ${total} bytes (${patches.length} chunks of ${CHUNK}) in ${seconds.toFixed(2)} s`);
    await verifyWithSkopeo(registry.host, repository, 'v1');
  });

  it('sends no blob bytes the second time: hasBlob finds every blob', async () => {
    const repository = 'nixery-tests/twice';
    await pushImage(client(registry.host), repository, 'first');
    const start = await settledRequests();
    const sent = await pushImage(client(registry.host), repository, 'second');
    assert.equal(sent, 0);
    const requests = await requestsSince(start);
    assert.deepEqual(countUploads(requests), { uploadRequests: 0, mounts: 0 });
    assert.equal(requests.filter((r) => r.method === 'HEAD' && r.uri.includes('/blobs/')).length, 3);
    await verifyWithSkopeo(registry.host, repository, 'second');
  });

  it('tells a blob the repository holds from one it lacks or holds with another size', async () => {
    const registryClient = client(registry.host);
    const repository = 'nixery-tests/has-blob';
    const bytes = Buffer.from('has-blob probe');
    const descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest(bytes), size: bytes.length };
    assert.equal(await registryClient.hasBlob(repository, descriptor), false);
    await registryClient.pushBlob(repository, descriptor, { bytes });
    assert.equal(await registryClient.hasBlob(repository, descriptor), true);
    assert.equal(await registryClient.hasBlob(repository, { ...descriptor, size: descriptor.size + 1 }), false);
    assert.equal(await registryClient.hasBlob('nixery-tests/elsewhere', descriptor), false);
  });

  it('mounts a blob from another repository instead of sending it', async () => {
    const registryClient = client(registry.host);
    const bytes = randomBytes(300 * 1024);
    const descriptor = { mediaType: MediaType.ociLayerTar, digest: sha256Digest(bytes), size: bytes.length };
    await registryClient.pushBlob('nixery-tests/mount-a', descriptor, { bytes });
    const start = await settledRequests();
    assert.equal(await registryClient.mountBlob('nixery-tests/mount-b', descriptor, 'nixery-tests/mount-a'), true);
    const requests = await requestsSince(start);
    assert.deepEqual(countUploads(requests), { uploadRequests: 0, mounts: 1 });
    assert.equal(requests.find((r) => r.uri.includes('mount='))?.status, 201);
    assert.equal(await registryClient.hasBlob('nixery-tests/mount-b', descriptor), true);
  });

  it('cancels the upload a failed mount opens, or continues it when given the bytes', async () => {
    const registryClient = client(registry.host);
    const bytes = randomBytes(1000);
    const descriptor = { mediaType: MediaType.ociLayerTar, digest: sha256Digest(bytes), size: bytes.length };
    const start = await settledRequests();
    assert.equal(await registryClient.mountBlob('nixery-tests/mount-c', descriptor, 'nixery-tests/holds-nothing'), false);
    const requests = await requestsSince(start);
    assert.deepEqual(
      requests.map((r) => [r.method, r.status]),
      [
        ['POST', 202],
        ['DELETE', 204],
      ],
    );
    assert.equal(await registryClient.hasBlob('nixery-tests/mount-c', descriptor), false);

    const next = await settledRequests();
    assert.equal(
      await registryClient.pushBlob('nixery-tests/mount-c', descriptor, { bytes }, { mountFrom: 'nixery-tests/holds-nothing' }),
      bytes.length,
    );
    assert.deepEqual(countUploads(await requestsSince(next)), { uploadRequests: 1, mounts: 1 });
    assert.equal(await registryClient.hasBlob('nixery-tests/mount-c', descriptor), true);
    // And with a source that holds it, pushBlob mounts and sends nothing.
    assert.equal(await registryClient.pushBlob('nixery-tests/mount-d', descriptor, { bytes }, { mountFrom: 'nixery-tests/mount-c' }), 0);
  });

  it('completes a push through a proxy that answers 500 to every 3rd request and resets every 4th', async () => {
    const proxy = await startFlakyProxy({ target: registry.url, fail500Every: 3, resetEvery: 4 });
    try {
      const notices: RetryNotice[] = [];
      const repository = 'nixery-tests/flaky';
      await pushImage(client(proxy.host, { onRetry: (n) => notices.push(n) }), repository, 'v1');
      const counts = proxy.counts();
      assert.ok(counts.failed500 >= 5 && counts.resets >= 3, JSON.stringify(counts));
      assert.ok(
        notices.some((n) => n.reason.includes('HTTP 500')),
        JSON.stringify(notices),
      );
      assert.ok(
        notices.some((n) => /upload (resumed|restarted)/.test(n.reason)),
        JSON.stringify(notices),
      );
      await verifyWithSkopeo(registry.host, repository, 'v1');
    } finally {
      await proxy.stop();
    }
  });

  it('starts an upload over when a connection tears after part of a body reached the registry', async () => {
    // distribution cannot resume an upload after a torn write (its upload state no longer matches), so the
    // client must notice and start a new upload rather than resend into the broken one.
    const proxy = await startFlakyProxy({ target: registry.url, resetEvery: 5, resetAfterBodyBytes: 100 * 1024, maxFailures: 3 });
    try {
      const notices: RetryNotice[] = [];
      const repository = 'nixery-tests/torn';
      await pushImage(client(proxy.host, { onRetry: (n) => notices.push(n) }), repository, 'v1');
      assert.equal(proxy.counts().resets, 3);
      assert.ok(
        notices.some((n) => /upload restarted/.test(n.reason)),
        JSON.stringify(notices),
      );
      await verifyWithSkopeo(registry.host, repository, 'v1');
    } finally {
      await proxy.stop();
    }
  });

  it('gives up, naming the blob, when every upload keeps tearing', async () => {
    const proxy = await startFlakyProxy({ target: registry.url, resetEvery: 3, resetAfterBodyBytes: 100 * 1024 });
    try {
      const large = image.blobs[1]!;
      const started = performance.now();
      await assert.rejects(
        client(proxy.host).pushBlob('nixery-tests/always-torn', large.descriptor, { file: large.file }),
        (error: unknown) => {
          assert.ok(error instanceof RegistryAccessError, String(error));
          assert.ok(error.message.includes(`cannot upload blob ${large.descriptor.digest}`), error.message);
          assert.match(error.message, /gave up after/);
          return true;
        },
      );
      assert.ok(performance.now() - started < 30_000);
    } finally {
      await proxy.stop();
    }
  });

  it('reports a manifest whose blob the repository lacks, naming the blob', async () => {
    const registryClient = client(registry.host);
    const repository = 'nixery-tests/missing-blob';
    // The config and the small layer are pushed; the large layer is not.
    await registryClient.pushBlob(repository, image.config.descriptor, { bytes: image.config.bytes });
    await registryClient.pushBlob(repository, image.blobs[0]!.descriptor, { file: image.blobs[0]!.file });
    const missing = image.blobs[1]!.descriptor.digest;
    await assert.rejects(registryClient.putManifest(repository, 'v1', MediaType.ociManifest, image.manifest), (error: unknown) => {
      assert.ok(error instanceof RegistryAccessError, String(error));
      assert.equal(error.kind, 'registry-access');
      assert.equal(error.status, 400);
      assert.equal(error.code, 'MANIFEST_BLOB_UNKNOWN');
      assert.equal(error.repository, repository);
      assert.equal(error.host, registry.host);
      assert.ok(error.message.includes(missing), error.message);
      assert.ok(!error.message.includes(image.blobs[0]!.descriptor.digest), error.message);
      return true;
    });
  });

  it('refuses to push bytes that do not match the descriptor before sending anything', async () => {
    const bytes = Buffer.from('twelve bytes');
    const descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest(bytes), size: 99 };
    await assert.rejects(
      client(registry.host).pushBlob('nixery-tests/wrong-size', descriptor, { bytes }),
      /12 bytes given, the descriptor says 99/,
    );
  });
});

describe('RegistryClient against a registry that wants credentials', () => {
  let secured: DockerRegistry;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-distribution-auth-'));
    const htpasswd = path.join(dir, 'htpasswd');
    await writeFile(htpasswd, `pusher:${bcrypt.hashSync('s3cret-pass', 5)}\n`);
    secured = await startDockerRegistry({ auth: { htpasswd: { realm: 'nixery-test', path: htpasswd } } });
  });

  after(async () => {
    await secured?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A Basic authorizer that only offers its credentials once challenged, counting what it was asked. */
  function basicAuthorizer(password: string): Authorizer & { challenges: Array<[string, string]> } {
    let header: string | undefined;
    const challenges: Array<[string, string]> = [];
    return {
      challenges,
      header: async () => header,
      challenge: async (wwwAuthenticate, scope) => {
        challenges.push([wwwAuthenticate, scope]);
        if (header !== undefined || !wwwAuthenticate.startsWith('Basic')) return false;
        header = `Basic ${Buffer.from(`pusher:${password}`).toString('base64')}`;
        return true;
      },
      describe: () => 'user "pusher" from the test',
    };
  }

  it('learns the auth scheme from ping', async () => {
    assert.deepEqual(await client(secured.host).ping(), { authenticate: 'Basic realm="nixery-test"' });
  });

  it('answers a challenge with credentials, retries once, and pushes', async () => {
    const authorizer = basicAuthorizer('s3cret-pass');
    const repository = 'acme/authed';
    const registryClient = client(secured.host, { authorizer });
    const bytes = Buffer.from('behind a login');
    const descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest(bytes), size: bytes.length };
    assert.equal(await registryClient.pushBlob(repository, descriptor, { bytes }), bytes.length);
    assert.equal(await registryClient.hasBlob(repository, descriptor), true);
    assert.deepEqual(authorizer.challenges, [['Basic realm="nixery-test"', 'repository:acme/authed:pull,push']]);
  });

  it('reports a 401 with the credential tried, the scope, and what to do; no secret in the message', async () => {
    const repository = 'acme/locked';
    const bytes = Buffer.from('locked out');
    const descriptor = { mediaType: MediaType.ociConfig, digest: sha256Digest(bytes), size: bytes.length };
    for (const [authorizer, tried] of [
      [anonymous, anonymous.describe()],
      [basicAuthorizer('wrong-pass'), 'user "pusher" from the test'],
    ] as const) {
      await assert.rejects(client(secured.host, { authorizer }).pushBlob(repository, descriptor, { bytes }), (error: unknown) => {
        assert.ok(error instanceof RegistryAccessError, String(error));
        assert.equal(error.status, 401);
        assert.equal(error.tried, tried);
        assert.equal(error.repository, repository);
        assert.ok(error.message.includes(tried), error.message);
        assert.ok(error.message.includes('repository:acme/locked:pull,push'), error.message);
        assert.ok(error.message.includes(`docker login ${secured.host}`), error.message);
        for (const secret of ['wrong-pass', 'cHVzaGVy', 'Basic cH']) assert.ok(!error.message.includes(secret), error.message);
        return true;
      });
    }
  });
});

describe('RegistryClient against something that is not a registry', () => {
  it('fails ping with an error naming the host', async () => {
    const notRegistry = http.createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>no</h1>'));
    await new Promise<void>((resolve) => notRegistry.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(notRegistry.address() as AddressInfo).port}`;
    try {
      await assert.rejects(client(host).ping(), (error: unknown) => {
        assert.ok(error instanceof RegistryAccessError);
        assert.equal(error.status, 404);
        assert.ok(error.message.includes(host), error.message);
        return true;
      });
    } finally {
      notRegistry.closeAllConnections();
      notRegistry.close();
    }
  });

  it('fails fast, naming the host, when nothing listens there', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const started = performance.now();
    await assert.rejects(
      client(host, { retry: { baseDelayMs: 1000, maxDelayMs: 1000 } }).hasBlob('a/b', image.config.descriptor),
      (error: unknown) => {
        assert.ok(error instanceof RegistryAccessError);
        assert.equal(error.status, undefined);
        assert.ok(error.message.includes(`${host} is not reachable`), error.message);
        return true;
      },
    );
    assert.ok(performance.now() - started < 900, 'a host that never answered is not retried');
  });
});
