import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { INDEX_KEY, tagKey } from '../../src/storage/layout.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

// An unreadable tag object is an unknown tag with a warning; a failed index refresh after tagging is a warning
// with the repair command; repairIndex says what it changed.

const scratch = scratchBuckets('nixery-image-store-hardening-');

async function storeWithManifest(storage: FilesystemStorage, warnings: string[]): Promise<{ store: ImageStore; manifest: Descriptor }> {
  const store = new ImageStore(storage, { onWarning: (message) => warnings.push(message) });
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [] }));
  const manifest = { mediaType: MediaType.ociManifest, digest: sha256Digest(bytes), size: bytes.length };
  await store.putBlobBytes(manifest, bytes);
  return { store, manifest };
}

/** A folder bucket whose index.json writes fail, as a full disk or a lost connection would make them. */
class IndexWriteFails extends FilesystemStorage {
  override async writeBytes(key: string, data: Buffer): Promise<void> {
    if (key === INDEX_KEY) throw new Error('disk full');
    return super.writeBytes(key, data);
  }
}

describe('ImageStore with bad objects', () => {
  for (const [what, bytes] of [
    ['wrong fields', '{"digest": 5}'],
    ['not JSON', '{"mediaType":"application/vnd.oci.image.manifest.v1+json","dig'],
    ['empty', ''],
    ['null', 'null'],
    ['a digest that is no sha256 digest', '{"mediaType":"x","digest":"sha256:../../etc","size":1}'],
  ] as const) {
    it(`a tag record that is ${what} is an unknown tag, with a warning naming the object`, async () => {
      const warnings: string[] = [];
      const { store } = await storeWithManifest(await scratch.freshBucket(), warnings);
      await store.storage.writeBytes(tagKey('git', 'broken'), Buffer.from(bytes));
      assert.equal(await store.resolveTag('git', 'broken'), null);
      assert.equal(warnings.length, 1);
      assert.ok(warnings[0]!.includes(tagKey('git', 'broken')), warnings[0]);
    });
  }

  it('a failed index refresh after the tags are written is a warning naming the repair command', async () => {
    const warnings: string[] = [];
    const bucket = await scratch.freshBucket();
    const { store, manifest } = await storeWithManifest(new IndexWriteFails(bucket.location), warnings);
    await store.tagAll('shell/hello', ['v1'], manifest);
    assert.deepEqual(await store.resolveTag('shell/hello', 'v1'), manifest, 'the tag is written');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /shell\/hello:v1 is stored and tagged.*disk full.*nixery index --repair --storage /);

    const repaired = await new ImageStore(bucket).repairIndex();
    assert.equal(repaired.rewritten, true);
    assert.deepEqual([...repaired.after], [['shell/hello:v1', manifest.digest]]);
    assert.deepEqual([...repaired.before], []);
    assert.equal((await new ImageStore(bucket).repairIndex()).rewritten, false, 'a second repair changes nothing');
  });
});
