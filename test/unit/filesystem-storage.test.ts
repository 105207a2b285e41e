import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BucketAccessError } from '../../src/errors.ts';
import type { StorageBackend, WriteOptions } from '../../src/storage/backend.ts';
import { ContentMismatchError, withContentCheck } from '../../src/storage/content-check.ts';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';
import { openStorage } from '../../src/storage/open.ts';

const scratch = scratchBuckets('nixery-fs-storage-');
const freshBucket = scratch.freshBucket;

async function readAll(stream: Readable | null): Promise<Buffer> {
  assert.ok(stream, 'expected a stream, got null');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under dir, relative, excluding nothing: to check what is really on disk. */
async function filesOnDisk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('FilesystemStorage', () => {
  it('resolves its location to an absolute path', () => {
    const storage = new FilesystemStorage('relative/bucket');
    assert.equal(storage.location, path.resolve('relative/bucket'));
  });

  it('writes bytes and reads them back, with stat giving the size', async () => {
    const storage = await freshBucket();
    const data = Buffer.from('hello bucket');
    await storage.writeBytes('a/b/c.json', data);
    assert.deepEqual(await storage.readBytes('a/b/c.json'), data);
    assert.deepEqual(await storage.stat('a/b/c.json'), { size: data.length });
    assert.deepEqual(await readFile(path.join(storage.location, 'a', 'b', 'c.json')), data);
  });

  it('replaces an existing object', async () => {
    const storage = await freshBucket();
    await storage.writeBytes('k', Buffer.from('old old old'));
    await storage.writeBytes('k', Buffer.from('new'));
    assert.equal((await storage.readBytes('k'))?.toString(), 'new');
    assert.deepEqual(await storage.stat('k'), { size: 3 });
  });

  it('stores an empty object', async () => {
    const storage = await freshBucket();
    await storage.writeBytes('empty', Buffer.alloc(0));
    assert.deepEqual(await storage.stat('empty'), { size: 0 });
    assert.deepEqual(await storage.readBytes('empty'), Buffer.alloc(0));
  });

  it('answers null for missing keys and for directories', async () => {
    const storage = await freshBucket();
    await storage.writeBytes('dir/file', Buffer.from('x'));
    for (const key of ['missing', 'dir/missing', 'dir', 'dir/file/below']) {
      assert.equal(await storage.stat(key), null, `stat ${key}`);
      assert.equal(await storage.readBytes(key), null, `readBytes ${key}`);
      assert.equal(await storage.openRead(key), null, `openRead ${key}`);
    }
  });

  it('streams whole objects and inclusive byte ranges', async () => {
    const storage = await freshBucket();
    const data = Buffer.from('0123456789abcdef');
    await storage.writeBytes('blob', data);
    assert.deepEqual(await readAll(await storage.openRead('blob')), data);
    assert.equal((await readAll(await storage.openRead('blob', { start: 0, end: 0 }))).toString(), '0');
    assert.equal((await readAll(await storage.openRead('blob', { start: 3, end: 7 }))).toString(), '34567');
    assert.equal((await readAll(await storage.openRead('blob', { start: 10, end: 15 }))).toString(), 'abcdef');
  });

  it('lists keys by prefix, sorted, without its temp files', async () => {
    const storage = await freshBucket();
    // Written out of order on purpose.
    for (const key of [
      'repositories/z/_tags/1',
      'blobs/sha256/bb',
      'repositories/a/_tags/latest',
      'blobs/sha256/aa',
      'index.json',
      'blobsx',
    ]) {
      await storage.writeBytes(key, Buffer.from(key));
    }
    const staging = await storage.stagingDir();
    await writeFile(path.join(staging, 'half-written'), 'partial');

    assert.deepEqual(await storage.list(''), [
      'blobs/sha256/aa',
      'blobs/sha256/bb',
      'blobsx',
      'index.json',
      'repositories/a/_tags/latest',
      'repositories/z/_tags/1',
    ]);
    assert.deepEqual(await storage.list('blobs/'), ['blobs/sha256/aa', 'blobs/sha256/bb']);
    assert.deepEqual(await storage.list('blobs'), ['blobs/sha256/aa', 'blobs/sha256/bb', 'blobsx']);
    assert.deepEqual(await storage.list('blobs/sha256/a'), ['blobs/sha256/aa']);
    assert.deepEqual(await storage.list('repositories/'), ['repositories/a/_tags/latest', 'repositories/z/_tags/1']);
    assert.deepEqual(await storage.list('nothing/'), []);
    assert.deepEqual(await storage.list('.tmp'), []);
  });

  it('lists an empty array for a bucket folder that does not exist yet', async () => {
    const storage = new FilesystemStorage(path.join(scratch.dir, 'never-created'));
    assert.deepEqual(await storage.list(''), []);
    assert.equal(await storage.readBytes('x'), null);
  });

  it('refuses keys that are absolute, empty, or climb out of the bucket', async () => {
    const storage = await freshBucket();
    const outside = path.join(scratch.dir, 'outside-target');
    const badKeys = ['', '/etc/passwd', '../outside-target', 'a/../../outside-target', 'a//b', 'a/', './a', 'a/./b', 'a/..', 'nul\0byte'];
    for (const key of badKeys) {
      await assert.rejects(storage.writeBytes(key, Buffer.from('x')), /refusing storage key/, `writeBytes ${JSON.stringify(key)}`);
      await assert.rejects(storage.readBytes(key), /refusing storage key/, `readBytes ${JSON.stringify(key)}`);
      await assert.rejects(storage.stat(key), /refusing storage key/, `stat ${JSON.stringify(key)}`);
      await assert.rejects(storage.openRead(key), /refusing storage key/, `openRead ${JSON.stringify(key)}`);
    }
    const local = path.join(scratch.dir, 'escape-attempt');
    await writeFile(local, 'x');
    await assert.rejects(storage.writeFile('../outside-target', local), /refusing storage key/);
    assert.equal(existsSync(outside), false);
    assert.equal(existsSync(local), true, 'a refused writeFile must leave the local file alone');
    // Nothing was left behind in the bucket either, temp files included.
    assert.deepEqual(await filesOnDisk(storage.location), []);
  });

  it('moves a staged file into place, consuming it', async () => {
    const storage = await freshBucket();
    const staged = path.join(await storage.stagingDir(), 'layer.tar');
    await writeFile(staged, 'layer bytes');
    await storage.writeFile('blobs/sha256/abc', staged);
    assert.equal(existsSync(staged), false);
    assert.equal((await storage.readBytes('blobs/sha256/abc'))?.toString(), 'layer bytes');
  });

  it('moves a file from outside the bucket into place, consuming it', async () => {
    const storage = await freshBucket();
    const elsewhere = await mkdtemp(path.join(scratch.dir, 'elsewhere-'));
    const local = path.join(elsewhere, 'file');
    await writeFile(local, 'from elsewhere');
    await storage.writeFile('x/y', local);
    assert.equal(existsSync(local), false);
    assert.equal((await storage.readBytes('x/y'))?.toString(), 'from elsewhere');
  });

  it('keeps its staging folder inside the bucket, so the final rename stays on one filesystem', async () => {
    const storage = await freshBucket();
    const staging = await storage.stagingDir();
    assert.equal(path.dirname(staging), storage.location);
    assert.equal(path.basename(staging), '.tmp');
  });

  it('leaves no object and no stray temp file after a failed write', async () => {
    const storage = await freshBucket();
    await storage.writeBytes('taken/child', Buffer.from('x'));
    // "taken" is a folder on disk, so the final rename onto it fails.
    await assert.rejects(storage.writeBytes('taken', Buffer.from('y')));
    assert.equal(await storage.readBytes('taken'), null);
    assert.deepEqual(await readdir(path.join(storage.location, '.tmp')), [], 'the temp file must be removed');
    assert.deepEqual(await filesOnDisk(storage.location), ['taken/child']);

    // The same through writeFile: the key stays absent.
    const staged = path.join(await storage.stagingDir(), 'staged');
    await writeFile(staged, 'z');
    await assert.rejects(storage.writeFile('taken', staged));
    assert.equal(await storage.stat('taken'), null);
  });

  it('never shows a partly written object at its key', async () => {
    const storage = await freshBucket();
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    const small = Buffer.from('small');
    await storage.writeBytes('obj', small);
    // While a big write runs, readers must see exactly the old or exactly the new bytes.
    const writing = storage.writeBytes('obj', big);
    const seen: number[] = [];
    let done = false;
    void writing.finally(() => (done = true));
    while (!done) {
      const bytes = await storage.readBytes('obj');
      assert.ok(bytes, 'the object must never disappear during a replace');
      seen.push(bytes.length);
      assert.ok(bytes.equals(small) || bytes.equals(big), `saw ${bytes.length} bytes: a mix of old and new`);
    }
    await writing;
    assert.deepEqual(await storage.readBytes('obj'), big);
    assert.ok(seen.length > 0);
  });

  it('does not list symlinks or follow them out of the bucket', async () => {
    const storage = await freshBucket();
    const outsideDir = await mkdtemp(path.join(scratch.dir, 'outside-dir-'));
    await writeFile(path.join(outsideDir, 'secret'), 'secret');
    await symlink(outsideDir, path.join(storage.location, 'link'));
    assert.deepEqual(await storage.list(''), []);
  });
});

describe('FilesystemStorage: bucket access errors', () => {
  it('turns a write the folder does not allow into a BucketAccessError naming the path and what to do', async () => {
    const storage = await freshBucket();
    const staging = await storage.stagingDir();
    // Root ignores modes, but not the immutable attribute; other users cannot set that, but modes bind them.
    const root = process.getuid?.() === 0;
    try {
      if (root) execFileSync('chattr', ['+i', staging], { stdio: 'ignore' });
      else await chmod(staging, 0o555);
    } catch (error) {
      // Fail loudly rather than skip: chattr (e2fsprogs) on ext4 or xfs is what this test needs as root.
      assert.fail(
        `cannot make ${staging} unwritable here (${(error as Error).message}); run the tests on ext4 or xfs with chattr installed`,
      );
    }
    try {
      const error = await storage.writeBytes('index.json', Buffer.from('{}')).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof BucketAccessError, `a BucketAccessError, got ${String(error)}`);
      assert.equal(error.kind, 'bucket-access');
      assert.equal(error.verb, 'write');
      assert.equal(error.url, path.join(storage.location, 'index.json'));
      assert.match(
        error.message,
        new RegExp(
          `^cannot write ${escapeRegExp(error.url)}: E(ACCES|PERM).*; give this user write access to ${escapeRegExp(storage.location)}`,
        ),
      );
      assert.equal(await storage.stat('index.json'), null);
    } finally {
      if (root) execFileSync('chattr', ['-i', staging]);
      else await chmod(staging, 0o755);
    }
  });

  it('leaves other failures as they are', async () => {
    const storage = await freshBucket();
    await storage.writeBytes('taken/child', Buffer.from('x'));
    const error = await storage.writeBytes('taken', Buffer.from('y')).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error instanceof Error && !(error instanceof BucketAccessError), String(error));
    assert.equal((error as NodeJS.ErrnoException).code, 'EISDIR');
  });
});

