import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STORE_PATHS_HISTORY_PREFIX } from '../../src/oci/config.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { serializeImageIndex } from '../../src/oci/index.ts';
import type { Arch } from '../../src/oci/platform.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { KNOWN_IMAGES_LIMIT, readKnownImages } from '../../src/pipeline/known-layers.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { tagKey } from '../../src/storage/layout.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

// The plan stage's view of a bucket (a real folder bucket): the store layers of the images in it, read from
// their configs, nearest images first and at most KNOWN_IMAGES_LIMIT of them.

const scratch = scratchBuckets('nixery-known-layers-');
const p = (name: string): string => `/nix/store/${name.padEnd(32, '0').slice(0, 32)}-${name}`;

async function putJson(store: ImageStore, value: unknown, mediaType: string): Promise<Descriptor> {
  const bytes = Buffer.from(JSON.stringify(value));
  const descriptor = { mediaType, digest: sha256Digest(bytes), size: bytes.length };
  await store.putBlobBytes(descriptor, bytes);
  return descriptor;
}

/**
 * An image whose config names `layers` (plus the customisation layer, which names no store paths). Tag objects are
 * written directly, so many images need one index refresh (`store.repairIndex()`), not one each.
 */
async function putImage(store: ImageStore, name: string, tag: string, layers: string[][], refresh = true): Promise<void> {
  const manifest = await putManifest(store, layers, 'amd64');
  if (refresh) await store.tag(name, tag, manifest);
  else await store.storage.writeBytes(tagKey(name, tag), Buffer.from(JSON.stringify(manifest)));
}

async function putManifest(store: ImageStore, layers: string[][], architecture: Arch): Promise<Descriptor> {
  const history = [
    ...layers.map((paths) => ({ created_by: STORE_PATHS_HISTORY_PREFIX + paths.join(' ') })),
    { created_by: 'nixery customisation layer: symlink farm, /etc files, /tmp' },
  ];
  const config = await putJson(store, { architecture, os: 'linux', history }, MediaType.ociConfig);
  return putJson(store, { schemaVersion: 2, config, layers: [] }, MediaType.ociManifest);
}

describe('readKnownImages', () => {
  it("reads each image's store layers in its own order, once per manifest", async () => {
    const store = new ImageStore(await scratch.freshBucket());
    await putImage(store, 'shell/git', 'v1', [[p('libc')], [p('git'), p('perl')]]);
    await store.tag('shell/git', 'v2', (await store.resolveTag('shell/git', 'v1'))!);
    await putImage(store, 'jq', 'v1', [[p('libc'), p('jq')]]);
    const known = await readKnownImages(store, 'shell/git', ['v3']);
    assert.deepEqual(known, [[[p('libc')], [p('git'), p('perl')]], [[p('libc'), p('jq')]]]);
  });

  it('skips images whose config is missing or damaged, and an empty bucket has none', async () => {
    const store = new ImageStore(await scratch.freshBucket());
    assert.deepEqual(await readKnownImages(store, 'hello'), []);
    await putImage(store, 'hello', 'v1', [[p('hello')]]);
    const broken = await putJson(
      store,
      { schemaVersion: 2, config: { mediaType: MediaType.ociConfig, digest: sha256Digest(Buffer.from('gone')), size: 4 } },
      MediaType.ociManifest,
    );
    await store.tag('broken', 'v1', broken);
    assert.deepEqual(await readKnownImages(store, 'hello'), [[[p('hello')]]]);
  });

  it("reads an image index's manifest for the platform being built, and no other platform's", async () => {
    const store = new ImageStore(await scratch.freshBucket());
    const amd64 = await putManifest(store, [[p('amdlibc')]], 'amd64');
    const arm64 = await putManifest(store, [[p('armlibc')]], 'arm64');
    const bytes = serializeImageIndex([
      { manifest: amd64, architecture: 'amd64' },
      { manifest: arm64, architecture: 'arm64' },
    ]);
    const index = { mediaType: MediaType.ociIndex, digest: sha256Digest(bytes), size: bytes.length };
    await store.putBlobBytes(index, bytes);
    await store.tag('hello', 'v1', index);
    await putImage(store, 'jq', 'v1', [[p('jq')]]);
    assert.deepEqual(await readKnownImages(store, 'hello', ['v1'], 'arm64'), [[[p('armlibc')]]]);
    assert.deepEqual(await readKnownImages(store, 'hello', ['v1'], 'amd64'), [[[p('amdlibc')]], [[p('jq')]]]);
  });

  it('plans with a snapshot of the tags when given one, not with tags written since', async () => {
    const store = new ImageStore(await scratch.freshBucket());
    await putImage(store, 'hello', 'v1', [[p('hello')]]);
    const snapshot = await store.indexedImages();
    await putImage(store, 'jq', 'v1', [[p('jq')]]);
    assert.deepEqual(await readKnownImages(store, 'jq', ['v1'], 'amd64', snapshot), [[[p('hello')]]]);
    assert.deepEqual(await readKnownImages(store, 'jq', ['v1'], 'amd64'), [[[p('jq')]], [[p('hello')]]]);
  });

  it('reads at most the limit, its own tags and name first, then the names sharing most packages', async () => {
    const store = new ImageStore(await scratch.freshBucket());
    for (let i = 0; i < KNOWN_IMAGES_LIMIT + 4; i++) await putImage(store, `a${String(i).padStart(3, '0')}`, 'v1', [[p(`a${i}`)]], false);
    await putImage(store, 'shell/zz', 'v1', [[p('zzshared')]], false);
    await putImage(store, 'zz', 'old', [[p('zzold')]], false);
    await putImage(store, 'zz', 'pr-9', [[p('zzown')]], false);
    await store.repairIndex();
    const known = await readKnownImages(store, 'zz', ['pr-9']);
    assert.equal(known.length, KNOWN_IMAGES_LIMIT);
    assert.deepEqual(known.slice(0, 3), [[[p('zzown')]], [[p('zzold')]], [[p('zzshared')]]]);
    // Sorted by name the three would come last: without the nearness order they would not be read at all.
    assert.ok(!known.some((layers) => layers[0]![0] === p(`a${KNOWN_IMAGES_LIMIT + 3}`)));
  });
});
