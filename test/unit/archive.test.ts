import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  truncateSync,
  appendFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { after, before, describe, test } from 'node:test';
import tarStream from 'tar-stream';
import type { Header } from 'tar-stream';
import { compressLayer } from '../../src/archive/compress.ts';
import { LAYER_MTIME, packEntries, packStorePaths } from '../../src/archive/tar.ts';
import { COMPRESSIONS } from '../../src/oci/media-types.ts';

// These tests read the archives back with the real tools; a missing tool is an error, not a skip.
function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`archive tests need "${name}" on PATH (apt-get install -y tar zstd coreutils gzip)`);
  }
}
for (const tool of ['tar', 'zcat', 'zstd', 'sha256sum']) requireTool(tool);

const LONG_NAME = 'd'.repeat(60) + '/' + 'e'.repeat(60) + '/' + 'f'.repeat(90) + '.txt';
const BIG_BYTES = 8 * 1024 * 1024 + 123;

let work: string;
let root: string;
const FOO = '/nix/store/aaa-foo';
const FILE_PATH = '/nix/store/bbb-script.sh';
const LINK_PATH = '/nix/store/ccc-link';

/** A fake store: `root` stands for "/" so entries are named nix/store/... exactly as in a real layer. */
function buildStore(): void {
  work = mkdtempSync(join(tmpdir(), 'archive-test-'));
  root = join(work, 'root');
  const foo = root + FOO;
  mkdirSync(join(foo, 'bin'), { recursive: true });
  mkdirSync(join(foo, 'a'), { recursive: true });
  mkdirSync(join(foo, 'share', 'ünïcode'), { recursive: true });
  writeFileSync(join(foo, 'a.txt'), 'hello\n');
  writeFileSync(join(foo, 'a', 'b'), 'nested\n');
  writeFileSync(join(foo, 'bin', 'run'), '#!/bin/sh\necho hi\n');
  writeFileSync(join(foo, 'share', 'ünïcode', 'fïle'), 'utf-8 name\n');
  writeFileSync(join(foo, 'big'), pseudoRandom(BIG_BYTES));
  symlinkSync('../a.txt', join(foo, 'bin', 'link'));
  symlinkSync('/nix/store/' + 'x'.repeat(120) + '-long-target', join(foo, 'dangling-long-link'));
  linkSync(join(foo, 'a.txt'), join(foo, 'hard'));
  mkdirSync(join(foo, LONG_NAME, '..'), { recursive: true });
  writeFileSync(join(foo, LONG_NAME), 'long\n');
  chmodSync(join(foo, 'bin', 'run'), 0o555);
  for (const f of ['a.txt', 'a/b', 'big', LONG_NAME]) chmodSync(join(foo, f), 0o444);
  for (const d of ['bin', 'a', 'share', '']) chmodSync(join(foo, d), 0o555);
  writeFileSync(root + FILE_PATH, '#!/bin/sh\n');
  chmodSync(root + FILE_PATH, 0o555);
  symlinkSync(FOO, root + LINK_PATH);
}

