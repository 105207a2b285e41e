import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sha256Digest } from '../../src/oci/digest.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import type { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { blobKey } from '../../src/storage/layout.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';
import { fanOut } from '../../src/targets/fan-out.ts';
import { UploadMeter, meteredTarget } from '../../src/targets/upload-meter.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

const scratch = scratchBuckets('nixery-targets-');
/** The image every call here is about; a bucket shares one blob namespace, so any name would do. */
const NAME = 'shell/hello';

function blobOf(text: string, mediaType: string = MediaType.ociLayerGzip): { descriptor: Descriptor; bytes: Buffer } {
  const bytes = Buffer.from(text);
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length }, bytes };
}

interface Bucket {
  storage: FilesystemStorage;
  store: ImageStore;
  target: BucketTarget;
}

async function freshBucket(): Promise<Bucket> {
  const storage = await scratch.freshBucket();
  const store = new ImageStore(storage);
  return { storage, store, target: new BucketTarget(store) };
}

async function holds(bucket: Bucket, blob: Descriptor): Promise<boolean> {
  const bytes = await bucket.storage.readBytes(blobKey(blob.digest));
  return bytes !== null && sha256Digest(bytes) === blob.digest;
}

/** What a folder bucket's staging folder (.tmp) holds. */
async function staged(bucket: Bucket): Promise<string[]> {
  return (await readdir(path.join(bucket.storage.location, '.tmp')).catch(() => [])).sort();
}

/** Writes a finished blob file where the target says to stage it. */
async function stage(target: { stagingDir(): Promise<string> }, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(await target.stagingDir(), name);
  await writeFile(file, bytes);
  return file;
}

describe('fanOut', () => {
  it('holds a blob only when every target holds it', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const both = fanOut([a.target, b.target]);
    const blob = blobOf('layer bytes');
    assert.equal(await both.hasBlob(NAME, blob.descriptor), false);
    await a.store.putBlobBytes(blob.descriptor, blob.bytes);
    assert.equal(await both.hasBlob(NAME, blob.descriptor), false, 'only the first bucket holds it');
    assert.equal(await fanOut([b.target, a.target]).hasBlob(NAME, blob.descriptor), false, 'only the second bucket holds it');
    await b.store.putBlobBytes(blob.descriptor, blob.bytes);
    assert.equal(await both.hasBlob(NAME, blob.descriptor), true);
    assert.equal(
      await both.hasBlob(NAME, { ...blob.descriptor, size: blob.descriptor.size + 1 }),
      false,
      'a size mismatch is not the blob',
    );
  });

  it('names every target in its location and stages in the first', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const both = fanOut([a.target, b.target]);
    assert.equal(both.location, `${a.storage.location}, ${b.storage.location}`);
    assert.equal(await both.stagingDir(), await a.target.stagingDir());
  });

  it('puts a staged file into both buckets', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const both = fanOut([a.target, b.target]);
    const blob = blobOf('a layer for both buckets');
    const file = await stage(both, 'layer-new', blob.bytes);
    assert.equal(await both.putBlobFile(NAME, blob.descriptor, file), 2 * blob.descriptor.size);
    assert.ok(await holds(a, blob.descriptor));
    assert.ok(await holds(b, blob.descriptor));
    assert.deepEqual(await staged(a), [], 'the staged file and its copy were both consumed');
    assert.deepEqual(await staged(b), []);
  });

  it('leaves no copies in either staging folder when the first bucket already held the blob', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const blob = blobOf('already in the first bucket');
    await a.store.putBlobBytes(blob.descriptor, blob.bytes);
    const both = fanOut([a.target, b.target]);
    const file = await stage(both, 'layer-first-held', blob.bytes);
    assert.equal(await both.putBlobFile(NAME, blob.descriptor, file), blob.descriptor.size, 'only the second bucket is sent bytes');
    assert.ok(await holds(a, blob.descriptor));
    assert.ok(await holds(b, blob.descriptor));
    assert.deepEqual(await staged(a), []);
    assert.deepEqual(await staged(b), []);
  });

  it('leaves no copies in either staging folder when the last bucket already held the blob', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const blob = blobOf('already in the last bucket');
    await b.store.putBlobBytes(blob.descriptor, blob.bytes);
    const both = fanOut([a.target, b.target]);
    const file = await stage(both, 'layer-last-held', blob.bytes);
    assert.equal(await both.putBlobFile(NAME, blob.descriptor, file), blob.descriptor.size, 'only the first bucket is sent bytes');
    assert.ok(await holds(a, blob.descriptor));
    assert.ok(await holds(b, blob.descriptor));
    // A target may leave a file it did not need; the caller's own staged file is the caller's to remove, but no
    // per-target copy may be left behind.
    const leftovers = (await staged(a)).filter((name) => name !== path.basename(file));
    assert.deepEqual(leftovers, []);
    assert.deepEqual(await staged(b), []);
  });

  it('puts bytes and manifests into both buckets, and tags in both', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const both = fanOut([a.target, b.target]);
    const config = blobOf('{"config":true}', MediaType.ociConfig);
    const manifest = blobOf('{"schemaVersion":2,"manifest":true}', MediaType.ociManifest);

    assert.equal(await both.putBlobBytes(NAME, config.descriptor, config.bytes), 2 * config.descriptor.size);
    assert.equal(await both.putBlobBytes(NAME, config.descriptor, config.bytes), 0, 'a second put sends nothing');
    assert.equal(await both.putManifest(NAME, manifest.descriptor, manifest.bytes), 2 * manifest.descriptor.size);
    for (const bucket of [a, b]) {
      assert.ok(await holds(bucket, config.descriptor));
      assert.ok(await holds(bucket, manifest.descriptor));
    }

    await both.tag('shell/git', ['latest', 'v1'], manifest.descriptor, manifest.bytes);
    for (const bucket of [a, b]) {
      for (const tag of ['latest', 'v1']) {
        assert.deepEqual(await bucket.store.resolveTag('shell/git', tag), manifest.descriptor, `${bucket.storage.location} ${tag}`);
      }
      assert.ok(existsSync(path.join(bucket.storage.location, 'index.json')));
    }
  });

  it('refuses to tag when a bucket lacks the manifest', async () => {
    const a = await freshBucket();
    const b = await freshBucket();
    const manifest = blobOf('{"schemaVersion":2,"only":"a"}', MediaType.ociManifest);
    await a.target.putManifest(NAME, manifest.descriptor, manifest.bytes);
    await assert.rejects(fanOut([a.target, b.target]).tag('git', ['latest'], manifest.descriptor, manifest.bytes), /is not in/);
  });

  it('is the target itself for one target, and refuses none', async () => {
    const a = await freshBucket();
    assert.equal(fanOut([a.target]), a.target);
    assert.throws(() => fanOut([]), /no targets/);
  });
});

