import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EXAMPLE_PACKAGES, runCli, runCliChecked, sha256File, treeSnapshot } from './support/cli.ts';
import type { TreeEntry } from './support/cli.ts';
import { createPodman } from './support/podman.ts';
import type { Podman } from './support/podman.ts';
import { requireTools, runChecked } from './support/run.ts';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';

// The "Done means", end to end: the real CLI builds with real Nix into a bucket that is an OCI
// image layout, skopeo reads it, podman runs it. One bucket (A) holds shell/hello:v1 and is shared by the
// tests that only read it or must leave it unchanged; tests that need a fresh bucket make their own.

const TAG = 'v1';

interface BuildResult {
  name: string;
  tag: string;
  ref: string;
  digest: string;
  layers: number;
  cachedLayers: number;
  packedBytes: number;
  uploadedBytes: number;
}

let work: string;
let bucketA: string;
let firstBuild: BuildResult;

async function buildJson(names: string[], out: string): Promise<BuildResult[]> {
  const result = await runCliChecked(['build', ...names, '--pkgs-path', EXAMPLE_PACKAGES, '--storage', out, '--tag', TAG, '--json']);
  const parsed = JSON.parse(result.stdout) as { images: BuildResult[] };
  assert.equal(parsed.images.length, names.length, `one result per name in: ${result.stdout}`);
  return parsed.images;
}