function pseudoRandom(bytes: number): Buffer {
  // Deterministic and poorly compressible, so compressed sizes are realistic.
  const out = Buffer.alloc(bytes);
  let block = createHash('sha256').update('seed').digest();
  for (let i = 0; i < bytes; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readHeaders(tar: Buffer): Promise<Header[]> {
  const extract = tarStream.extract();
  const headers: Header[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      headers.push(entry.header);
      entry.resume();
    }
  })();
  extract.end(tar);
  await done;
  return headers;
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

before(buildStore);
after(() => rmSync(work, { recursive: true, force: true }));

describe('packStorePaths', () => {
  const paths = () => [LINK_PATH, FOO, FILE_PATH, FOO];

  test('gives byte-identical output on every run', async () => {
    const first = await collect(packStorePaths(paths(), { root }));
    const second = await collect(packStorePaths([...paths()].reverse(), { root }));
    assert.ok(first.length > BIG_BYTES);
    assert.equal(sha256Hex(first), sha256Hex(second));
  });

  test('writes nix/ and nix/store/ first, then a sorted depth-first walk of each store path', async () => {
    const headers = await readHeaders(await collect(packStorePaths(paths(), { root })));
    assert.deepEqual(
      headers.map((h) => h.name),
      [
        'nix/',
        'nix/store/',
        'nix/store/aaa-foo/',
        'nix/store/aaa-foo/a/',
        'nix/store/aaa-foo/a/b',
        'nix/store/aaa-foo/a.txt',
        'nix/store/aaa-foo/big',
        'nix/store/aaa-foo/bin/',
        'nix/store/aaa-foo/bin/link',
        'nix/store/aaa-foo/bin/run',
        'nix/store/aaa-foo/dangling-long-link',
        'nix/store/aaa-foo/' + 'd'.repeat(60) + '/',
        'nix/store/aaa-foo/' + 'd'.repeat(60) + '/' + 'e'.repeat(60) + '/',
        'nix/store/aaa-foo/' + LONG_NAME,
        'nix/store/aaa-foo/hard',
        'nix/store/aaa-foo/share/',
        'nix/store/aaa-foo/share/ünïcode/',
        'nix/store/aaa-foo/share/ünïcode/fïle',
        'nix/store/bbb-script.sh',
        'nix/store/ccc-link',
      ],
    );
  });

  test('owns everything by root with a fixed mtime and keeps modes, symlinks and hard links as files', async () => {
    const headers = await readHeaders(await collect(packStorePaths(paths(), { root })));
    const byName = new Map(headers.map((h) => [h.name, h]));
    for (const h of headers) {
      assert.equal(h.uid, 0, h.name);
      assert.equal(h.gid, 0, h.name);
      assert.equal(h.uname, 'root', h.name);
      assert.equal(h.gname, 'root', h.name);
      assert.equal(h.mtime.getTime(), LAYER_MTIME.getTime(), h.name);
    }
    assert.equal(LAYER_MTIME.toISOString(), '1970-01-01T00:00:01.000Z');
    assert.equal(byName.get('nix/')?.mode, 0o755);
    assert.equal(byName.get('nix/store/')?.mode, 0o755);
    assert.equal(byName.get('nix/store/aaa-foo/')?.mode, 0o555);
    assert.equal(byName.get('nix/store/aaa-foo/bin/run')?.mode, 0o555);
    assert.equal(byName.get('nix/store/aaa-foo/a.txt')?.mode, 0o444);
    assert.equal(byName.get('nix/store/bbb-script.sh')?.type, 'file');
    assert.equal(byName.get('nix/store/aaa-foo/bin/link')?.type, 'symlink');
    assert.equal(byName.get('nix/store/aaa-foo/bin/link')?.linkname, '../a.txt');
    assert.equal(byName.get('nix/store/ccc-link')?.linkname, FOO);
    const hard = byName.get('nix/store/aaa-foo/hard');
    assert.equal(hard?.type, 'file');
    assert.equal(hard?.size, 6);
    assert.equal(byName.get('nix/store/aaa-foo/big')?.size, BIG_BYTES);
  });

  test('is read back by GNU tar with identical contents', async () => {
    const tarFile = join(work, 'readback.tar');
    writeFileSync(tarFile, await collect(packStorePaths(paths(), { root })));
    const listing = execFileSync('tar', ['-tvf', tarFile, '--numeric-owner'], { encoding: 'utf8' });
    assert.match(listing, /^-r--r--r-- 0\/0 +6 1970-01-01 00:00 nix\/store\/aaa-foo\/hard$/m);
    assert.match(listing, /^lrwxrwxrwx 0\/0 +0 1970-01-01 00:00 nix\/store\/aaa-foo\/bin\/link -> \.\.\/a\.txt$/m);

    const out = join(work, 'extracted');
    mkdirSync(out);
    execFileSync('tar', ['-xf', tarFile, '-C', out]);
    const files = ['a.txt', 'a/b', 'big', 'bin/run', 'hard', LONG_NAME, 'share/ünïcode/fïle'];
    for (const f of files) {
      assert.ok(readFileSync(join(out, FOO, f)).equals(readFileSync(join(root, FOO, f))), f);
    }
    assert.ok(readFileSync(join(out, FILE_PATH)).equals(readFileSync(join(root, FILE_PATH))));
    assert.equal(readlinkSync(join(out, FOO, 'bin/link')), '../a.txt');
    assert.equal(readlinkSync(join(out, FOO, 'dangling-long-link')), '/nix/store/' + 'x'.repeat(120) + '-long-target');
    assert.equal(readlinkSync(join(out, LINK_PATH)), FOO);
    assert.equal(lstatSync(join(out, FOO, 'bin/run')).mode & 0o7777, 0o555);
    assert.equal(lstatSync(join(out, FOO, 'hard')).nlink, 1);
  });

  test('rejects names that are not top-level store paths', () => {
    for (const bad of ['/nix/store/aaa-foo/bin', 'nix/store/aaa-foo', '/tmp/aaa-foo', '/nix/store/', '/nix/store/..']) {
      assert.throws(() => packStorePaths([bad], { root }), /is not a store path/, bad);
    }
  });

  test('fails with the path of a socket or FIFO', async () => {
    const special = '/nix/store/ddd-special';
    mkdirSync(root + special);
    const socketPath = join(root + special, 'sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      await assert.rejects(collect(packStorePaths([special], { root })), (err: Error) => {
        assert.match(err.message, /ddd-special\/sock into a layer: it is a socket/);
        return true;
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    execFileSync('mkfifo', [join(root + special, 'fifo')]);
    await assert.rejects(collect(packStorePaths([special], { root })), /ddd-special\/fifo into a layer: it is a FIFO/);
    rmSync(root + special, { recursive: true });
  });

  test('fails when a store path is missing', async () => {
    await assert.rejects(collect(packStorePaths(['/nix/store/zzz-missing'], { root })), /ENOENT.*zzz-missing/);
  });

  for (const change of ['shrinks', 'grows'] as const) {
    test(`fails when a file ${change} while it is being read`, async (t) => {
      const storePath = `/nix/store/eee-changing-${change}`;
      t.after(() => rmSync(root + storePath, { recursive: true }));
      const file = join(root + storePath, 'data');
      mkdirSync(root + storePath);
      writeFileSync(file, pseudoRandom(BIG_BYTES));
      const stream = packStorePaths([storePath], { root });
      // Backpressure keeps the packer at most a few chunks ahead, so the change lands mid-file.
      const iterator = stream[Symbol.asyncIterator]();
      for (let seen = 0; seen < 2 * 1024 * 1024; ) seen += ((await iterator.next()).value as Buffer).length;
      if (change === 'shrinks') truncateSync(file, 1024 * 1024);
      else appendFileSync(file, pseudoRandom(4 * 1024 * 1024));
      await assert.rejects(
        (async () => {
          for (let r = await iterator.next(); !r.done; r = await iterator.next());
        })(),
        new RegExp(`${storePath}/data changed size while being archived`),
      );
    });
  }

  test('stops cleanly when the reader gives up early', async () => {
    const stream = packStorePaths([FOO], { root });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.equal(first.done, false);
    await iterator.return?.();
    assert.equal(stream.destroyed, true);
  });

  test('closes every file it opened, whether it finishes, fails or is given up early', async (t) => {
    const storePath = '/nix/store/ggg-descriptors';
    t.after(() => rmSync(root + storePath, { recursive: true }));
    mkdirSync(root + storePath);
    writeFileSync(join(root + storePath, 'a-big'), pseudoRandom(BIG_BYTES));
    for (let i = 0; i < 50; i++) writeFileSync(join(root + storePath, `b-small-${i}`), `file ${i}`);
    // Only descriptors into this store path count: others in the process open and close on their own.
    const openFiles = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).startsWith(root + storePath);
        } catch {
          return false; // closed between the listing and the read
        }
      }).length;
    const before = openFiles();
    assert.equal(before, 0);

    await collect(packStorePaths([storePath], { root }));
    assert.equal(openFiles(), before, 'after a whole layer');

    const stream = packStorePaths([storePath], { root });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next(); // the big file is open now, part read
    await iterator.return?.();
    await finished(stream).catch(() => {});
    assert.equal(openFiles(), before, 'after giving up inside the big file');

    execFileSync('mkfifo', [join(root + storePath, 'c-fifo')]);
    await assert.rejects(collect(packStorePaths([storePath], { root })), /c-fifo into a layer: it is a FIFO/);
    assert.equal(openFiles(), before, 'after a failure');
  });
});

