import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UsageError } from '../../src/errors.ts';
import { InvalidNameError, parseImageName } from '../../src/image/name.ts';
import { packEntries } from '../../src/archive/tar.ts';
import type { LayerEntry } from '../../src/archive/tar.ts';
import type { ResolvedSource } from '../../src/nix/resolve-source.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import type { ImageManifest } from '../../src/oci/manifest.ts';
import { assembleImage } from '../../src/pipeline/assemble.ts';
import { BuildCache, layerCacheId } from '../../src/pipeline/cache.ts';
import type { BuildEvent } from '../../src/pipeline/events.ts';
import { materialiseLayers } from '../../src/pipeline/materialise.ts';
import type { MaterialisedLayer } from '../../src/pipeline/materialise.ts';
import type { ImagePlan, LayerSpec } from '../../src/pipeline/plan.ts';
import { resolveImage } from '../../src/pipeline/resolve.ts';
import type { ResolvedImage } from '../../src/pipeline/resolve.ts';
import type { BuildSettings } from '../../src/settings/build-settings.ts';
import type { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { blobKey } from '../../src/storage/layout.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';
import { fanOut } from '../../src/targets/fan-out.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

const scratch = scratchBuckets('nixery-pipeline-stages-');

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const EXAMPLES_DIR = fileURLToPath(new URL('../../nix/examples', import.meta.url));

// ---------------------------------------------------------------------------------------------------------------
// assemble

const PINNED_SOURCE: ResolvedSource = {
  source: { kind: 'nixpkgs', commit: COMMIT },
  packageSetExpr: 'system: { }',
  pinned: true,
  cacheId: `nixpkgs:${COMMIT}`,
  revision: COMMIT,
  sourceUrl: 'https://github.com/NixOS/nixpkgs',
};

const LOCAL_SOURCE: ResolvedSource = {
  source: { kind: 'path', path: '/somewhere/pkgs' },
  packageSetExpr: 'system: { }',
  pinned: false,
  cacheId: 'path:/somewhere/pkgs',
};

function resolvedImage(rawName: string, source: ResolvedSource = PINNED_SOURCE): ResolvedImage {
  return { name: parseImageName(rawName), tags: ['latest'], source, manifestCacheId: null };
}

/** A spec that must never be packed: assembling works from the materialised layers alone. */
function unpackedSpec(cacheId: string, createdBy: string): LayerSpec {
  return {
    cacheId,
    createdBy,
    pack: () => {
      throw new Error(`layer ${createdBy} was packed during assembly`);
    },
  };
}

const PLAN: ImagePlan = {
  layers: [unpackedSpec('a'.repeat(64), 'nix store paths: /nix/store/aaa-one'), unpackedSpec('b'.repeat(64), 'customisation')],
  env: ['PATH=/bin', 'LANG=C.UTF-8'],
  cmd: ['/bin/bash'],
  compression: 'gzip',
};

function madeUpLayer(seed: string, size: number): MaterialisedLayer {
  return {
    layer: {
      descriptor: { mediaType: MediaType.ociLayerGzip, digest: sha256Digest(`blob ${seed}`), size },
      diffId: sha256Digest(`tar ${seed}`),
      uncompressedSize: size * 3,
    },
    cached: false,
    packedBytes: size * 3,
  };
}

const LAYERS = [madeUpLayer('first', 1234), madeUpLayer('second', 56)];

describe('assembleImage', () => {
  it('is deterministic: equal inputs give byte-identical config and manifest', () => {
    const a = assembleImage(resolvedImage('shell/git'), PLAN, LAYERS);
    // Another spelling of the same package set, and fresh copies of every input.
    const b = assembleImage(
      resolvedImage('shell/nano/git'),
      { ...PLAN, layers: [...PLAN.layers] },
      LAYERS.map((l) => ({ ...l })),
    );
    assert.ok(a.config.bytes.equals(b.config.bytes));
    assert.ok(a.manifest.bytes.equals(b.manifest.bytes));
    assert.deepEqual(a.config.descriptor, b.config.descriptor);
    assert.deepEqual(a.manifest.descriptor, b.manifest.descriptor);
  });

  it('gives descriptors whose digests are sha256 of the bytes and whose sizes match', () => {
    const image = assembleImage(resolvedImage('shell/git'), PLAN, LAYERS);
    assert.equal(image.config.descriptor.mediaType, MediaType.ociConfig);
    assert.equal(image.config.descriptor.digest, sha256Digest(image.config.bytes));
    assert.equal(image.config.descriptor.size, image.config.bytes.length);
    assert.equal(image.manifest.descriptor.mediaType, MediaType.ociManifest);
    assert.equal(image.manifest.descriptor.digest, sha256Digest(image.manifest.bytes));
    assert.equal(image.manifest.descriptor.size, image.manifest.bytes.length);
  });

  it('lists the layers in plan order after the config descriptor, and sizes the image as config + layers', () => {
    const image = assembleImage(resolvedImage('shell/git'), PLAN, LAYERS);
    const manifest = JSON.parse(image.manifest.bytes.toString('utf8')) as ImageManifest;
    assert.equal(manifest.schemaVersion, 2);
    assert.equal(manifest.mediaType, MediaType.ociManifest);
    assert.deepEqual(manifest.config, image.config.descriptor);
    assert.deepEqual(
      manifest.layers,
      LAYERS.map((l) => l.layer.descriptor),
    );
    assert.equal(image.size, image.config.bytes.length + 1234 + 56);

    const config = JSON.parse(image.config.bytes.toString('utf8')) as {
      architecture: string;
      config: { Env: string[]; Cmd?: string[] };
      rootfs: { diff_ids: string[] };
      history: Array<{ created_by: string }>;
    };
    assert.equal(config.architecture, 'amd64');
    assert.deepEqual(config.config.Env, PLAN.env);
    assert.deepEqual(config.config.Cmd, PLAN.cmd);
    assert.deepEqual(
      config.rootfs.diff_ids,
      LAYERS.map((l) => l.layer.diffId),
    );
    assert.deepEqual(
      config.history.map((h) => h.created_by),
      PLAN.layers.map((l) => l.createdBy),
    );
  });

  it('changes the digests when the layer order, the arch or the env changes', () => {
    const base = assembleImage(resolvedImage('shell/git'), PLAN, LAYERS).manifest.descriptor.digest;
    const swapped = assembleImage(resolvedImage('shell/git'), { ...PLAN, layers: [...PLAN.layers].reverse() }, [...LAYERS].reverse());
    const arm = assembleImage(resolvedImage('arm64/shell/git'), PLAN, LAYERS);
    const env = assembleImage(resolvedImage('shell/git'), { ...PLAN, env: ['PATH=/usr/bin'] }, LAYERS);
    const digests = new Set([base, swapped.manifest.descriptor.digest, arm.manifest.descriptor.digest, env.manifest.descriptor.digest]);
    assert.equal(digests.size, 4);
    assert.equal((JSON.parse(arm.config.bytes.toString('utf8')) as { architecture: string }).architecture, 'arm64');
  });

  it("annotates title and description, and the package set's revision and source under dev.nixery keys only when the source has them", () => {
    const pinned = JSON.parse(assembleImage(resolvedImage('git/htop'), PLAN, LAYERS).manifest.bytes.toString('utf8')) as ImageManifest;
    assert.deepEqual(pinned.annotations, {
      'dev.nixery.nixpkgs.revision': COMMIT,
      'dev.nixery.nixpkgs.source': 'https://github.com/NixOS/nixpkgs',
      'org.opencontainers.image.description': 'Nix packages: git htop',
      'org.opencontainers.image.title': 'git/htop',
    });

    const local = JSON.parse(
      assembleImage(resolvedImage('htop/git', LOCAL_SOURCE), PLAN, LAYERS).manifest.bytes.toString('utf8'),
    ) as ImageManifest;
    assert.deepEqual(local.annotations, {
      'org.opencontainers.image.description': 'Nix packages: git htop',
      'org.opencontainers.image.title': 'git/htop',
    });
    assert.ok(!JSON.stringify(local).includes('/somewhere/pkgs'), 'a local path must not reach the manifest');

    const onlyUrl = { ...LOCAL_SOURCE, sourceUrl: 'https://channels.nixos.org/nixos-unstable' };
    const channel = JSON.parse(assembleImage(resolvedImage('git', onlyUrl), PLAN, LAYERS).manifest.bytes.toString('utf8')) as ImageManifest;
    assert.equal(channel.annotations?.['dev.nixery.nixpkgs.source'], 'https://channels.nixos.org/nixos-unstable');
    assert.ok(!('dev.nixery.nixpkgs.revision' in (channel.annotations ?? {})));
  });

  it('never packs a layer', () => {
    // unpackedSpec throws if packed; reaching here with a result is the assertion.
    assert.ok(assembleImage(resolvedImage('git'), PLAN, LAYERS).manifest.bytes.length > 0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// resolve

function settingsFor(overrides: Partial<BuildSettings> = {}): BuildSettings {
  return { source: { kind: 'nixpkgs', commit: COMMIT }, budget: 50, compression: 'gzip', timeoutMs: 60_000, ...overrides };
}

describe('resolveImage', () => {
  it('refuses an image with no tags as a usage error', async () => {
    await assert.rejects(resolveImage('git', [], settingsFor()), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.kind, 'usage');
      assert.match(error.message, /no tag/);
      return true;
    });
  });

  it('refuses an invalid tag with a usage error that names the tag', async () => {
    for (const bad of ['-leading-dash', 'has space', 'x'.repeat(129), '']) {
      await assert.rejects(resolveImage('git', ['latest', bad], settingsFor()), (error: unknown) => {
        assert.ok(error instanceof UsageError, `${bad}: ${String(error)}`);
        assert.ok(error instanceof InvalidNameError);
        assert.ok(error.message.includes(`"${bad}"`), error.message);
        return true;
      });
    }
  });

  it('refuses an invalid image name as a usage error', async () => {
    await assert.rejects(resolveImage('Git/UPPER', ['latest'], settingsFor()), UsageError);
  });

  it('de-duplicates tags, keeping the order given', async () => {
    const image = await resolveImage('git', ['v2', 'latest', 'v2', 'sha-1', 'latest'], settingsFor());
    assert.deepEqual(image.tags, ['v2', 'latest', 'sha-1']);
    assert.equal(image.name.canonical, 'git');
  });

  it('gives a path source no manifest cache id', async () => {
    const image = await resolveImage('shell/git', ['latest'], settingsFor({ source: { kind: 'path', path: EXAMPLES_DIR } }));
    assert.equal(image.manifestCacheId, null);
    assert.equal(image.source.pinned, false);
    assert.equal(image.source.cacheId, `path:${EXAMPLES_DIR}`);
    assert.equal(image.source.sourceUrl, undefined);
  });

  it('gives a nixpkgs commit a 64-hex manifest cache id', async () => {
    const image = await resolveImage('git/htop', ['latest'], settingsFor());
    assert.ok(image.manifestCacheId);
    assert.match(image.manifestCacheId, /^[0-9a-f]{64}$/);
    assert.equal(image.source.revision, COMMIT);
  });

  it('keys the manifest cache by packages, arch, budget and compression, not by package order or tags', async () => {
    const id = async (name: string, overrides: Partial<BuildSettings> = {}, tags = ['latest']) =>
      (await resolveImage(name, tags, settingsFor(overrides))).manifestCacheId;
    const base = await id('git/htop');
    assert.equal(await id('htop/git'), base);
    assert.equal(await id('git/htop/git'), base);
    assert.equal(await id('git/htop', {}, ['v1', 'v2']), base);
    // `shell` already brings nano: the same package set.
    assert.equal(await id('shell/git/nano'), await id('shell/git'));

    const others = [
      await id('git/htop', { budget: 51 }),
      await id('git/htop', { compression: 'zstd' }),
      await id('git/htop', { compression: 'none' }),
      await id('arm64/git/htop'),
      await id('git'),
      await id('git/htop', { source: { kind: 'nixpkgs', commit: 'f'.repeat(40) } }),
    ];
    for (const other of others) assert.match(other ?? '', /^[0-9a-f]{64}$/);
    assert.equal(new Set([base, ...others]).size, others.length + 1);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// materialise

interface CountedSpec extends LayerSpec {
  packs: number;
}

function entrySpec(name: string, entries: LayerEntry[]): CountedSpec {
  const spec: CountedSpec = {
    packs: 0,
    cacheId: layerCacheId('gzip', { entriesHash: sha256Digest(`test layer ${name}`) }),
    createdBy: `test layer ${name}`,
    pack: () => {
      spec.packs++;
      return packEntries(entries);
    },
  };
  return spec;
}

function testSpecs(): CountedSpec[] {
  return [
    entrySpec('etc', [
      { type: 'file', path: '/etc/passwd', mode: 0o644, content: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
      { type: 'file', path: '/etc/group', mode: 0o644, content: Buffer.from('root:x:0:\n') },
    ]),
    entrySpec('bin', [
      { type: 'file', path: '/bin/hello', mode: 0o755, content: Buffer.from('#!/bin/sh\necho hello\n') },
      { type: 'symlink', path: '/bin/hi', target: 'hello' },
    ]),
    entrySpec('tmp', [
      { type: 'directory', path: '/tmp', mode: 0o1777 },
      { type: 'file', path: '/srv/data.txt', mode: 0o600, content: Buffer.alloc(4096, 'x') },
    ]),
  ];
}

const MATERIALISE_SETTINGS = settingsFor({ parallelism: 2, uploadParallelism: 2 });

interface Run {
  layers: MaterialisedLayer[];
  events: BuildEvent[];
}

/** Materialises into `bucket` (its caches too), and into `also` beside it when given. */
async function materialise(bucket: FilesystemStorage, specs: LayerSpec[], also?: FilesystemStorage): Promise<Run> {
  const events: BuildEvent[] = [];
  const plan: ImagePlan = { layers: specs, env: [], compression: 'gzip' };
  const targets = [bucket, ...(also ? [also] : [])].map((b) => new BucketTarget(new ImageStore(b)));
  const layers = await materialiseLayers('test/image', plan, MATERIALISE_SETTINGS, new BuildCache(bucket), fanOut(targets), (e) =>
    events.push(e),
  );
  return { layers, events };
}

/** Every object in the bucket, with the inode and mtime that a rewrite (temp file + rename) would change. */
async function snapshot(bucket: FilesystemStorage): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const key of await bucket.list('')) {
    const info = await stat(bucket.localPath(key));
    // Blobs' times move when a build reuses them (the garbage collector's liveness mark); their files must not.
    files.set(key, key.startsWith('blobs/') ? `${info.ino}:${info.size}` : `${info.ino}:${info.mtimeMs}:${info.size}`);
  }
  return files;
}

async function stagingLeftovers(bucket: FilesystemStorage): Promise<string[]> {
  return readdir(path.join(bucket.location, '.tmp')).catch(() => []);
}

describe('materialiseLayers', () => {
  it('packs and stores every layer on a first run, reporting each one', async () => {
    const bucket = await scratch.freshBucket();
    const specs = testSpecs();
    const { layers, events } = await materialise(bucket, specs);

    assert.equal(layers.length, specs.length);
    assert.deepEqual(
      specs.map((s) => s.packs),
      [1, 1, 1],
    );
    const cache = new BuildCache(bucket);
    for (const [i, m] of layers.entries()) {
      assert.equal(m.cached, false);
      assert.ok(m.packedBytes > 0);
      assert.equal(m.packedBytes, m.layer.uncompressedSize);
      assert.equal(m.layer.descriptor.mediaType, MediaType.ociLayerGzip);
      const blob = await bucket.readBytes(blobKey(m.layer.descriptor.digest));
      assert.ok(blob, `blob of layer ${i} must be in the bucket`);
      assert.equal(sha256Digest(blob), m.layer.descriptor.digest);
      assert.equal(blob.length, m.layer.descriptor.size);
      const tar = gunzipSync(blob);
      assert.equal(sha256Digest(tar), m.layer.diffId);
      assert.equal(tar.length, m.packedBytes);
      assert.deepEqual(await cache.getLayer(specs[i]!.cacheId), m.layer, 'the layer cache records the blob');
    }
    assert.equal(new Set(layers.map((m) => m.layer.descriptor.digest)).size, specs.length, 'distinct layers give distinct blobs');

    assert.equal(events.length, specs.length);
    assert.deepEqual(events.map((e) => (e.type === 'layer' ? e.index : -1)).sort(), [1, 2, 3]);
    for (const e of events) {
      assert.equal(e.type, 'layer');
      if (e.type !== 'layer') continue;
      assert.equal(e.image, 'test/image');
      assert.equal(e.count, specs.length);
      assert.equal(e.cached, false);
    }
    assert.deepEqual(
      events.map((e) => (e.type === 'layer' ? e.bytes : -1)).sort((a, b) => a - b),
      layers.map((m) => m.layer.descriptor.size).sort((a, b) => a - b),
    );
    assert.deepEqual(await stagingLeftovers(bucket), [], 'no staged files are left behind');
  });

  it('reuses every layer on a second run without packing or writing anything', async () => {
    const bucket = await scratch.freshBucket();
    const first = await materialise(bucket, testSpecs());
    const before = await snapshot(bucket);

    const specs = testSpecs();
    const second = await materialise(bucket, specs);
    assert.deepEqual(
      specs.map((s) => s.packs),
      [0, 0, 0],
    );
    for (const [i, m] of second.layers.entries()) {
      assert.equal(m.cached, true);
      assert.equal(m.packedBytes, 0);
      assert.deepEqual(m.layer, first.layers[i]!.layer);
    }
    assert.ok(second.events.every((e) => e.type === 'layer' && e.cached && e.count === specs.length));
    assert.deepEqual(await snapshot(bucket), before);
    assert.deepEqual(await stagingLeftovers(bucket), []);
  });

  it('gives a new target copies of the cached blobs, packing nothing again', async () => {
    const bucket = await scratch.freshBucket();
    const first = await materialise(bucket, testSpecs());
    const before = await snapshot(bucket);
    const newcomer = await scratch.freshBucket();

    const specs = testSpecs();
    const second = await materialise(bucket, specs, newcomer);
    assert.deepEqual(
      specs.map((s) => s.packs),
      [0, 0, 0],
    );
    assert.ok(second.layers.every((m) => m.cached && m.packedBytes === 0));
    for (const m of first.layers) {
      const copy = await newcomer.readBytes(blobKey(m.layer.descriptor.digest));
      assert.ok(copy, 'the new target holds every layer');
      assert.equal(sha256Digest(copy), m.layer.descriptor.digest);
    }
    assert.deepEqual(await snapshot(bucket), before, 'the cache bucket is only read');
    assert.deepEqual(await stagingLeftovers(bucket), []);
    assert.deepEqual(await stagingLeftovers(newcomer), []);
  });

  it('packs again only the layer whose blob went missing from the bucket', async () => {
    const bucket = await scratch.freshBucket();
    const first = await materialise(bucket, testSpecs());
    const lost = first.layers[1]!.layer.descriptor.digest;
    await rm(bucket.localPath(blobKey(lost)));
    assert.equal(await bucket.readBytes(blobKey(lost)), null);

    const specs = testSpecs();
    const third = await materialise(bucket, specs);
    assert.deepEqual(
      specs.map((s) => s.packs),
      [0, 1, 0],
    );
    assert.deepEqual(
      third.layers.map((m) => m.cached),
      [true, false, true],
    );
    assert.equal(third.layers[0]!.packedBytes, 0);
    assert.ok(third.layers[1]!.packedBytes > 0);
    assert.equal(third.layers[1]!.layer.descriptor.digest, lost, 'packing is deterministic: the same blob comes back');
    const restored = await bucket.readBytes(blobKey(lost));
    assert.ok(restored);
    assert.equal(sha256Digest(restored), lost);
    assert.equal(third.events.filter((e) => e.type === 'layer' && !e.cached).length, 1);
  });
});

describe('materialiseLayers, two images at once', () => {
  it('packs a layer both images share once: the later one finds it in the cache', async () => {
    const bucket = await scratch.freshBucket();
    const cache = new BuildCache(bucket);
    const target = new BucketTarget(new ImageStore(bucket));
    const [specsA, specsB] = [testSpecs(), testSpecs()];
    const run = (specs: LayerSpec[], image: string) =>
      materialiseLayers(image, { layers: specs, env: [], compression: 'gzip' }, MATERIALISE_SETTINGS, cache, target, () => {});
    const [a, b] = await Promise.all([run(specsA, 'image/a'), run(specsB, 'image/b')]);
    assert.deepEqual(
      specsA.map((s, i) => s.packs + specsB[i]!.packs),
      [1, 1, 1],
    );
    assert.deepEqual(
      a.map((m) => m.layer),
      b.map((m) => m.layer),
    );
    assert.equal(a.filter((m) => m.cached).length + b.filter((m) => m.cached).length, 3);
  });
});