function blobsOnly(tree: Record<string, TreeEntry>): Record<string, TreeEntry> {
  return Object.fromEntries(Object.entries(tree).filter(([key]) => key.startsWith('blobs/')));
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

before(async () => {
  requireTools('nix-build', 'nix-store', 'skopeo', 'podman', 'runc', 'busybox');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-build-e2e-'));
  bucketA = path.join(work, 'bucket-a');
  [firstBuild] = (await buildJson(['shell/hello'], bucketA)) as [BuildResult];
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the built image runs in podman', () => {
  let podman: Podman;
  let image: string;

  before(async () => {
    podman = await createPodman();
    image = await podman.copyOciToPodman(bucketA, `shell/hello:${TAG}`, `shell/hello:${TAG}`);
  });
  after(async () => {
    await podman?.cleanup();
  });

  test('hello prints its greeting', async () => {
    assert.equal(await podman.podmanRun(image, ['hello']), 'Hello, world!\n');
  });

  test('the shell meta-package gives bash and coreutils on PATH', async () => {
    assert.equal(await podman.podmanRun(image, ['bash', '-c', 'echo ok']), 'ok\n');
    assert.equal(await podman.podmanRun(image, ['bash', '-c', 'basename /a/b/c']), 'c\n');
  });

  test('/etc/passwd has root and /tmp is world-writable with the sticky bit', async () => {
    const passwd = await podman.podmanRun(image, ['cat', '/etc/passwd']);
    assert.match(passwd, /^root:[^:]*:0:0:/m);
    assert.equal(await podman.podmanRun(image, ['stat', '-c', '%a', '/tmp']), '1777\n');
  });

  test('the default command is a shell', async () => {
    const inspect = await podman.podman(['image', 'inspect', '--format', '{{json .Config.Cmd}}', image]);
    assert.equal(inspect.code, 0, inspect.stderr);
    const cmd = JSON.parse(inspect.stdout) as string[];
    assert.equal(path.basename(cmd[0] ?? ''), 'bash', `Cmd is ${inspect.stdout}`);
  });
});

test('the bucket is an OCI image layout whose blobs match their digests', async () => {
  assert.deepEqual(JSON.parse(await readFile(path.join(bucketA, 'oci-layout'), 'utf8')), { imageLayoutVersion: '1.0.0' });
  const index = JSON.parse(await readFile(path.join(bucketA, 'index.json'), 'utf8'));
  const entry = index.manifests.find(
    (m: { annotations?: Record<string, string> }) => m.annotations?.['org.opencontainers.image.ref.name'] === `shell/hello:${TAG}`,
  );
  assert.ok(entry, `index.json names shell/hello:${TAG}: ${JSON.stringify(index)}`);
  assert.equal(entry.digest, firstBuild.digest);

  const raw = (await runChecked('skopeo', ['inspect', '--raw', `oci:${bucketA}:shell/hello:${TAG}`])).stdout;
  assert.equal(`sha256:${sha256Hex(Buffer.from(raw))}`, firstBuild.digest, 'skopeo returns the manifest bytes the build reported');
  const manifest = JSON.parse(raw);
  assert.equal(manifest.schemaVersion, 2);
  assert.equal(manifest.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  assert.equal(manifest.layers.length, firstBuild.layers);
  assert.ok(manifest.layers.length >= 2, 'store layers plus the customisation layer');

  const blob = (digest: string) => path.join(bucketA, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));
  const configBytes = await readFile(blob(manifest.config.digest));
  assert.equal(`sha256:${sha256Hex(configBytes)}`, manifest.config.digest);
  assert.equal(configBytes.length, manifest.config.size);
  const config = JSON.parse(configBytes.toString('utf8'));
  assert.equal(config.rootfs.type, 'layers');
  assert.equal(config.rootfs.diff_ids.length, manifest.layers.length);

  for (const [i, layer] of (manifest.layers as Array<{ digest: string; size: number; mediaType: string }>).entries()) {
    assert.equal(`sha256:${await sha256File(blob(layer.digest))}`, layer.digest, `layer ${i} blob hashes to its digest`);
    const bytes = await readFile(blob(layer.digest));
    assert.equal(bytes.length, layer.size, `layer ${i} size`);
    assert.equal(layer.mediaType, 'application/vnd.oci.image.layer.v1.tar+gzip');
    assert.equal(`sha256:${sha256Hex(gunzipSync(bytes))}`, config.rootfs.diff_ids[i], `layer ${i} uncompressed hashes to its diff_id`);
  }
});

test('building again gives the same digest, reuses every layer and writes nothing', async () => {
  const before = await treeSnapshot(bucketA);
  const [again] = (await buildJson(['shell/hello'], bucketA)) as [BuildResult];
  assert.equal(again.digest, firstBuild.digest);
  assert.equal(again.layers, firstBuild.layers);
  assert.equal(again.cachedLayers, again.layers, 'every layer is a cache hit');
  assert.equal(again.packedBytes, 0);
  assert.equal(again.uploadedBytes, 0);
  assert.deepEqual(await treeSnapshot(bucketA), before);
});

test('a build into a second, empty bucket gives the same bytes', async () => {
  const bucketB = path.join(work, 'bucket-b');
  const [fresh] = (await buildJson(['shell/hello'], bucketB)) as [BuildResult];
  assert.equal(fresh.digest, firstBuild.digest);
  assert.equal(fresh.cachedLayers, 0, 'an empty bucket has no cache to reuse');
  assert.ok(fresh.uploadedBytes > 0);
  assert.deepEqual(blobsOnly(await treeSnapshot(bucketB)), blobsOnly(await treeSnapshot(bucketA)));
});

test('reordered package lists name the same image', async () => {
  const bucketC = path.join(work, 'bucket-c');
  const [a, b, shellSpelledOut] = (await buildJson(['coreutils/hello', 'hello/coreutils', 'shell/coreutils/hello'], bucketC)) as [
    BuildResult,
    BuildResult,
    BuildResult,
  ];
  assert.equal(a.name, 'coreutils/hello');
  assert.equal(b.name, 'coreutils/hello');
  assert.equal(b.digest, a.digest);
  // coreutils is part of shell, so naming it again changes nothing.
  assert.equal(shellSpelledOut.name, 'shell/hello');
  assert.equal(shellSpelledOut.digest, firstBuild.digest);
  assert.notEqual(a.digest, firstBuild.digest);

  const index = JSON.parse(await readFile(path.join(bucketC, 'index.json'), 'utf8'));
  const refs = index.manifests
    .map((m: { annotations: Record<string, string> }) => m.annotations['org.opencontainers.image.ref.name'])
    .sort();
  assert.deepEqual(refs, [`coreutils/hello:${TAG}`, `shell/hello:${TAG}`]);
});

test('unknown packages fail the build, are all named, and leave the bucket unchanged', async () => {
  const before = await treeSnapshot(bucketA);
  const result = await runCli([
    'build',
    'shell/hello/nosuchpkg/otherbad',
    '--pkgs-path',
    EXAMPLE_PACKAGES,
    '--storage',
    bucketA,
    '--tag',
    TAG,
  ]);
  assert.equal(result.code, EXIT_CODES['unknown-packages'], result.stderr);
  assert.match(result.stderr, /nosuchpkg/);
  assert.match(result.stderr, /otherbad/);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'a user error, not a stack trace');
  assert.deepEqual(await treeSnapshot(bucketA), before);
});