describe('packEntries', () => {
  const entries = () => [
    { type: 'file' as const, path: '/etc/passwd', mode: 0o644, content: Buffer.from('root:x:0:0::/root:/bin/sh\n') },
    { type: 'symlink' as const, path: '/bin', target: '/nix/store/aaa-foo/bin' },
    { type: 'directory' as const, path: '/tmp', mode: 0o1777 },
    { type: 'file' as const, path: '/etc/group', mode: 0o644, content: Buffer.from('root:x:0:\n') },
    { type: 'symlink' as const, path: '/usr/bin/env', target: '/nix/store/aaa-foo/bin/env' },
  ];

  test('sorts entries, adds missing parents as 0755 and is deterministic', async () => {
    const tar = await collect(packEntries(entries()));
    assert.equal(sha256Hex(tar), sha256Hex(await collect(packEntries(entries().reverse()))));
    const headers = await readHeaders(tar);
    assert.deepEqual(
      headers.map((h) => [h.name, h.type, h.mode]),
      [
        ['bin', 'symlink', 0o777],
        ['etc/', 'directory', 0o755],
        ['etc/group', 'file', 0o644],
        ['etc/passwd', 'file', 0o644],
        ['tmp/', 'directory', 0o1777],
        ['usr/', 'directory', 0o755],
        ['usr/bin/', 'directory', 0o755],
        ['usr/bin/env', 'symlink', 0o777],
      ],
    );
    for (const h of headers) {
      assert.equal(h.uid, 0);
      assert.equal(h.mtime.getTime(), LAYER_MTIME.getTime());
    }
  });

  test('is read back by GNU tar', async () => {
    const out = join(work, 'entries');
    mkdirSync(out);
    const tarFile = join(work, 'entries.tar');
    writeFileSync(tarFile, await collect(packEntries(entries())));
    execFileSync('tar', ['-xf', tarFile, '-C', out]);
    assert.equal(readFileSync(join(out, 'etc/passwd'), 'utf8'), 'root:x:0:0::/root:/bin/sh\n');
    assert.equal(readlinkSync(join(out, 'bin')), '/nix/store/aaa-foo/bin');
    assert.equal(lstatSync(join(out, 'tmp')).mode & 0o7777, 0o1777);
  });

  test('rejects duplicates, entries below files, bad paths and bad modes', () => {
    const file = { type: 'file' as const, path: '/etc/passwd', mode: 0o644, content: Buffer.alloc(0) };
    assert.throws(() => packEntries([file, file]), /"\/etc\/passwd" is listed twice/);
    assert.throws(
      () =>
        packEntries([
          { type: 'symlink', path: '/bin', target: '/x' },
          { ...file, path: '/bin/sh' },
        ]),
      /"\/bin\/sh" lies below "\/bin", which is a symlink/,
    );
    for (const path of ['etc/passwd', '/etc/', '/etc//passwd', '/etc/../passwd', '/']) {
      assert.throws(() => packEntries([{ ...file, path }]), /must be absolute and normalised/, path);
    }
    assert.throws(() => packEntries([{ ...file, mode: 0 }]), /has mode 0/);
  });
});

