import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
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
    for (const key of ['repositories/z/_tags/1', 'blobs/sha256/bb', 'repositories/a/_tags/latest', 'blobs/sha256/aa', 'index.json', 'blobsx']) {
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

describe('openStorage', () => {
  it('opens a plain path and a file:// URL as a folder bucket', async () => {
    const plain = await openStorage(path.join(scratch.dir, 'p'));
    assert.ok(plain instanceof FilesystemStorage);
    assert.equal(plain.location, path.join(scratch.dir, 'p'));
    const url = await openStorage(`file://${path.join(scratch.dir, 'with space')}`.replace(' ', '%20'));
    assert.ok(url instanceof FilesystemStorage);
    assert.equal(url.location, path.join(scratch.dir, 'with space'));
  });

  it('names the unsupported scheme', async () => {
    await assert.rejects(async () => openStorage('ftp://bucket/prefix'), /ftp:\/\/ is not supported; use a local folder, gs:\/\/BUCKET/);
    await assert.rejects(async () => openStorage('AZ://bucket'), /az:\/\/ is not supported/);
  });
});
