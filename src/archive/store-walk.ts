// Walks store paths in archive order and reads small files, with plain synchronous system calls on the packing
// thread. A layer is often 100k+ small files; a threadpool round trip per lstat/open/read/close costs far more
// than the call itself (the store is normally in the page cache right after a build), so this is what keeps
// packing near tar's speed. The caller yields to the event loop between slices of work (see yieldEvery).
import type { Stats } from 'node:fs';
import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface WalkEntry {
  /** Name inside the archive, without a leading slash (nix/store/abc-foo/bin/foo). */
  name: string;
  diskPath: string;
  stats: Stats;
}

/** Depth-first walk of one tree, each directory's names sorted bytewise; yields the root itself first. */
export function* walkTree(diskPath: string, name: string): Generator<WalkEntry> {
  // An explicit stack: no generator per directory level, and siblings come off it in sorted order.
  const stack: WalkEntry[] = [{ name, diskPath, stats: lstatSync(diskPath) }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    yield entry;
    if (!entry.stats.isDirectory()) continue;
    const children = readdirSync(entry.diskPath, { encoding: 'buffer' }).sort(Buffer.compare);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = utf8Name(children[i]!, entry.diskPath);
      const childPath = entry.diskPath + '/' + child;
      stack.push({ name: entry.name + '/' + child, diskPath: childPath, stats: lstatSync(childPath) });
    }
  }
}

/** A symlink's target, checked to be UTF-8. */
export function readLinkTarget(diskPath: string): string {
  return utf8Name(readlinkSync(diskPath, { encoding: 'buffer' }), diskPath);
}

/** Reads exactly `size` bytes, failing if the file turns out shorter or longer (it changed since lstat). */
export function readWholeFile(diskPath: string, size: number): Buffer {
  const fd = openSync(diskPath, 'r');
  try {
    // One spare byte tells a file that grew from one that is exactly as long as lstat said.
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
  } finally {
    closeSync(fd);
  }
}

/** A file's bytes in fresh chunks of up to `chunkBytes` (each handed on, never reused), read as it is iterated. */
export function* readFileChunks(diskPath: string, chunkBytes: number): Generator<Buffer> {
  const fd = openSync(diskPath, 'r');
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafeSlow(chunkBytes);
      const bytesRead = readSync(fd, chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
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
  if (!Buffer.from(text, 'utf8').equals(raw)) {
    throw new Error(`cannot archive a name that is not valid UTF-8 in ${where} (${JSON.stringify(text)}): rename it`);
  }
  return text;
}