describe('the bucket flag', () => {
  test('--out is the same flag as --storage', async () => {
    const out = path.join(work, 'via-out');
    const result = await runCliChecked(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', out, '--tag', TAG, '--json']);
    const { bucket } = JSON.parse(result.stdout) as { bucket: string };
    assert.equal(bucket, out);
    assert.ok((await treeSnapshot(out))['index.json'] !== undefined, 'the image went into the --out folder');
  });

  test('--storage and --out naming two buckets is a usage error that writes nothing', async () => {
    const [one, two] = [path.join(work, 'both-one'), path.join(work, 'both-two')];
    const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', one, '--out', two, '--tag', TAG]);
    assert.equal(result.code, EXIT_CODES.usage, result.stderr);
    assert.match(result.stderr, /one bucket at most/);
    assert.deepEqual(await treeSnapshot(one), {});
    assert.deepEqual(await treeSnapshot(two), {});
  });
});

describe('an invalid image name is a usage error', () => {
  test('exits 2, names the bad part and creates no bucket', async () => {
    const out = path.join(work, 'never-bad-name');
    const result = await runCli(['build', 'shell/Hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', out, '--tag', TAG]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /"Hello"/);
    assert.deepEqual(await treeSnapshot(out), {});
  });

  test('is caught before any image is built, even after a valid name', async () => {
    const out = path.join(work, 'never-second-bad-name');
    const result = await runCli(['build', 'hello', 'shell/Git', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', out, '--tag', TAG]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /"Git"/);
    assert.deepEqual(await treeSnapshot(out), {});
  });

  test('so is an invalid tag', async () => {
    const out = path.join(work, 'never-bad-tag');
    const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', out, '--tag', '.v1']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /tag "\.v1"/);
    assert.deepEqual(await treeSnapshot(out), {});
  });
});

describe('nixery layers', () => {
  const store = (name: string) => `/nix/store/${name.padStart(32, '0')}-${name}`;
  // app -> lib -> libc, app -> data; tool -> libc: five paths, two roots.
  const [app, lib, libc, data, tool] = ['app', 'lib', 'libc', 'data', 'tool'].map(store) as [string, string, string, string, string];
  const graph = {
    roots: [app, tool],
    paths: {
      [app]: { narSize: 1000, references: [app, lib, data] },
      [lib]: { narSize: 5000, references: [libc] },
      [libc]: { narSize: 20000, references: [] },
      [data]: { narSize: 300, references: [] },
      [tool]: { narSize: 700, references: [libc] },
    },
  };

  test('--budget 3 splits the closure into at most 3 layers holding every path once', async () => {
    const result = await runCliChecked(['layers', '--budget', '3'], { input: JSON.stringify(graph) });
    const { layers } = JSON.parse(result.stdout) as { layers: string[][] };
    assert.ok(layers.length >= 1 && layers.length <= 3, `got ${layers.length} layers`);
    for (const layer of layers) assert.ok(layer.length > 0, 'no empty layers');
    assert.deepEqual(layers.flat().sort(), Object.keys(graph.paths).sort());
  });

  test('--budget 1 puts the whole closure into one layer', async () => {
    const result = await runCliChecked(['layers', '--budget', '1'], { input: JSON.stringify(graph) });
    const { layers } = JSON.parse(result.stdout) as { layers: string[][] };
    assert.equal(layers.length, 1);
    assert.deepEqual([...layers[0]!].sort(), Object.keys(graph.paths).sort());
  });

  test('malformed JSON exits non-zero and says so', async () => {
    const result = await runCli(['layers', '--budget', '3'], { input: '{"roots": [' });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /not valid JSON/);
    assert.equal(result.stdout, '');
  });

  test('a graph with a dangling reference names the missing path', async () => {
    const broken = { roots: [app], paths: { [app]: { narSize: 1, references: [lib] } } };
    const result = await runCli(['layers'], { input: JSON.stringify(broken) });
    assert.notEqual(result.code, 0);
    assert.ok(result.stderr.includes(lib), result.stderr);
  });

  test('a bad budget is a usage error', async () => {
    const result = await runCli(['layers', '--budget', '0'], { input: JSON.stringify(graph) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--budget "0"/);
  });
});
