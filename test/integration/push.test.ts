import { after, before, describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';
import { CLI_PATH, EXAMPLE_PACKAGES, runCli, runCliChecked } from './support/cli.ts';
import { countUploads, startDockerRegistry } from './support/docker-registry.ts';
import type { DockerRegistry } from './support/docker-registry.ts';
import { startFlakyProxy } from './support/flaky-proxy.ts';
import { createPodman } from './support/podman.ts';
import type { Podman } from './support/podman.ts';
import { makeSigningKey } from './support/registry-auth-servers.ts';
import { requireTools, run } from './support/run.ts';
import { startTokenIssuer } from './support/token-issuer.ts';
import type { TokenIssuer } from './support/token-issuer.ts';

// `nixery build --out docker://…` and `nixery copy` against the real CNCF distribution registry: what lands is
// verified by skopeo and run by podman; re-runs send no blob bytes; shared layers are mounted across repositories;
// a flaky connection and a token-auth registry (the flow ghcr.io, Docker Hub, ECR and Artifact Registry use) work.

interface PushedImage {
  name: string;
  digest: string;
  tags: string[];
  uploadedBytes: number;
  packedBytes: number;
  cachedLayers: number;
  layers: number;
  pushed: string[];
}

let work: string;
let registry: DockerRegistry;

before(async () => {
  requireTools('skopeo');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-push-'));
  registry = await startDockerRegistry();
});

after(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs `nixery build … --json` with its own cache folder, and returns the images it reports. */
async function build(args: string[], cacheDir: string, env: NodeJS.ProcessEnv = {}): Promise<PushedImage[]> {
  const result = await runCliChecked(['build', ...args, '--pkgs-path', EXAMPLE_PACKAGES, '--json'], {
    env: { ...process.env, NIXERY_CACHE_DIR: cacheDir, ...env },
  });
  return (JSON.parse(result.stdout) as { images: PushedImage[] }).images;
}

async function remoteDigest(reference: string): Promise<string> {
  const inspect = await run('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`]);
  assert.equal(inspect.code, 0, inspect.stderr);
  return (JSON.parse(inspect.stdout) as { Digest: string }).Digest;
}

describe('nixery build --out docker://', () => {
  let cache: string;
  let first: PushedImage[];

  before(async () => {
    cache = path.join(work, 'cache');
    first = await build(['shell/hello', 'hello', '--out', `docker://${registry.host}/Acme/images`, '--tag', 'v1'], cache);
  });

  test('pushes every image to PREFIX/NAME:TAG, lowercased, with the digests the build reports', async () => {
    assert.deepEqual(
      first.map((i) => i.pushed),
      [[`${registry.host}/acme/images/shell/hello:v1`], [`${registry.host}/acme/images/hello:v1`]],
    );
    for (const image of first) assert.equal(await remoteDigest(image.pushed[0]!), image.digest);
    // skopeo copy checks every blob against its digest on the way.
    const copy = await run('skopeo', [
      'copy',
      '--src-tls-verify=false',
      `docker://${first[0]!.pushed[0]}`,
      `dir:${path.join(work, 'copied')}`,
    ]);
    assert.equal(copy.code, 0, copy.stderr);
  });

  test('mounts the layers the second image shares with the first instead of sending them', async () => {
    const hello = first[1]!;
    assert.ok(hello.cachedLayers >= 2, `hello shares layers with shell/hello: ${hello.cachedLayers}`);
    const mounts = countUploads(await registry.settledRequests()).mounts;
    assert.ok(mounts >= hello.cachedLayers, `${mounts} mounts for ${hello.cachedLayers} shared layers`);
  });

  test('a re-run sends no blob bytes and packs nothing', async () => {
    const before = countUploads(await registry.settledRequests()).uploadRequests;
    const again = await build(['shell/hello', 'hello', '--out', `docker://${registry.host}/acme/images`, '--tag', 'v2'], cache);
    assert.equal(countUploads(await registry.settledRequests()).uploadRequests, before, 'no PATCH or PUT of a blob');
    for (const image of again) {
      assert.equal(image.uploadedBytes, 0);
      assert.equal(image.packedBytes, 0);
      assert.equal(await remoteDigest(image.pushed[0]!), image.digest, 'the new tag points at the same image');
    }
  });

  test('podman pulls the pushed image and runs it', async () => {
    let podman: Podman | undefined;
    try {
      podman = await createPodman({ insecureRegistries: [registry.host] });
      const pulled = await podman.podman(['pull', '--tls-verify=false', first[0]!.pushed[0]!]);
      assert.equal(pulled.code, 0, pulled.stderr);
      assert.match(await podman.podmanRun(first[0]!.pushed[0]!, ['hello']), /Hello/);
    } finally {
      await podman?.cleanup();
    }
  });

  test('writes the bucket and the registry in one build', async () => {
    const bucket = path.join(work, 'bucket');
    const [image] = await build(['hello', '--storage', bucket, '--out', `docker://${registry.host}/both`, '--tag', 'v1'], cache);
    const index = JSON.parse(await readFile(path.join(bucket, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    assert.deepEqual(
      index.manifests.map((m) => m.digest),
      [image!.digest],
    );
    assert.equal(await remoteDigest(`${registry.host}/both/hello:v1`), image!.digest);
  });

  test('nixery copy promotes an image from a bucket to a registry under new tags, sending only what is missing', async () => {
    const bucket = path.join(work, 'bucket');
    const result = await runCliChecked([
      'copy',
      bucket,
      'hello:v1',
      `docker://${registry.host}/promoted`,
      '--tag',
      'latest',
      '--tag',
      'stable',
      '--json',
    ]);
    const copied = JSON.parse(result.stdout) as { digest: string; uploadedBytes: number };
    for (const tag of ['latest', 'stable']) assert.equal(await remoteDigest(`${registry.host}/promoted/hello:${tag}`), copied.digest);
    const again = JSON.parse(
      (await runCliChecked(['copy', bucket, 'hello:v1', `docker://${registry.host}/promoted`, '--json'])).stdout,
    ) as {
      uploadedBytes: number;
    };
    assert.ok(copied.uploadedBytes > 0);
    assert.equal(again.uploadedBytes, 0, 'a second copy sends nothing');
  });

  test('copying a tag the bucket lacks is a usage error naming it', async () => {
    const result = await runCli(['copy', path.join(work, 'bucket'), 'hello:nope', `docker://${registry.host}/promoted`]);
    assert.equal(result.code, EXIT_CODES.usage, result.stderr);
    assert.match(result.stderr, /hello:nope is not in/);
  });
});

describe('a push through a flaky connection', () => {
  test('completes and verifies when every 3rd request fails with 500 and every 5th connection is reset', async () => {
    const proxy = await startFlakyProxy({ target: registry.url, fail500Every: 3, resetEvery: 5 });
    try {
      // One request at a time keeps the schedule deterministic: of any 5 requests in a row at most 3 fail, so every
      // request gets through within its 5 attempts (with parallel uploads, chance decides who meets the failures).
      const args = ['shell/hello', '--out', `docker://${proxy.host}/flaky`, '--tag', 'v1', '--upload-parallelism', '1'];
      const [image] = await build(args, path.join(work, 'flaky-cache'));
      assert.equal(await remoteDigest(`${registry.host}/flaky/shell/hello:v1`), image!.digest);
      const counts = proxy.counts();
      assert.ok(counts.failed500 > 0 && counts.resets > 0, `the proxy did fail requests: ${JSON.stringify(counts)}`);
    } finally {
      await proxy.stop();
    }
  });
});

describe('a push killed with SIGKILL', () => {
  test('never leaves a tag pointing at missing blobs, and the re-run completes', async () => {
    // A slow link (each request held 300 ms) makes the push last long enough to be killed halfway.
    const proxy = await startFlakyProxy({ target: registry.url, latencyMs: 300 });
    const cacheDir = path.join(work, 'killed-cache');
    const args = ['build', 'shell/hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', `docker://${proxy.host}/killed`, '--tag', 'v1'];
    const env = { ...process.env, NIXERY_CACHE_DIR: cacheDir };
    try {
      const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      // Kill once the first blob upload has reached the registry: some blobs are there, the manifest is not.
      for (let i = 0; i < 200; i++) {
        if (countUploads(await registry.settledRequests()).uploadRequests > 0 && proxy.counts().requests > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL', 'the push was still running when it was killed');
      const tags = await run('skopeo', ['list-tags', '--tls-verify=false', `docker://${registry.host}/killed/shell/hello`]);
      const listed = tags.code === 0 ? (JSON.parse(tags.stdout) as { Tags: string[] }).Tags : [];
      assert.deepEqual(listed, [], 'no tag before the manifest and every blob are in');
      assert.ok(countUploads(await registry.settledRequests()).uploadRequests > 0, 'some blobs were in when it was killed');

      const again = await runCliChecked([...args, '--json'], { env });
      const [image] = (JSON.parse(again.stdout) as { images: PushedImage[] }).images;
      assert.equal(await remoteDigest(`${registry.host}/killed/shell/hello:v1`), image!.digest);
      const copy = await run('skopeo', [
        'copy',
        '--src-tls-verify=false',
        `docker://${registry.host}/killed/shell/hello:v1`,
        `dir:${path.join(work, 'killed-copy')}`,
      ]);
      assert.equal(copy.code, 0, copy.stderr);
    } finally {
      await proxy.stop();
    }
  });
});

describe('a registry with token authentication, as public registries have', () => {
  const SERVICE = 'nixery-push-test';
  let issuer: TokenIssuer;
  let tokenRegistry: DockerRegistry;
  let dir: string;

  before(async () => {
    requireTools('openssl');
    dir = path.join(work, 'token');
    await mkdir(dir);
    const signer = await makeSigningKey(dir);
    issuer = await startTokenIssuer({
      keyPem: await readFile(signer.key, 'utf8'),
      certPem: await readFile(signer.cert, 'utf8'),
      issuer: 'nixery-push-issuer',
      service: SERVICE,
      users: { octo: 'correct horse' },
    });
    tokenRegistry = await startDockerRegistry({
      auth: { token: { realm: issuer.realm, service: SERVICE, issuer: 'nixery-push-issuer', rootcertbundle: signer.cert } },
    });
  });

  after(async () => {
    await tokenRegistry?.stop();
    await issuer?.stop();
  });

  async function dockerConfig(name: string, password: string): Promise<string> {
    const configDir = path.join(dir, name);
    await mkdir(configDir, { recursive: true });
    const auth = Buffer.from(`octo:${password}`).toString('base64');
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [tokenRegistry.host]: { auth } } }));
    return configDir;
  }

  test('pushes with the credentials docker login left, and never prints them', async () => {
    const configDir = await dockerConfig('good', 'correct horse');
    const result = await runCliChecked(
      ['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', `docker://${tokenRegistry.host}/team`, '--tag', 'v1', '--json'],
      {
        env: {
          ...process.env,
          NIXERY_CACHE_DIR: path.join(dir, 'cache'),
          DOCKER_CONFIG: configDir,
          REGISTRY_AUTH_FILE: path.join(dir, 'none.json'),
        },
      },
    );
    const [image] = (JSON.parse(result.stdout) as { images: PushedImage[] }).images;
    assert.equal(image!.pushed[0], `${tokenRegistry.host}/team/hello:v1`);
    assert.ok(issuer.requests.length > 0, 'tokens came from the issuer');
    assert.doesNotMatch(result.stdout + result.stderr, /correct horse|b2N0bzpjb3JyZWN0IGhvcnNl/);
    const inspect = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      '--creds',
      'octo:correct horse',
      `docker://${tokenRegistry.host}/team/hello:v1`,
    ]);
    assert.equal(inspect.code, 0, inspect.stderr);
    assert.equal((JSON.parse(inspect.stdout) as { Digest: string }).Digest, image!.digest);
  });

  test('without valid credentials the push fails with a registry error naming what was tried, and tags nothing', async () => {
    const configDir = await dockerConfig('bad', 'wrong password');
    const result = await runCli(
      ['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', `docker://${tokenRegistry.host}/denied`, '--tag', 'v1'],
      {
        env: {
          ...process.env,
          NIXERY_CACHE_DIR: path.join(dir, 'cache'),
          DOCKER_CONFIG: configDir,
          REGISTRY_AUTH_FILE: path.join(dir, 'none.json'),
        },
      },
    );
    assert.equal(result.code, EXIT_CODES['registry-access'], result.stderr);
    assert.match(result.stderr, /user "octo"/);
    assert.doesNotMatch(result.stderr, /wrong password/);
    const tags = await run('skopeo', [
      'list-tags',
      '--tls-verify=false',
      '--creds',
      'octo:correct horse',
      `docker://${tokenRegistry.host}/denied/hello`,
    ]);
    assert.notEqual(tags.code, 0, 'the repository has no tags');
  });
});
