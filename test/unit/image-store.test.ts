import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';
import { ImageStore, REF_NAME_ANNOTATION } from '../../src/storage/image-store.ts';
import { INDEX_KEY, OCI_LAYOUT_KEY, blobKey, tagKey } from '../../src/storage/layout.ts';
import { MediaType } from '../../src/oci/media-types.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import type { Descriptor } from '../../src/oci/descriptor.ts';

const scratch = scratchBuckets('nixery-image-store-');
const freshStore = async (): Promise<ImageStore> => new ImageStore(await scratch.freshBucket());

function describeBytes(bytes: Buffer, mediaType: string = MediaType.ociManifest): Descriptor {
  return { mediaType, digest: sha256Digest(bytes), size: bytes.length };
}

/** Stores a distinct small manifest-like blob and returns its descriptor. */
async function storeManifest(store: ImageStore, seed: string): Promise<Descriptor> {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, seed }));
  const descriptor = describeBytes(bytes);
  await store.putBlobBytes(descriptor, bytes);
  return descriptor;
}

interface IndexJson {
  schemaVersion: number;
  mediaType: string;
  manifests: Array<Descriptor & { annotations: Record<string, string> }>;
}

async function readIndex(store: ImageStore): Promise<IndexJson> {
  const bytes = await store.storage.readBytes(INDEX_KEY);
  assert.ok(bytes, 'index.json must exist');
  return JSON.parse(bytes.toString('utf8')) as IndexJson;
}

describe('ImageStore blobs', () => {
  it('stores blob bytes once: the second put writes nothing and returns 0', async () => {
    const store = await freshStore();
    const bytes = Buffer.from('layer content');
    const descriptor = describeBytes(bytes, MediaType.ociLayerGzip);
    assert.equal(await store.putBlobBytes(descriptor, bytes), bytes.length);
    assert.equal(await store.putBlobBytes(descriptor, bytes), 0);
    assert.deepEqual(await store.readBlob(descriptor.digest), bytes);
    assert.equal(await store.hasBlob(descriptor.digest), true);
    assert.equal(await store.hasBlob(descriptor.digest, bytes.length), true);
    assert.equal(await store.hasBlob(descriptor.digest, bytes.length + 1), false);
  });

  it('rewrites a blob whose stored size does not match (a truncated object is not "present")', async () => {
    const store = await freshStore();
    const bytes = Buffer.from('the full blob');
    const descriptor = describeBytes(bytes);
    await store.storage.writeBytes(blobKey(descriptor.digest), bytes.subarray(0, 4));
    assert.equal(await store.putBlobBytes(descriptor, bytes), bytes.length);
    assert.deepEqual(await store.readBlob(descriptor.digest), bytes);
  });

  it('stores a staged blob file, consuming it, and skips one already present', async () => {
    const store = await freshStore();
    const bytes = Buffer.from('staged layer');
    const descriptor = describeBytes(bytes, MediaType.ociLayerTar);
    const staged = path.join(await store.storage.stagingDir(), 'staged-1');
    await writeFile(staged, bytes);
    assert.equal(await store.putBlobFile(descriptor, staged), bytes.length);
    assert.equal(existsSync(staged), false);
    assert.deepEqual(await store.readBlob(descriptor.digest), bytes);

    const again = path.join(await store.storage.stagingDir(), 'staged-2');
    await writeFile(again, bytes);
    assert.equal(await store.putBlobFile(descriptor, again), 0);
  });

  it('reads a missing blob as null and refuses a malformed digest', async () => {
    const store = await freshStore();
    assert.equal(await store.readBlob(sha256Digest('nothing stored')), null);
    await assert.rejects(store.readBlob('sha256:../../etc'), /invalid digest/);
    await assert.rejects(store.hasBlob('md5:abc'), /invalid digest/);
  });
});