describe('meteredTarget', () => {
  it('counts new blobs as uploaded and repeated ones as skipped', async () => {
    const a = await freshBucket();
    const meter = new UploadMeter();
    const target = meteredTarget(a.target, meter);
    assert.equal(target.location, a.target.location);
    const config = blobOf('{"metered":"config"}', MediaType.ociConfig);

    assert.equal(await target.putBlobBytes(NAME, config.descriptor, config.bytes), config.descriptor.size);
    assert.equal(meter.uploadedBytes, config.descriptor.size);
    assert.equal(meter.skippedBytes, 0);

    assert.equal(await target.putBlobBytes(NAME, config.descriptor, config.bytes), 0);
    assert.equal(meter.uploadedBytes, config.descriptor.size);
    assert.equal(meter.skippedBytes, config.descriptor.size);

    const layer = blobOf('metered layer bytes, a little longer');
    const file = await stage(target, 'metered-layer', layer.bytes);
    assert.equal(await target.putBlobFile(NAME, layer.descriptor, file), layer.descriptor.size);
    assert.equal(meter.uploadedBytes, config.descriptor.size + layer.descriptor.size);
    assert.ok(await holds(a, layer.descriptor));

    const again = await stage(target, 'metered-layer-again', layer.bytes);
    assert.equal(await target.putBlobFile(NAME, layer.descriptor, again), 0);
    assert.equal(meter.skippedBytes, config.descriptor.size + layer.descriptor.size);

    const manifest = blobOf('{"schemaVersion":2,"metered":true}', MediaType.ociManifest);
    await target.putManifest(NAME, manifest.descriptor, manifest.bytes);
    assert.equal(meter.uploadedBytes, config.descriptor.size + layer.descriptor.size + manifest.descriptor.size);
    await target.tag('git', ['latest'], manifest.descriptor, manifest.bytes);
    assert.deepEqual(await a.store.resolveTag('git', 'latest'), manifest.descriptor);
  });

  it('times writes only', async () => {
    const a = await freshBucket();
    const meter = new UploadMeter();
    const target = meteredTarget(a.target, meter);
    assert.equal(meter.seconds, 0);
    const blob = blobOf('timed blob');
    assert.equal(await target.hasBlob(NAME, blob.descriptor), false);
    assert.equal(meter.seconds, 0, 'an existence check is not a write');

    await target.putBlobBytes(NAME, blob.descriptor, blob.bytes);
    const afterWrite = meter.seconds;
    assert.ok(afterWrite > 0, 'a write takes some time');

    assert.equal(await target.hasBlob(NAME, blob.descriptor), true);
    assert.equal(await target.stagingDir(), await a.target.stagingDir());
    assert.equal(meter.seconds, afterWrite, 'checks and staging are not timed');

    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(meter.seconds, afterWrite, 'idle time is not counted');
  });

  it('counts overlapping writes once in its wall time', async () => {
    const meter = new UploadMeter();
    const slow = (ms: number) => () => new Promise<number>((resolve) => setTimeout(() => resolve(1), ms));
    const started = performance.now();
    await Promise.all([meter.measure(1, slow(40)), meter.measure(1, slow(40)), meter.measure(1, slow(40))]);
    const wall = (performance.now() - started) / 1000;
    assert.ok(meter.seconds >= 0.03, `${meter.seconds}`);
    assert.ok(meter.seconds <= wall + 0.001, `${meter.seconds} s busy in ${wall} s`);
    assert.equal(meter.uploadedBytes, 3);
  });
});
