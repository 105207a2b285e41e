import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectGarbage } from '../../src/lifecycle/gc.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

// What gc counts as live beyond a plain tag: an index's platform manifests, and platform records that a matrix
// build left for a later merge. The folder bucket and the collector are real; grace 0 since nothing else runs.

const scratch = scratchBuckets('nixery-gc-roots-');

function blob(mediaType: string, bytes: Buffer): { descriptor: Descriptor; bytes: Buffer } {
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length }, bytes };
}

async function platformImage(target: BucketTarget, seed: string): Promise<{ manifest: Descriptor; all: string[] }> {
  const layer = blob('application/vnd.oci.image.layer.v1.tar', Buffer.from(`layer ${seed}`));
  const config = blob('application/vnd.oci.image.config.v1+json', Buffer.from(`{"seed":"${seed}"}`));
  const manifest = blob(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(JSON.stringify({ schemaVersion: 2, config: config.descriptor, layers: [layer.descriptor] })),
  );
  await target.putBlobBytes('app', layer.descriptor, layer.bytes);
  await target.putBlobBytes('app', config.descriptor, config.bytes);
  await target.putManifest('app', manifest.descriptor, manifest.bytes);
  return { manifest: manifest.descriptor, all: [manifest, config, layer].map((b) => b.descriptor.digest) };
}

describe('gc roots', () => {
  it('keeps an index with its platform manifests and a platform record waiting to be merged; untag releases the record', async () => {
    const storage = await scratch.freshBucket();
    const store = new ImageStore(storage);
    const target = new BucketTarget(store);
    const amd64 = await platformImage(target, 'amd64');
    const arm64 = await platformImage(target, 'arm64');
    const index = blob(
      'application/vnd.oci.image.index.v1+json',
      Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [amd64.manifest, arm64.manifest] })),
    );
    await target.putManifest('app', index.descriptor, index.bytes);
    await target.tag('app', ['v1'], index.descriptor, index.bytes);
    const pending = await platformImage(target, 'pending');
    await store.putPlatformRecord('app', 'v2', { manifest: pending.manifest, architecture: 'amd64' });
    const garbage = await platformImage(target, 'garbage');

    const first = await collectGarbage(storage, { graceMs: 0 });
    assert.equal(first.blobs.objects, 3, 'only the untagged image goes');
    for (const digest of garbage.all) assert.equal(await store.hasBlob(digest), false);
    for (const digest of [index.descriptor.digest, ...amd64.all, ...arm64.all, ...pending.all]) {
      assert.equal(await store.hasBlob(digest), true, `${digest} is live`);
    }

    await store.untag('app', ['v2']);
    assert.deepEqual(await storage.list('repositories/app/_platforms/'), [], 'the record went with its tag');
    const second = await collectGarbage(storage, { graceMs: 0 });
    assert.equal(second.blobs.objects, 3, 'now the pending platform image goes too');
    for (const digest of pending.all) assert.equal(await store.hasBlob(digest), false);
  });
});
