import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { StorageBackend } from '../../../src/storage/backend.ts';
import { ContentMismatchError } from '../../../src/storage/content-check.ts';
import { ImageStore } from '../../../src/storage/image-store.ts';
import { blobKey, tagKey } from '../../../src/storage/layout.ts';
import type { Descriptor } from '../../../src/oci/descriptor.ts';

// One contract for every backend (filesystem, GCS, S3): each backend's test file calls describeStorageContract
// with a way to open a fresh, empty bucket as users get it (openStorage, or withContentCheck around a backend
// with test settings). Sizes are chosen so remote backends cross their multipart/resumable thresholds (the test
// files set those low).

export interface ContractOptions {
  /** Opens an empty bucket (a fresh prefix is enough), content check included; called once per test. */
  open: () => Promise<StorageBackend>;
  /** A blob size above the backend's single-request limit, so chunked uploads are exercised. */
  largeBlobBytes: number;
  /** The abilities the backend declares. */
  abilities: { local: boolean; signedReadUrl: boolean };
  /** Whether the backend can hand out signed URLs with the credentials the test has. */
  signs: boolean;
}

export function describeStorageContract(backendName: string, options: ContractOptions): void {
  describe(`storage contract: ${backendName}`, () => {
    test('a missing key is null everywhere, never an error', async () => {
      const storage = await options.open();
      assert.equal(await storage.stat('nothing/here'), null);
      assert.equal(await storage.readBytes('nothing/here'), null);
      assert.equal(await storage.openRead('nothing/here'), null);
      assert.deepEqual(await storage.list('nothing/'), []);
    });

    test('writeBytes stores, replaces, and reads back whole and by range', async () => {
      const storage = await options.open();
      await storage.writeBytes('repositories/a/_tags/v1', Buffer.from('first version'), { contentType: 'application/json' });
      assert.equal((await storage.readBytes('repositories/a/_tags/v1'))?.toString(), 'first version');
      await storage.writeBytes('repositories/a/_tags/v1', Buffer.from('second'));
      assert.equal((await storage.readBytes('repositories/a/_tags/v1'))?.toString(), 'second');
      assert.equal((await storage.stat('repositories/a/_tags/v1'))?.size, 6);
      assert.equal(await readAll(await storage.openRead('repositories/a/_tags/v1')), 'second');
      assert.equal(await readAll(await storage.openRead('repositories/a/_tags/v1', { start: 1, end: 3 })), 'eco');
    });

    test('list returns keys under a prefix, sorted, and nothing from outside it or from staging', async () => {
      const storage = await options.open();
      for (const key of [
        'repositories/b/_tags/z',
        'repositories/a/_tags/v1',
        'repositories/a/_tags/v2',
        'cache/layers/x.json',
        'index.json',
      ]) {
        await storage.writeBytes(key, Buffer.from(key));
      }
      await writeFile(path.join(await storage.stagingDir(), 'half-written'), 'x');
      assert.deepEqual(await storage.list('repositories/'), [
        'repositories/a/_tags/v1',
        'repositories/a/_tags/v2',
        'repositories/b/_tags/z',
      ]);
      assert.deepEqual(await storage.list('repositories/a/'), ['repositories/a/_tags/v1', 'repositories/a/_tags/v2']);
      assert.deepEqual(await storage.list(''), [
        'cache/layers/x.json',
        'index.json',
        'repositories/a/_tags/v1',
        'repositories/a/_tags/v2',
        'repositories/b/_tags/z',
      ]);
    });

    test('writeFile stores a staged file under its digest and consumes the local file', async () => {
      const storage = await options.open();
      const { descriptor, file } = await stageBlob(storage, 1000);
      await storage.writeFile(blobKey(descriptor.digest), file, { contentType: descriptor.mediaType, digest: descriptor.digest });
      await assert.rejects(access(file), 'the staged file is gone');
      const info = await storage.stat(blobKey(descriptor.digest));
      assert.equal(info?.size, 1000);
      if (info?.sha256 !== undefined) assert.equal(`sha256:${info.sha256}`, descriptor.digest);
      assert.equal(sha256(await storage.readBytes(blobKey(descriptor.digest))), descriptor.digest);
    });

    test('listObjects gives sizes and modification times; touch moves the time and keeps bytes and headers', async () => {
      const storage = await options.open();
      const { descriptor, file, bytes } = await stageBlob(storage, 3000);
      await storage.writeFile(blobKey(descriptor.digest), file, { contentType: descriptor.mediaType, digest: descriptor.digest });
      await storage.writeBytes('cache/layers/a.json', Buffer.from('{}'));
      const before = await storage.listObjects('');
      assert.deepEqual(
        before.map((o) => [o.key, o.size]),
        [
          [blobKey(descriptor.digest), 3000],
          ['cache/layers/a.json', 2],
        ],
      );
      assert.ok(
        before.every((o) => Number.isFinite(o.modified) && Math.abs(o.modified - Date.now()) < 60_000),
        'times are now-ish',
      );
      // Object stores keep modification times to the second or millisecond: wait past one.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal((await storage.touch(blobKey(descriptor.digest)))?.size, 3000, "touch answers the object's info");
      const after = await storage.listObjects('blobs/');
      assert.ok(after[0]!.modified > before[0]!.modified, `touch moved the time (${before[0]!.modified} -> ${after[0]!.modified})`);
      assert.deepEqual(await storage.readBytes(blobKey(descriptor.digest)), bytes);
      const info = await storage.stat(blobKey(descriptor.digest));
      if (info?.sha256 !== undefined) assert.equal(`sha256:${info.sha256}`, descriptor.digest, 'the recorded checksum survives a touch');
      assert.equal(await storage.touch('blobs/sha256/none'), null, 'touching nothing says so');
    });

    test('list and listObjects page through more than one page (1,000 keys) of objects', async () => {
      const storage = await options.open();
      const keys = Array.from({ length: 1005 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((key) => storage.writeBytes(key, Buffer.from(key))));
      }
      assert.deepEqual(await storage.list('many/'), keys);
      const listed = await storage.listObjects('many/');
      assert.deepEqual(
        listed.map((o) => o.key),
        keys,
      );
      assert.ok(listed.every((o) => o.size === 9));
    });

    test('delete removes an object; deleting a missing one is no error', async () => {
      const storage = await options.open();
      await storage.writeBytes('repositories/a/_tags/v1', Buffer.from('x'));
      await storage.writeBytes('repositories/a/_tags/v2', Buffer.from('y'));
      await storage.delete('repositories/a/_tags/v1');
      await storage.delete('repositories/a/_tags/v1');
      assert.equal(await storage.stat('repositories/a/_tags/v1'), null);
      assert.deepEqual(await storage.list('repositories/'), ['repositories/a/_tags/v2']);
    });

    test('a large blob goes up in pieces and comes back byte for byte, also by range', async () => {
      const storage = await options.open();
      const { descriptor, file, bytes } = await stageBlob(storage, options.largeBlobBytes);
      await storage.writeFile(blobKey(descriptor.digest), file, { digest: descriptor.digest });
      assert.equal((await storage.stat(blobKey(descriptor.digest)))?.size, options.largeBlobBytes);
      assert.equal(sha256(await readAllBytes(await storage.openRead(blobKey(descriptor.digest)))), descriptor.digest);
      const start = options.largeBlobBytes - 4096 - 17;
      const tail = await readAllBytes(await storage.openRead(blobKey(descriptor.digest), { start, end: options.largeBlobBytes - 18 }));
      assert.deepEqual(tail, bytes.subarray(start, options.largeBlobBytes - 17));
    });

    test('racing writers of the same blob all succeed and leave one whole object', async () => {
      const storage = await options.open();
      const bytes = randomBytes(200_000);
      const digest = sha256(bytes);
      const writers = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const file = path.join(await storage.stagingDir(), `race-${i}-${randomBytes(4).toString('hex')}`);
          await writeFile(file, bytes);
          return file;
        }),
      );
      await Promise.all([
        ...writers.map((file) => storage.writeFile(blobKey(digest), file, { digest })),
        storage.writeBytes(blobKey(digest), bytes, { digest }),
      ]);
      assert.equal(sha256(await storage.readBytes(blobKey(digest))), digest);
      assert.deepEqual(await storage.list('blobs/'), [blobKey(digest)]);
    });

    test('the image store skips a blob the bucket already holds and counts no bytes for it', async () => {
      const storage = await options.open();
      const store = new ImageStore(storage);
      const first = await stageBlob(storage, 5000);
      assert.equal(await store.putBlobFile(first.descriptor, first.file), 5000);
      const again = await stageBlob(storage, 5000, first.bytes);
      assert.equal(await store.putBlobFile(again.descriptor, again.file), 0);
      assert.equal(await store.hasBlob(first.descriptor.digest, 5000), true);
      assert.equal(await store.hasBlob(first.descriptor.digest, 4999), false, 'a size mismatch is not the blob');
    });

    test('tags are resolved and listed through the image store', async () => {
      const storage = await options.open();
      const store = new ImageStore(storage);
      const manifest = Buffer.from('{"schemaVersion":2}');
      const descriptor: Descriptor = {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(manifest),
        size: manifest.length,
      };
      await store.putBlobBytes(descriptor, manifest);
      await Promise.all([
        store.tag('shell/hello', 'v1', descriptor),
        store.tag('shell/hello', 'v2', descriptor),
        store.tag('git', 'v1', descriptor),
      ]);
      assert.deepEqual(await store.resolveTag('shell/hello', 'v2'), descriptor);
      const index = JSON.parse((await storage.readBytes('index.json'))!.toString()) as {
        manifests: Array<{ annotations: Record<string, string> }>;
      };
      assert.deepEqual(
        index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']),
        ['git:v1', 'shell/hello:v1', 'shell/hello:v2'],
        'concurrent taggers leave a complete index',
      );
    });

    test('a corrupt or empty tag object is an unknown tag with a warning naming it, and never stops tagging', async () => {
      const storage = await options.open();
      const warnings: string[] = [];
      const store = new ImageStore(storage, { onWarning: (message) => warnings.push(message) });
      const manifest = Buffer.from('{"schemaVersion":2,"layers":[]}');
      const descriptor: Descriptor = {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(manifest),
        size: manifest.length,
      };
      await store.putBlobBytes(descriptor, manifest);
      await store.tag('shell/hello', 'good', descriptor);
      const corrupt = tagKey('shell/hello', 'corrupt');
      const empty = tagKey('git', 'empty');
      await storage.writeBytes(corrupt, Buffer.from('{"mediaType":"application/vnd.oci.image.manifest.v1+json","dig'));
      await storage.writeBytes(empty, Buffer.alloc(0));

      assert.equal(await store.resolveTag('shell/hello', 'corrupt'), null);
      assert.equal(await store.resolveTag('git', 'empty'), null);
      assert.ok(
        warnings.some((w) => w.includes(corrupt)) && warnings.some((w) => w.includes(empty)),
        `warnings name both objects: ${warnings.join(' | ')}`,
      );

      warnings.length = 0;
      assert.deepEqual(
        (await store.listTaggedImages()).map((image) => `${image.name}:${image.tag}`),
        ['shell/hello:good'],
      );
      assert.equal(warnings.length, 2, `one warning per unreadable object: ${warnings.join(' | ')}`);

      warnings.length = 0;
      await store.tagAll('shell/hello', ['new'], descriptor);
      const index = JSON.parse((await storage.readBytes('index.json'))!.toString()) as {
        manifests: Array<{ digest: string; annotations: Record<string, string> }>;
      };
      assert.deepEqual(
        index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']),
        ['shell/hello:good', 'shell/hello:new'],
        'index.json lists the good tags only',
      );
      assert.ok(index.manifests.every((m) => m.digest === descriptor.digest));
      assert.ok(
        warnings.some((w) => w.includes(corrupt)) && warnings.some((w) => w.includes(empty)),
        `the refresh names what it skipped: ${warnings.join(' | ')}`,
      );
    });

    test(options.signs ? 'signed URLs read the object without credentials' : 'no signed URLs without signing credentials', async () => {
      const storage = await options.open();
      const bytes = randomBytes(3000);
      await storage.writeBytes(blobKey(sha256(bytes)), bytes, { digest: sha256(bytes) });
      const url = (await storage.signedReadUrl?.(blobKey(sha256(bytes)), 60)) ?? null;
      if (!options.signs) {
        assert.equal(url, null);
        return;
      }
      assert.ok(url, 'a URL');
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(sha256(Buffer.from(await response.arrayBuffer())), sha256(bytes));
    });

    test(`declares its abilities: ${describeAbilities(options.abilities)}`, async () => {
      const storage = await options.open();
      assert.equal(typeof storage.signedReadUrl === 'function', options.abilities.signedReadUrl, 'signedReadUrl');
      assert.equal(storage.local !== undefined, options.abilities.local, 'local');
      if (!storage.local) return;
      const bytes = randomBytes(2000);
      const key = blobKey(sha256(bytes));
      await storage.writeBytes(key, bytes, { digest: sha256(bytes) });
      const file = storage.local.path(key);
      assert.ok(path.isAbsolute(file) && file.startsWith(storage.local.folder + path.sep), `${file} is inside ${storage.local.folder}`);
      assert.deepEqual(await readFile(file), bytes, 'the local path holds the stored bytes');
      assert.throws(() => storage.local!.path('../outside'), /refusing storage key/);
    });

    test('a write whose bytes do not match its digest is refused and leaves no object', async () => {
      const storage = await options.open();
      const claimed = sha256(Buffer.from('what the digest says'));
      const key = blobKey(claimed);
      const given = Buffer.from('something else entirely');
      const refusal = (error: unknown): boolean => {
        assert.ok(error instanceof ContentMismatchError, `a ContentMismatchError, got ${String(error)}`);
        assert.equal(error.key, key);
        assert.equal(error.digest, claimed);
        assert.equal(error.actual, sha256(given));
        assert.ok(error.message.includes(key) && error.message.includes(claimed) && error.message.includes(sha256(given)), error.message);
        return true;
      };

      await assert.rejects(storage.writeBytes(key, given, { digest: claimed }), refusal);
      const file = path.join(await storage.stagingDir(), `bad-${randomBytes(4).toString('hex')}`);
      await writeFile(file, given);
      await assert.rejects(storage.writeFile(key, file, { digest: claimed }), refusal);

      assert.equal(await storage.stat(key), null);
      assert.equal(await storage.readBytes(key), null);
      assert.deepEqual(await storage.list(''), []);
      assert.deepEqual(await readFile(file), given, 'a refused staged file stays where it was, for its owner to remove');
    });
  });
}

function describeAbilities(abilities: ContractOptions['abilities']): string {
  const names = Object.entries(abilities)
    .filter(([, has]) => has)
    .map(([name]) => name);
  return names.length ? names.join(', ') : 'none';
}

async function stageBlob(
  storage: StorageBackend,
  size: number,
  bytes: Buffer = randomBytes(size),
): Promise<{ descriptor: Descriptor; file: string; bytes: Buffer }> {
  const file = path.join(await storage.stagingDir(), `contract-${randomBytes(6).toString('hex')}`);
  await writeFile(file, bytes);
  return { descriptor: { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(bytes), size }, file, bytes };
}

export function sha256(bytes: Buffer | null): string {
  assert.ok(bytes, 'object exists');
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function readAllBytes(stream: Readable | null): Promise<Buffer> {
  assert.ok(stream, 'object exists');
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readAll(stream: Readable | null): Promise<string> {
  return (await readAllBytes(stream)).toString('utf8');
}
