import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.ts';
import { parseImageName } from '../../src/image/name.ts';
import { isSystemUnavailable, systemUnavailableHelp } from '../../src/nix/system.ts';
import type { ResolvedSource } from '../../src/nix/resolve-source.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import { platformManifestsOf, serializeImageIndex } from '../../src/oci/index.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { assembleIndex } from '../../src/pipeline/assemble.ts';
import { mergeIntoIndex } from '../../src/pipeline/merge-platforms.ts';
import { platformImages } from '../../src/pipeline/resolve.ts';
import type { ResolvedImage } from '../../src/pipeline/resolve.ts';
import { describeImage, indexEntriesOf } from '../../src/registry/page-model.ts';
import { renderRepositoryPage } from '../../src/registry/page-repository.ts';
import type { BuildSettings } from '../../src/settings/build-settings.ts';
import { parsePlatforms } from '../../src/settings/rules.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { platformRecordKey } from '../../src/storage/layout.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';
import type { ImageTarget } from '../../src/targets/target.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

const scratch = scratchBuckets('nixery-multi-arch-');

function manifestDescriptor(seed: string): { descriptor: Descriptor; bytes: Buffer } {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociManifest, seed }));
  return { descriptor: { mediaType: MediaType.ociManifest, digest: sha256Digest(bytes), size: bytes.length }, bytes };
}

const AMD = manifestDescriptor('amd64').descriptor;
const ARM = manifestDescriptor('arm64').descriptor;

describe('parsePlatforms', () => {
  it('reads docker-style platform lists, de-duplicated, in the order given', () => {
    assert.deepEqual(parsePlatforms('linux/amd64,linux/arm64'), ['amd64', 'arm64']);
    assert.deepEqual(parsePlatforms(' linux/arm64/v8 , linux/amd64, linux/arm64 '), ['arm64', 'amd64']);
    assert.deepEqual(parsePlatforms('LINUX/ARM64'), ['arm64']);
  });

  it('names what it cannot build, as the user spelled the setting', () => {
    for (const bad of ['linux/s390x', 'windows/amd64', 'arm64', 'linux/arm64/v7', 'linux/amd64/v3', 'linux/arm64/v8/x']) {
      assert.throws(
        () => parsePlatforms(bad, 'platforms'),
        (error: unknown) => error instanceof UsageError && error.message.startsWith(`platforms: "${bad}" is not a platform nixery builds`),
        bad,
      );
    }
    assert.throws(() => parsePlatforms(' , '), /--platform is empty/);
  });
});

