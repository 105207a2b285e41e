import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BuildCache, layerCacheId, manifestCacheId } from '../../src/pipeline/cache.ts';
import type { CachedLayer, ManifestCacheInput } from '../../src/pipeline/cache.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';
import { layerCacheKey, manifestCacheKey } from '../../src/storage/layout.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';

const scratch = scratchBuckets('nixery-cache-');
const freshStorage = scratch.freshBucket;

const BASE: ManifestCacheInput = {
  sourceId: 'nixpkgs-commit:0123abcd',
  arch: 'amd64',
  packages: ['git', 'htop'],
  budget: 100,
  compression: 'gzip',
};

const LAYER: CachedLayer = {
  descriptor: { mediaType: MediaType.ociLayerGzip, digest: sha256Digest('compressed'), size: 10 },
  diffId: sha256Digest('uncompressed'),
  uncompressedSize: 12,
};

const MANIFEST: Descriptor = { mediaType: MediaType.ociManifest, digest: sha256Digest('manifest'), size: 321 };

describe('manifestCacheId', () => {
  it('is a sha256 hex string and stable for equal input', () => {
    const id = manifestCacheId(BASE);
    assert.match(id, /^[a-f0-9]{64}$/);
    assert.equal(manifestCacheId({ ...BASE, packages: [...BASE.packages] }), id);
  });

  it('does not depend on package order', () => {
    assert.equal(manifestCacheId({ ...BASE, packages: ['htop', 'git'] }), manifestCacheId(BASE));
  });

  it("does not depend on the order of the input object's fields, or on extra fields", () => {
    const reordered: ManifestCacheInput = {
      compression: BASE.compression,
      budget: BASE.budget,
      packages: BASE.packages,
      arch: BASE.arch,
      sourceId: BASE.sourceId,
    };
    assert.equal(manifestCacheId(reordered), manifestCacheId(BASE));
    const withExtra = { ...BASE, progress: 'ignored' };
    assert.equal(manifestCacheId(withExtra), manifestCacheId(BASE));
  });

  it('differs when any part differs: arch, compression, budget, source, packages', () => {
    const variants: ManifestCacheInput[] = [
      BASE,
      { ...BASE, arch: 'arm64' },
      { ...BASE, compression: 'zstd' },
      { ...BASE, compression: 'none' },
      { ...BASE, budget: 99 },
      { ...BASE, sourceId: 'nixpkgs-commit:ffff' },
      { ...BASE, packages: ['git'] },
      { ...BASE, packages: ['git', 'htop', 'jq'] },
      // No ambiguous joins: the same characters split differently are different package lists.
      { ...BASE, packages: ['git/htop'] },
      { ...BASE, packages: ['gi', 'thtop'] },
    ];
    const ids = variants.map(manifestCacheId);
    assert.equal(new Set(ids).size, variants.length);
  });
});

describe('layerCacheId', () => {
  it('does not depend on store path order', () => {
    assert.equal(
      layerCacheId('gzip', { storePaths: ['/nix/store/b-x', '/nix/store/a-y'] }),
      layerCacheId('gzip', { storePaths: ['/nix/store/a-y', '/nix/store/b-x'] }),
    );
  });

  it('differs by compression and by content', () => {
    const paths = { storePaths: ['/nix/store/a-y'] };
    const ids = [
      layerCacheId('gzip', paths),
      layerCacheId('zstd', paths),
      layerCacheId('none', paths),
      layerCacheId('gzip', { storePaths: ['/nix/store/a-z'] }),
      layerCacheId('gzip', { storePaths: ['/nix/store/a-y', '/nix/store/b-x'] }),
      layerCacheId('gzip', { entriesHash: 'abc' }),
      layerCacheId('gzip', { entriesHash: 'abd' }),
      layerCacheId('zstd', { entriesHash: 'abc' }),
    ];
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-f0-9]{64}$/);
  });

  it('keys synthetic layers by their entries hash only', () => {
    const withExtra = { entriesHash: 'abc', note: 'ignored' };
    assert.equal(layerCacheId('gzip', withExtra), layerCacheId('gzip', { entriesHash: 'abc' }));
  });
});

const SBOM = { mediaType: 'application/vnd.cyclonedx+json', digest: sha256Digest('sbom'), size: 4 };

describe('BuildCache', () => {
  it('round-trips layer and manifest entries under their layout keys', async () => {
    const storage = await freshStorage();
    const cache = new BuildCache(storage);
    const layerId = layerCacheId('gzip', { storePaths: ['/nix/store/a-y'] });
    const manifestId = manifestCacheId(BASE);

    assert.equal(await cache.getLayer(layerId), null);
    assert.equal(await cache.getManifest(manifestId), null);

    await cache.putLayer(layerId, LAYER);
    await cache.putManifest(manifestId, { manifest: MANIFEST, sbom: SBOM, licenses: 'MIT' });
    assert.deepEqual(await cache.getLayer(layerId), LAYER);
    assert.deepEqual(await cache.getManifest(manifestId), { manifest: MANIFEST, sbom: SBOM, licenses: 'MIT' });
    assert.ok(await storage.stat(layerCacheKey(layerId)));
    assert.ok(await storage.stat(manifestCacheKey(manifestId)));

    // The two caches do not share entries.
    assert.equal(await cache.getLayer(manifestId), null);
    assert.equal(await cache.getManifest(layerId), null);
  });

  it('treats corrupt or foreign entries as misses', async () => {
    const storage = await freshStorage();
    const cache = new BuildCache(storage);
    const id = 'a'.repeat(64);
    const corrupt: Array<[string, string]> = [
      ['truncated JSON', '{"descriptor": {"mediaType"'],
      ['not JSON', 'garbage'],
      ['empty', ''],
      ['null', 'null'],
      ['a number', '42'],
      ['a string', '"x"'],
      ['bad digest', JSON.stringify({ ...LAYER, descriptor: { ...LAYER.descriptor, digest: 'sha256:xyz' } })],
      ['bad diffId', JSON.stringify({ ...LAYER, diffId: 'md5:abc' })],
      ['missing size', JSON.stringify({ ...LAYER, uncompressedSize: undefined })],
      ['size as string', JSON.stringify({ ...LAYER, descriptor: { ...LAYER.descriptor, size: '10' } })],
    ];
    for (const [what, text] of corrupt) {
      await storage.writeBytes(layerCacheKey(id), Buffer.from(text));
      await storage.writeBytes(manifestCacheKey(id), Buffer.from(text));
      assert.equal(await cache.getLayer(id), null, `layer entry: ${what}`);
      assert.equal(await cache.getManifest(id), null, `manifest entry: ${what}`);
    }
    await storage.writeBytes(manifestCacheKey(id), Buffer.from(JSON.stringify({ ...MANIFEST, sbom: SBOM, digest: 'sha256:short' })));
    assert.equal(await cache.getManifest(id), null);
    // An entry from before SBOMs (no document to reuse) is a miss: the image is built again.
    await storage.writeBytes(manifestCacheKey(id), Buffer.from(JSON.stringify(MANIFEST)));
    assert.equal(await cache.getManifest(id), null);
  });

  it('replaces an entry on a second put', async () => {
    const storage = await freshStorage();
    const cache = new BuildCache(storage);
    const id = manifestCacheId(BASE);
    await cache.putManifest(id, { manifest: MANIFEST, sbom: SBOM });
    const newer = { ...MANIFEST, digest: sha256Digest('newer'), size: 400 };
    await cache.putManifest(id, { manifest: newer, sbom: SBOM });
    assert.deepEqual(await cache.getManifest(id), { manifest: newer, sbom: SBOM });
  });
});
