// Walks store paths in archive order and reads small files, with plain synchronous system calls on the packing
// thread. A layer is often 100k+ small files; a threadpool round trip per lstat/open/read/close costs far more
// than the call itself (the store is normally in the page cache right after a build), so this is what keeps
// packing near tar's speed. The caller yields to the event loop between slices of work (see yieldEvery).
import { isUtf8 } from 'node:buffer';
import type { Stats } from 'node:fs';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface WalkEntry {
  /** Name inside the archive, without a leading slash (nix/store/abc-foo/bin/foo). */
  name: string;
  diskPath: string;
  stats: Stats;
  /**
   * A regular file comes open, its stats read through the descriptor: its path is resolved once, not twice (lstat,
   * then open), which is a large part of the cost of a small file. The caller closes it.
   */
  fd: number | null;
}

// A file that turns out not to be a regular one (the store changed under us) must neither follow a symlink nor block
// on a FIFO; fstat then tells what it is.
const OPEN_FILE = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

interface Pending {
  name: string;
  diskPath: string;
  /** The directory listing says it is a regular file (a file system that does not say gets lstat first). */
  isFile: boolean;
}

/** Depth-first walk of one tree, each directory's names sorted bytewise; yields the root itself first. */
export function* walkTree(diskPath: string, name: string): Generator<WalkEntry> {
  // An explicit stack: no generator per directory level, and siblings come off it in sorted order.
  const stack: Pending[] = [{ name, diskPath, isFile: false }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const entry = visit(next);
    yield entry;
    if (!entry.stats.isDirectory()) continue;
    const children = readdirSync(entry.diskPath, { encoding: 'buffer', withFileTypes: true }).sort((a, b) =>
      Buffer.compare(a.name, b.name),
    );
    for (let i = children.length - 1; i >= 0; i--) {
      const child = utf8Name(children[i]!.name, entry.diskPath);
      stack.push({ name: entry.name + '/' + child, diskPath: entry.diskPath + '/' + child, isFile: children[i]!.isFile() });
    }
  }
}

function visit({ name, diskPath, isFile }: Pending): WalkEntry {
  if (!isFile) {
    const stats = lstatSync(diskPath);
    if (!stats.isFile()) return { name, diskPath, stats, fd: null };
  }
  const fd = openSync(diskPath, OPEN_FILE);
  try {
    return { name, diskPath, stats: fstatSync(fd), fd };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** A symlink's target, checked to be UTF-8. */
export function readLinkTarget(diskPath: string): string {
  return utf8Name(readlinkSync(diskPath, { encoding: 'buffer' }), diskPath);
}

/** Reads exactly `size` bytes of an open file, failing if it turns out shorter or longer (it changed since fstat). */
export function readWholeFile(fd: number, diskPath: string, size: number): Buffer {
  // One spare byte tells a file that grew from one that is exactly as long as fstat said.
  const buffer = Buffer.allocUnsafe(size + 1);
  let filled = 0;
  for (;;) {
    const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
    if (filled > size) break;
  }
  if (filled !== size) throw sizeChanged(diskPath, size);
  return buffer.subarray(0, size);
}

/** An open file's bytes in fresh chunks of up to `chunkBytes` (each handed on, never reused), read as it is iterated. */
export function* readFileChunks(fd: number, chunkBytes: number): Generator<Buffer> {
  for (;;) {
    const chunk = Buffer.allocUnsafeSlow(chunkBytes);
    const bytesRead = readSync(fd, chunk, 0, chunkBytes, null);
    if (bytesRead === 0) return;
    yield bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead);
  }
}

/**
 * Returns a function to call after each unit of synchronous work: every `milliseconds` it waits for one turn of the
 * event loop, so timers, sockets and other layers are served while a layer is packed (a cold disk makes a single
 * call slow, never a whole run of them).
 */
export function yieldEvery(milliseconds: number): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < milliseconds) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}

export function sizeChanged(diskPath: string, expected: number): Error {
  return new Error(
    `${diskPath} changed size while being archived (expected ${expected} bytes): store paths must not change during a build`,
  );
}

export function utf8Name(raw: Buffer, where: string): string {
  const text = raw.toString('utf8');
  if (!isUtf8(raw)) {
    throw new Error(`cannot archive a name that is not valid UTF-8 in ${where} (${JSON.stringify(text)}): rename it`);
  }
  return text;
}