describe('ImageStore tags and index', () => {
  it('refuses to tag a manifest that is not stored, and writes nothing', async () => {
    const store = await freshStore();
    const missing = describeBytes(Buffer.from('never stored'));
    await assert.rejects(store.tag('git', 'latest', missing), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /cannot tag git:latest/);
      assert.ok(error.message.includes(missing.digest));
      return true;
    });
    assert.equal(await store.resolveTag('git', 'latest'), null);
    assert.equal(await store.storage.stat(INDEX_KEY), null);
  });

  it('refuses a tag whose descriptor size differs from the stored manifest', async () => {
    const store = await freshStore();
    const manifest = await storeManifest(store, 'm');
    await assert.rejects(store.tag('git', 'latest', { ...manifest, size: manifest.size + 1 }), /is not in/);
  });

  it('resolves a tag to exactly the descriptor it was given, without annotations', async () => {
    const store = await freshStore();
    const manifest = await storeManifest(store, 'one');
    await store.tag('shell/git', 'v1', { ...manifest, annotations: { extra: 'dropped' } });
    assert.deepEqual(await store.resolveTag('shell/git', 'v1'), manifest);
    assert.equal(await store.resolveTag('shell/git', 'v2'), null);
    assert.equal(await store.resolveTag('shell', 'v1'), null);
  });

  it('moves a tag to a new manifest', async () => {
    const store = await freshStore();
    const first = await storeManifest(store, 'first');
    const second = await storeManifest(store, 'second');
    await store.tag('git', 'latest', first);
    await store.tag('git', 'latest', second);
    assert.deepEqual(await store.resolveTag('git', 'latest'), second);
    const index = await readIndex(store);
    assert.equal(index.manifests.length, 1);
    assert.equal(index.manifests[0]!.digest, second.digest);
  });

  it('lists tagged images and writes a sorted OCI index with ref.name annotations', async () => {
    const store = await freshStore();
    const a = await storeManifest(store, 'a');
    const b = await storeManifest(store, 'b');
    await store.tag('shell/htop', 'latest', a);
    await store.tag('arm64/git', 'v2', b);
    await store.tag('arm64/git', 'v1', a);

    const images = await store.listTaggedImages();
    assert.deepEqual(
      images.map((i) => [i.name, i.tag, i.manifest.digest]),
      [
        ['arm64/git', 'v1', a.digest],
        ['arm64/git', 'v2', b.digest],
        ['shell/htop', 'latest', a.digest],
      ],
    );

    const index = await readIndex(store);
    assert.equal(index.schemaVersion, 2);
    assert.equal(index.mediaType, MediaType.ociIndex);
    assert.deepEqual(
      index.manifests,
      [
        { ...b, annotations: { [REF_NAME_ANNOTATION]: 'arm64/git:v2' } },
        { ...a, annotations: { [REF_NAME_ANNOTATION]: 'arm64/git:v1' } },
        { ...a, annotations: { [REF_NAME_ANNOTATION]: 'shell/htop:latest' } },
      ].sort((x, y) => (x.annotations[REF_NAME_ANNOTATION] < y.annotations[REF_NAME_ANNOTATION] ? -1 : 1)),
    );

    const layout = await store.storage.readBytes(OCI_LAYOUT_KEY);
    assert.ok(layout, 'oci-layout must exist');
    assert.deepEqual(JSON.parse(layout.toString()), { imageLayoutVersion: '1.0.0' });
  });

  it('keeps tag records out of the blob namespace and index.json at the bucket root', async () => {
    const store = await freshStore();
    const manifest = await storeManifest(store, 'x');
    await store.tag('git', 'latest', manifest);
    const keys = await store.storage.list('');
    assert.deepEqual(keys, [blobKey(manifest.digest), INDEX_KEY, OCI_LAYOUT_KEY, tagKey('git', 'latest')].sort());
  });

  it('ignores objects under repositories/ that are not tag records', async () => {
    const store = await freshStore();
    const manifest = await storeManifest(store, 'x');
    await store.storage.writeBytes('repositories/git/readme', Buffer.from('not a tag'));
    await store.tag('git', 'latest', manifest);
    assert.deepEqual(
      (await store.listTaggedImages()).map((i) => `${i.name}:${i.tag}`),
      ['git:latest'],
    );
  });

  it('treats a malformed tag record as an unknown tag, and warns naming it', async () => {
    const warnings: string[] = [];
    const store = (await freshStore()).withWarnings((message) => warnings.push(message));
    await store.storage.writeBytes(tagKey('git', 'broken'), Buffer.from('{"digest": 5}'));
    assert.equal(await store.resolveTag('git', 'broken'), null);
    assert.ok(
      warnings.some((w) => w.includes(tagKey('git', 'broken'))),
      warnings.join('\n'),
    );
  });

  it('ends with every tag in index.json after 20 concurrent tag() calls', async () => {
    const store = await freshStore();
    const manifests = await Promise.all(Array.from({ length: 20 }, (_, i) => storeManifest(store, `m${i}`)));
    // Separate store objects over the same folder, as separate builders would have.
    await Promise.all(
      manifests.map((manifest, i) => {
        const writer = new ImageStore(new FilesystemStorage(store.storage.location));
        return writer.tag(`pkg${i % 5}`, `t${i}`, manifest);
      }),
    );
    const index = await readIndex(store);
    const refs = index.manifests.map((m) => m.annotations[REF_NAME_ANNOTATION]);
    const expected = manifests.map((_, i) => `pkg${i % 5}:t${i}`).sort();
    assert.deepEqual(refs, expected);
    for (const entry of index.manifests) {
      const i = Number(entry.annotations[REF_NAME_ANNOTATION]!.split(':t')[1]);
      assert.equal(entry.digest, manifests[i]!.digest);
    }
    assert.deepEqual(await readdir(path.join(store.storage.location, '.tmp')), [], 'no temp files left');
  });
});