describe('withContentCheck', () => {
  /** A folder bucket that records the options each write reached it with. */
  class RecordingFolder extends FilesystemStorage {
    readonly writes: Array<{ key: string; options: WriteOptions | undefined }> = [];
    override writeBytes(key: string, data: Buffer, options?: WriteOptions): Promise<void> {
      this.writes.push({ key, options });
      return super.writeBytes(key, data);
    }
    override writeFile(key: string, localPath: string, options?: WriteOptions): Promise<void> {
      this.writes.push({ key, options });
      return super.writeFile(key, localPath);
    }
    async signedReadUrl(key: string, ttlSeconds: number): Promise<string> {
      return `signed:${this.location}/${key}?ttl=${ttlSeconds}`;
    }
  }

  /** A recording folder that hides its local files: what the content check sees of an object store. */
  function asObjectStore(folder: RecordingFolder): StorageBackend {
    return {
      location: folder.location,
      stat: (key) => folder.stat(key),
      readBytes: (key) => folder.readBytes(key),
      openRead: (key, range) => folder.openRead(key, range),
      writeBytes: (key, data, options) => folder.writeBytes(key, data, options),
      writeFile: (key, localPath, options) => folder.writeFile(key, localPath, options),
      list: (prefix) => folder.list(prefix),
      listObjects: (prefix) => folder.listObjects(prefix),
      touch: (key) => folder.touch(key),
      delete: (key) => folder.delete(key),
      stagingDir: () => folder.stagingDir(),
    };
  }

  async function recordingBucket(): Promise<RecordingFolder> {
    return new RecordingFolder((await freshBucket()).location);
  }

  it('hands an object store the checksums of its one pass, MD5 included, for bytes and for files', async () => {
    const inner = await recordingBucket();
    const storage = withContentCheck(asObjectStore(inner));
    const bytes = Buffer.from('layer bytes');
    const digest = sha256(bytes);
    const expected = { size: bytes.length, sha256Hex: digest.slice(7), md5Base64: createHash('md5').update(bytes).digest('base64') };
    await storage.writeBytes('blobs/sha256/a', bytes, { digest, contentType: 'x/y' });
    const staged = path.join(await storage.stagingDir(), 'staged');
    await writeFile(staged, bytes);
    await storage.writeFile('blobs/sha256/b', staged, { digest });
    assert.deepEqual(inner.writes, [
      { key: 'blobs/sha256/a', options: { digest, contentType: 'x/y', checksums: expected } },
      { key: 'blobs/sha256/b', options: { digest, checksums: expected } },
    ]);
    assert.equal(existsSync(staged), false, 'a checked file is consumed as usual');
  });

  it('spares a folder bucket the MD5 it has no upload to verify', async () => {
    const inner = await recordingBucket();
    const bytes = Buffer.from('layer bytes');
    const digest = sha256(bytes);
    await withContentCheck(inner).writeBytes('blobs/sha256/a', bytes, { digest });
    assert.deepEqual(inner.writes, [
      { key: 'blobs/sha256/a', options: { digest, checksums: { size: bytes.length, sha256Hex: digest.slice(7) } } },
    ]);
  });

  it('passes writes without a digest through unhashed', async () => {
    const inner = await recordingBucket();
    await withContentCheck(inner).writeBytes('index.json', Buffer.from('{}'), { contentType: 'application/json' });
    assert.deepEqual(inner.writes, [{ key: 'index.json', options: { contentType: 'application/json' } }]);
  });

  it('refuses a mismatch before the backend sees it, and leaves the staged file for its owner', async () => {
    const inner = await recordingBucket();
    const storage = withContentCheck(inner);
    const digest = sha256(Buffer.from('expected'));
    await assert.rejects(storage.writeBytes('blobs/sha256/c', Buffer.from('actual'), { digest }), ContentMismatchError);
    const staged = path.join(await storage.stagingDir(), 'staged');
    await writeFile(staged, 'actual');
    await assert.rejects(
      storage.writeFile('blobs/sha256/c', staged, { digest }),
      (error: unknown) => error instanceof ContentMismatchError && error.message.includes(`blobs/sha256/c in ${inner.location}`),
    );
    assert.deepEqual(inner.writes, []);
    assert.equal((await readFile(staged)).toString(), 'actual');
  });

  it('forwards every ability unchanged, and wraps only once', async () => {
    const inner = await recordingBucket();
    const storage = withContentCheck(inner);
    assert.equal(storage.location, inner.location);
    assert.equal(storage.local, inner.local);
    assert.equal(await storage.signedReadUrl?.('blobs/sha256/d', 60), `signed:${inner.location}/blobs/sha256/d?ttl=60`);
    assert.equal(withContentCheck(storage), storage);
    const plain = withContentCheck(await freshBucket());
    assert.equal(plain.signedReadUrl, undefined, 'no signer where the backend has none');
  });
});

describe('openStorage', () => {
  it('opens a plain path and a file:// URL as a folder bucket, with the content check in front', async () => {
    const plain = await openStorage(path.join(scratch.dir, 'p'));
    assert.equal(plain.location, path.join(scratch.dir, 'p'));
    assert.equal(plain.local?.folder, path.join(scratch.dir, 'p'));
    assert.equal(plain.local?.path('blobs/sha256/x'), path.join(scratch.dir, 'p', 'blobs', 'sha256', 'x'));
    const url = await openStorage(`file://${path.join(scratch.dir, 'with space')}`.replace(' ', '%20'));
    assert.equal(url.location, path.join(scratch.dir, 'with space'));
    assert.equal(url.local?.folder, path.join(scratch.dir, 'with space'));
    await assert.rejects(url.writeBytes('blobs/sha256/y', Buffer.from('y'), { digest: sha256(Buffer.from('z')) }), ContentMismatchError);
  });

  it('names the unsupported scheme', async () => {
    await assert.rejects(async () => openStorage('ftp://bucket/prefix'), /ftp:\/\/ is not supported; use a local folder, gs:\/\/BUCKET/);
    await assert.rejects(async () => openStorage('AZ://bucket'), /az:\/\/ is not supported/);
  });
});

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