describe('compressLayer', () => {
  for (const compression of COMPRESSIONS) {
    test(`${compression}: digests match sha256sum of the blob and of its decompressed tar`, async () => {
      const dest = join(work, `layer.${compression}`);
      const result = await compressLayer(packStorePaths([FOO, FILE_PATH], { root }), compression, dest);
      const tar = await collect(packStorePaths([FOO, FILE_PATH], { root }));

      const blobSum = execFileSync('sha256sum', [dest], { encoding: 'utf8' }).split(' ')[0];
      assert.equal(result.digest, `sha256:${blobSum}`);
      assert.equal(result.size, lstatSync(dest).size);
      const decompressed =
        compression === 'gzip'
          ? execFileSync('zcat', [dest], { maxBuffer: 1 << 30 })
          : compression === 'zstd'
            ? execFileSync('zstd', ['-dc', dest], { maxBuffer: 1 << 30 })
            : readFileSync(dest);
      const diffSum = execFileSync('sha256sum', { input: decompressed, encoding: 'utf8' }).split(' ')[0];
      assert.equal(result.diffId, `sha256:${diffSum}`);
      assert.equal(result.diffId, `sha256:${sha256Hex(tar)}`);
      assert.equal(result.uncompressedSize, tar.length);
      if (compression === 'none') assert.equal(result.digest, result.diffId);
      else assert.ok(result.size < result.uncompressedSize);

      const again = await compressLayer(packStorePaths([FOO, FILE_PATH], { root }), compression, dest + '.again');
      assert.deepEqual(again, result);
    });
  }

  test('gzip header carries no name and mtime 0', async () => {
    const dest = join(work, 'header.gz');
    await compressLayer(packEntries([{ type: 'directory', path: '/tmp', mode: 0o1777 }]), 'gzip', dest);
    const header = readFileSync(dest).subarray(0, 10);
    assert.deepEqual([...header], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  });

  for (const compression of COMPRESSIONS) {
    test(`${compression}: a failing tar stream rejects and leaves no partial blob`, async (t) => {
      const broken = '/nix/store/fff-broken';
      mkdirSync(root + broken);
      t.after(() => rmSync(root + broken, { recursive: true }));
      writeFileSync(join(root + broken, 'a-big'), pseudoRandom(BIG_BYTES));
      execFileSync('mkfifo', [join(root + broken, 'z-fifo')]);
      const dest = join(work, `broken.${compression}`);
      await assert.rejects(
        compressLayer(packStorePaths([broken], { root }), compression, dest),
        /fff-broken\/z-fifo into a layer: it is a FIFO/,
      );
      assert.equal(existsSync(dest), false);
    });
  }

  test('a destination that cannot be written rejects with the path', async () => {
    const dest = join(work, 'no-such-dir', 'layer.gz');
    await assert.rejects(compressLayer(packStorePaths([FILE_PATH], { root }), 'gzip', dest), /ENOENT.*no-such-dir/);
    assert.equal(existsSync(dest), false);
  });
});
