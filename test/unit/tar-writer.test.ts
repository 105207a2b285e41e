import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, readlinkSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import tarStream from 'tar-stream';
import type { Header } from 'tar-stream';
import { CHUNK_BYTES } from '../../src/archive/chunk-pool.ts';
import { walkTree } from '../../src/archive/store-walk.ts';
import { LAYER_MTIME, packStorePaths } from '../../src/archive/tar.ts';

// packStorePaths writes ustar headers and file contents itself (tar-writer.ts) and leaves entries that need pax to
// tar-stream. Layer digests must not depend on that: the archive must be byte for byte what tar-stream alone writes
// for the same entries. The reference below is tar-stream fed one entry at a time, as packing was done before.

const work = mkdtempSync(join(tmpdir(), 'tar-writer-'));
after(() => rmSync(work, { recursive: true, force: true }));
const root = join(work, 'root');
const STORE_PATH = '/nix/store/aaa-shapes';

function bytes(length: number, seed: string): Buffer {
  const out = Buffer.alloc(length);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < length; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** Every header shape: name lengths around ustar's limits, non-ASCII, link targets around 100 bytes, sizes around blocks and chunks. */
function buildShapes(): void {
  const top = root + STORE_PATH;
  mkdirSync(top, { recursive: true });
  const sizes = [0, 1, 511, 512, 513, 64 * 1024, 64 * 1024 + 1, CHUNK_BYTES - 700, CHUNK_BYTES + 1, 2 * CHUNK_BYTES + 300];
  for (const size of sizes) writeFileSync(join(top, `size-${size}`), bytes(size, `s${size}`));
  // Names of 99..101 characters (the whole archive name counts), splittable and not.
  const base = 'nix/store/aaa-shapes/'.length;
  for (const length of [99, 100, 101, 150, 254, 256]) {
    const name = 'n'.repeat(length - base - 4) + '.txt';
    if (name.length <= 255) writeFileSync(join(top, name), `name ${length}\n`);
  }
  const deep = join(top, 'p'.repeat(80), 'q'.repeat(80), 'r'.repeat(40));
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(deep, 'deep-file'), 'deep\n');
  writeFileSync(join(deep, 'big-deep-file'), bytes(200 * 1024, 'deep'));
  mkdirSync(join(top, 'ünïcode'));
  writeFileSync(join(top, 'ünïcode', 'fïle'), 'utf-8 name\n');
  writeFileSync(join(top, 'ünïcode', 'big-fïle'), bytes(300 * 1024, 'unicode'));
  symlinkSync('t'.repeat(100), join(top, 'link-100'));
  symlinkSync('t'.repeat(101), join(top, 'link-101'));
  symlinkSync('ü'.repeat(50), join(top, 'link-unicode-100-bytes'));
  symlinkSync('../size-1', join(top, 'link-short'));
  for (const mode of [0o400, 0o444, 0o555, 0o755, 0o4755, 0o1777]) {
    const file = join(top, `mode-${mode.toString(8)}`);
    writeFileSync(file, 'mode\n');
    chmodSync(file, mode);
  }
  const empty = join(top, 'mode-0');
  writeFileSync(empty, '');
  chmodSync(empty, 0);
  mkdirSync(join(top, 'dir-0700'), { mode: 0o700 });
}

/** The same layer written entry by entry through tar-stream alone. */
async function referenceTar(): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  const add = (header: Partial<Header> & Pick<Header, 'name'>, content?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => (err ? reject(err) : resolve());
      if (content === undefined) pack.entry(header, done);
      else pack.entry(header, content, done);
    });
  const common = { uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: LAYER_MTIME };
  await add({ ...common, name: 'nix/', type: 'directory', mode: 0o755 });
  await add({ ...common, name: 'nix/store/', type: 'directory', mode: 0o755 });
  for (const { name, diskPath, stats, fd } of walkTree(root + STORE_PATH, STORE_PATH.slice(1))) {
    if (fd !== null) closeSync(fd);
    const mode = stats.mode & 0o7777;
    if (stats.isDirectory()) await add({ ...common, name: name + '/', type: 'directory', mode });
    else if (stats.isSymbolicLink()) await add({ ...common, name, type: 'symlink', mode: 0o777, linkname: readlinkSync(diskPath) });
    else await add({ ...common, name, type: 'file', mode, size: stats.size }, readFileSync(diskPath));
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('packStorePaths writes what tar-stream writes', () => {
  test('every header shape and content size, byte for byte', async () => {
    buildShapes();
    const ours = await collect(packStorePaths([STORE_PATH], { root }));
    const reference = await referenceTar();
    assert.equal(ours.length, reference.length);
    // Find the first differing block, to name the entry in a failure.
    const at = ours.findIndex((byte, i) => byte !== reference[i]);
    assert.equal(at, -1, `first difference at byte ${at} (block ${Math.floor(at / 512)})`);
  });
});