describe('serializeImageIndex and assembleIndex', () => {
  it('lists one manifest per platform with its platform, arm64 with variant v8', () => {
    const index = JSON.parse(
      serializeImageIndex([
        { manifest: AMD, architecture: 'amd64' },
        { manifest: ARM, architecture: 'arm64' },
      ]).toString(),
    );
    assert.deepEqual(index, {
      schemaVersion: 2,
      mediaType: MediaType.ociIndex,
      manifests: [
        { ...AMD, platform: { os: 'linux', architecture: 'amd64' } },
        { ...ARM, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
  });

  it('gives the same bytes whatever order the platforms were built or merged in', () => {
    const a = assembleIndex([
      { manifest: ARM, architecture: 'arm64' },
      { manifest: AMD, architecture: 'amd64' },
    ]);
    const b = assembleIndex([
      { manifest: AMD, architecture: 'amd64' },
      { manifest: ARM, architecture: 'arm64' },
    ]);
    assert.deepEqual(a.bytes, b.bytes);
    assert.equal(a.descriptor.mediaType, MediaType.ociIndex);
    assert.equal(a.descriptor.digest, sha256Digest(a.bytes));
  });

  it('takes the index’s own annotations, sorted by key', () => {
    const index = JSON.parse(assembleIndex([{ manifest: AMD, architecture: 'amd64' }], { 'z.b': '2', 'a.a': '1' }).bytes.toString());
    assert.deepEqual(Object.keys(index.annotations), ['a.a', 'z.b']);
    assert.equal(JSON.parse(assembleIndex([{ manifest: AMD, architecture: 'amd64' }]).bytes.toString()).annotations, undefined);
  });

  it('refuses two manifests for one platform', () => {
    assert.throws(
      () =>
        serializeImageIndex([
          { manifest: AMD, architecture: 'amd64' },
          { manifest: ARM, architecture: 'amd64' },
        ]),
      /two manifests for amd64/,
    );
  });

  it('reads the platform manifests back, leaving out entries it did not write', () => {
    const bytes = serializeImageIndex([
      { manifest: AMD, architecture: 'amd64' },
      { manifest: ARM, architecture: 'arm64' },
    ]);
    assert.deepEqual(platformManifestsOf(bytes), [
      { manifest: AMD, architecture: 'amd64' },
      { manifest: ARM, architecture: 'arm64' },
    ]);
    const foreign = Buffer.from(
      JSON.stringify({ manifests: [{ ...AMD, platform: { os: 'windows', architecture: 'amd64' } }, { nope: 1 }] }),
    );
    assert.deepEqual(platformManifestsOf(foreign), []);
    assert.deepEqual(platformManifestsOf(Buffer.from('{not json')), []);
  });
});

describe('platformImages', () => {
  const source: ResolvedSource = {
    source: { kind: 'nixpkgs', commit: 'a'.repeat(40) },
    packageSetExpr: 'system: { }',
    pinned: true,
    cacheId: `nixpkgs:${'a'.repeat(40)}`,
  };
  const settings = (platforms?: BuildSettings['platforms']): BuildSettings => ({
    source: source.source,
    budget: 10,
    compression: 'gzip',
    timeoutMs: 1000,
    ...(platforms ? { platforms } : {}),
  });
  const image = (raw: string): ResolvedImage => ({ name: parseImageName(raw), tags: ['t'], source, manifestCacheId: 'x' });

  it('is the name’s own platform unless platforms are named, each with its own manifest-cache key', () => {
    assert.deepEqual(
      platformImages(image('hello'), settings()).map((i) => i.name.arch),
      ['amd64'],
    );
    const both = platformImages(image('hello'), settings(['amd64', 'arm64']));
    assert.deepEqual(
      both.map((i) => [i.name.arch, i.name.canonical]),
      [
        ['amd64', 'hello'],
        ['arm64', 'hello'],
      ],
    );
    assert.notEqual(both[0]!.manifestCacheId, both[1]!.manifestCacheId);
    assert.match(both[1]!.manifestCacheId ?? '', /^[0-9a-f]{64}$/);
  });

  it('keeps the arm64 meta-package, and refuses it with other platforms', () => {
    assert.deepEqual(
      platformImages(image('arm64/hello'), settings()).map((i) => i.name.arch),
      ['arm64'],
    );
    assert.deepEqual(
      platformImages(image('arm64/hello'), settings(['arm64'])).map((i) => i.name.arch),
      ['arm64'],
    );
    assert.throws(() => platformImages(image('arm64/hello'), settings(['amd64', 'arm64'])), /builds linux\/arm64 only/);
  });
});

describe('platform records in the bucket', () => {
  it('lists each recorded platform whose manifest is stored, and skips the rest', async () => {
    const store = new ImageStore(await scratch.freshBucket(), { onWarning: (m) => warnings.push(m) });
    const warnings: string[] = [];
    const amd = manifestDescriptor('amd64');
    await store.putBlobBytes(amd.descriptor, amd.bytes);
    await store.putPlatformRecord('hello', 'v1', { manifest: amd.descriptor, architecture: 'amd64' });
    await assert.rejects(store.putPlatformRecord('hello', 'v1', { manifest: ARM, architecture: 'arm64' }), /is not in/);
    // A record whose manifest has gone (swept, say) and a damaged record are both left out.
    await store.storage.writeBytes(platformRecordKey('hello', 'v1', 'arm64'), Buffer.from(JSON.stringify(ARM)));
    assert.deepEqual(await store.platformRecords('hello', 'v1'), [{ manifest: amd.descriptor, architecture: 'amd64' }]);
    await store.storage.writeBytes(platformRecordKey('hello', 'v1', 'arm64'), Buffer.from('{cut'));
    assert.deepEqual(await store.platformRecords('hello', 'v1'), [{ manifest: amd.descriptor, architecture: 'amd64' }]);
    assert.match(warnings.join('\n'), /is not a record; arm64 is left out of hello:v1/);
    assert.deepEqual(await store.platformRecords('hello', 'v2'), []);
    // Records are not tags.
    assert.deepEqual(await store.listTaggedImages(), []);
  });
});

describe('a runner that cannot build a platform', () => {
  const log = [
    "error: a 'aarch64-linux' with features {} is required to build '/nix/store/x-hello.drv', but I am a 'x86_64-linux' with features {kvm}",
  ];

  it('is recognised from Nix’s log for that system only', () => {
    assert.equal(isSystemUnavailable(log, 'aarch64-linux'), true);
    assert.equal(isSystemUnavailable(log, 'x86_64-linux'), false);
    assert.equal(isSystemUnavailable(['error: builder for hello failed with exit code 1'], 'aarch64-linux'), false);
  });

  it('gets help naming the three ways', () => {
    const help = systemUnavailableHelp('aarch64-linux');
    assert.match(help, /\(1\) substitution.*\(2\) emulation.*extra-platforms = aarch64-linux.*\(3\) native runners/);
  });
});

describe('the page for an index', () => {
  it('reads each platform an index lists, and shows each with its layers', () => {
    const indexBytes = serializeImageIndex([
      { manifest: AMD, architecture: 'amd64' },
      { manifest: ARM, architecture: 'arm64' },
    ]);
    assert.deepEqual(indexEntriesOf(indexBytes), [
      { digest: AMD.digest, platform: 'linux/amd64' },
      { digest: ARM.digest, platform: 'linux/arm64/v8' },
    ]);
    const index = describeImage(sha256Digest(indexBytes), ['multi'], MediaType.ociIndex, indexBytes, null);
    const child = (digest: string, architecture: string) => ({
      ...describeImage(digest, [], MediaType.ociManifest, Buffer.from(JSON.stringify({ layers: [] })), Buffer.from('{}')),
      os: 'linux',
      architecture,
    });
    index.platforms = [child(AMD.digest, 'amd64'), child(ARM.digest, 'arm64/v8')];
    const html = renderRepositoryPage({ name: 'hello', images: [index], omittedTags: 0, sharingComplete: true }, 'h:1');
    assert.match(html, /<dt>platforms<\/dt><dd>linux\/amd64, linux\/arm64\/v8<\/dd>/);
    assert.match(html, /<section class="platform" data-platform="linux\/arm64\/v8">\n<h3>linux\/arm64\/v8<\/h3>/);
    assert.ok(html.includes(ARM.digest));
  });
});

describe('mergeIntoIndex', () => {
  it('records its platform and rewrites the tag until it lists every recorded platform, even after a stale late write', async () => {
    const store = new ImageStore(await scratch.freshBucket());
    const amd = manifestDescriptor('amd64');
    const arm = manifestDescriptor('arm64');
    for (const m of [amd, arm]) await store.putBlobBytes(m.descriptor, m.bytes);
    // The amd64 job has already recorded its platform and tagged an index of it alone.
    await store.putPlatformRecord('hello', 'v1', { manifest: amd.descriptor, architecture: 'amd64' });
    const amdOnly = assembleIndex([{ manifest: amd.descriptor, architecture: 'amd64' }]);
    await store.putBlobBytes(amdOnly.descriptor, amdOnly.bytes);
    await store.tagAll('hello', ['v1'], amdOnly.descriptor);

    // The arm64 job merges; right after its first tag write, the amd64 job's late write of its older index lands.
    const bucket = new BucketTarget(store);
    let tagWrites = 0;
    const racing: ImageTarget = {
      location: bucket.location,
      consumesFiles: bucket.consumesFiles,
      hasBlob: (n, b) => bucket.hasBlob(n, b),
      stagingDir: () => bucket.stagingDir(),
      putBlobFile: (n, b, f) => bucket.putBlobFile(n, b, f),
      putBlobBytes: (n, b, bytes) => bucket.putBlobBytes(n, b, bytes),
      putManifest: (n, m, bytes) => bucket.putManifest(n, m, bytes),
      putReferrer: (n, subject, referrer, bytes) => bucket.putReferrer(n, subject, referrer, bytes),
      tag: async (n, tags, m, bytes) => {
        await bucket.tag(n, tags, m, bytes);
        if (++tagWrites === 1) await store.tagAll('hello', ['v1'], amdOnly.descriptor);
      },
    };
    const image: ResolvedImage = {
      name: parseImageName('hello'),
      tags: ['v1'],
      source: { source: { kind: 'path', path: '/x' }, packageSetExpr: 'system: { }', pinned: false, cacheId: 'path:/x' },
      manifestCacheId: null,
    };
    const index = await mergeIntoIndex(image, [{ manifest: arm.descriptor, architecture: 'arm64' }], store, racing);
    assert.equal(tagWrites, 2, 'the stale write was noticed and repaired');
    assert.deepEqual(
      platformManifestsOf(index.bytes).map((e) => e.architecture),
      ['amd64', 'arm64'],
    );
    assert.equal((await store.resolveTag('hello', 'v1'))?.digest, index.descriptor.digest);
  });
});
