import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildImage } from '../../src/pipeline/build-image.ts';
import { bucketDestination } from '../../src/pipeline/destination.ts';
import type { BuildEvent } from '../../src/pipeline/events.ts';
import type { StorageBackend } from '../../src/storage/backend.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { blobKey } from '../../src/storage/layout.ts';
import { openStorage } from '../../src/storage/open.ts';
import { EXAMPLE_PACKAGES } from './support/cli.ts';
import { requireTools } from './support/run.ts';
import { assertTagsWhole } from './support/synthetic-images.ts';

// A real Nix build whose reused layer is removed by a collector between the build's reuse check and its tag: the
// build must not tag a missing blob, and starts over once, packing the layer again. The collector's delete is
// made at exactly that moment: the bucket is the real folder bucket, with its second touch of the layer (the
// tag-time one) preceded by a real delete of that layer, as a collector's sweep would land there.

requireTools('nix-build');
let tmp: string;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'nixery-gc-retry-'));
});
after(() => rm(tmp, { recursive: true, force: true }));

/** The bucket, with a collector deleting `victim` just before the build's n-th touch of it. */
function collectingAt(storage: StorageBackend, victim: () => string | undefined, nth: number): StorageBackend & { deleted: number } {
  let touches = 0;
  const wrapped = Object.create(storage) as StorageBackend & { deleted: number };
  wrapped.deleted = 0;
  wrapped.touch = async (key: string) => {
    if (key === victim() && ++touches === nth) {
      await storage.delete(key);
      wrapped.deleted++;
    }
    return storage.touch(key);
  };
  return wrapped;
}

test('a build whose reused layer is collected before its tag tags nothing missing and builds again', async () => {
  const location = path.join(tmp, 'bucket');
  const settings = {
    source: { kind: 'path' as const, path: EXAMPLE_PACKAGES },
    budget: 10,
    compression: 'gzip' as const,
    timeoutMs: 300_000,
  };
  const first = await buildImage('hello', ['v1'], settings, bucketDestination(await openStorage(location)));
  const manifest = JSON.parse((await (await openStorage(location)).readBytes(blobKey(first.digest)))!.toString()) as {
    layers: Array<{ digest: string }>;
  };
  const layer = manifest.layers[0]!.digest;

  // Second build reuses every layer (touch 1: the reuse check); the collector deletes the layer before touch 2.
  const storage = collectingAt(await openStorage(location), () => blobKey(layer), 2);
  const events: BuildEvent[] = [];
  const second = await buildImage('hello', ['v2'], settings, bucketDestination(storage), { onEvent: (e) => events.push(e) });
  assert.equal(storage.deleted, 1, 'the collector deleted the layer once, between reuse and tag');
  assert.deepEqual(
    events.filter((e) => e.type === 'blob-collected').map((e) => (e as { digest: string }).digest),
    [layer],
    'the build said why it started over',
  );
  assert.equal(second.digest, first.digest, 'the same image, rebuilt');
  const store = new ImageStore(await openStorage(location));
  assert.equal((await store.resolveTag('hello', 'v2'))?.digest, first.digest);
  assert.equal(await store.hasBlob(layer), true, 'the layer was packed and stored again');
  assert.equal(await assertTagsWhole(await openStorage(location)), 2);
});
