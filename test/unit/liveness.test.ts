import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { ImageStore } from '../../src/storage/image-store.ts';
import { CollectedBlobError, readSweepRecords, removeSweepRecord, writeSweepRecord } from '../../src/storage/liveness.ts';
import { blobKey, tagKey } from '../../src/storage/layout.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

// The builder's side of the gc protocol, step by step against a folder bucket: the interleavings the race test
// can only hope to hit, forced here by writing a collector's sweep record by hand.

const scratch = scratchBuckets('nixery-liveness-');

function blob(mediaType: string, bytes: Buffer): { descriptor: Descriptor; bytes: Buffer } {
  return { descriptor: { mediaType, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length }, bytes };
}

async function storedImage(store: ImageStore) {
  const layer = blob('application/vnd.oci.image.layer.v1.tar', Buffer.from('layer bytes'));
  const config = blob('application/vnd.oci.image.config.v1+json', Buffer.from('{"os":"linux"}'));
  const manifest = blob(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(JSON.stringify({ schemaVersion: 2, config: config.descriptor, layers: [layer.descriptor] })),
  );
  for (const part of [layer, config, manifest]) await store.putBlobBytes(part.descriptor, part.bytes);
  return { layer, config, manifest };
}

describe('keeping blobs alive while a collector sweeps', () => {
  it('a tag waits while a running collector names its layer, and is refused when the layer is then deleted', async () => {
    const storage = await scratch.freshBucket();
    const store = new ImageStore(storage);
    const { layer, manifest } = await storedImage(store);
    await writeSweepRecord(storage, { id: 'c1', leaseMs: 60_000, candidates: [layer.descriptor.digest] });
    let settled = false;
    const tagging = store.tag('app', 'v1', manifest.descriptor).finally(() => {
      settled = true;
    });
    await delay(800);
    assert.equal(settled, false, 'the tag is not written while the record names the layer');
    assert.equal(await storage.stat(tagKey('app', 'v1')), null);
    // The collector deletes it, then removes its record.
    await storage.delete(blobKey(layer.descriptor.digest));
    await removeSweepRecord(storage, 'c1');
    await assert.rejects(tagging, (error: unknown) => error instanceof CollectedBlobError && error.digest === layer.descriptor.digest);
    assert.equal(await storage.stat(tagKey('app', 'v1')), null, 'nothing was tagged');
  });

  it('a tag goes ahead once the collector spared the layer and removed its record', async () => {
    const storage = await scratch.freshBucket();
    const store = new ImageStore(storage);
    const { layer, manifest } = await storedImage(store);
    await writeSweepRecord(storage, { id: 'c2', leaseMs: 60_000, candidates: [layer.descriptor.digest] });
    const tagging = store.tag('app', 'v1', manifest.descriptor);
    await delay(600);
    await removeSweepRecord(storage, 'c2');
    await tagging;
    assert.equal((await store.resolveTag('app', 'v1'))?.digest, manifest.descriptor.digest);
  });

  it('a record whose lease ran out since it was first seen holds nobody up; one naming other blobs never does', async () => {
    const storage = await scratch.freshBucket();
    const store = new ImageStore(storage);
    const { layer, manifest } = await storedImage(store);
    await writeSweepRecord(storage, { id: 'other', leaseMs: 60_000, candidates: [`sha256:${'0'.repeat(64)}`] });
    await store.tag('app', 'v0', manifest.descriptor);
    await writeSweepRecord(storage, { id: 'dead', leaseMs: 1200, candidates: [layer.descriptor.digest] });
    const started = performance.now();
    await store.tag('app', 'v1', manifest.descriptor);
    assert.ok(performance.now() - started >= 1100, 'waited for the lease');
    assert.equal((await readSweepRecords(storage)).length, 2, "records are the collectors' to remove");
  });

  it("reuse touches: a blob found present gets a new modification time, a reader's check does not", async () => {
    const storage = await scratch.freshBucket();
    const store = new ImageStore(storage);
    const { layer } = await storedImage(store);
    const time = async () => (await storage.listObjects(blobKey(layer.descriptor.digest)))[0]!.modified;
    const before = await time();
    await delay(30);
    assert.equal(await store.hasBlob(layer.descriptor.digest), true);
    assert.equal(await time(), before, 'hasBlob only reads');
    assert.equal(await store.putBlobBytes(layer.descriptor, layer.bytes), 0);
    assert.ok((await time()) > before, 'a skipped upload refreshed the mark');
  });
});
