// Walks store paths in archive order while keeping the libuv threadpool busy: a layer is often 100k+ small
// files, and one lstat/open/read/close round trip at a time leaves the packer idle most of the time.
import type { Stats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';

export interface WalkEntry {
  /** Name inside the archive, without a leading slash (nix/store/abc-foo/bin/foo). */
  name: string;
  diskPath: string;
  stats: Stats;
}

export interface PrefetchedEntry extends WalkEntry {
  /** Whole content of a small file, or a symlink's target bytes, read ahead of time. */
  content?: Promise<Buffer>;
}

// Siblings are lstat'ed this many at a time: enough to fill the threadpool, few enough to bound memory.
const LSTAT_BATCH = 64;

/** Depth-first walk of one tree, each directory's names sorted bytewise; yields the root itself first. */
export async function* walkTree(diskPath: string, name: string, stats?: Stats): AsyncGenerator<WalkEntry> {
  const own = stats ?? (await lstat(diskPath));
  yield { name, diskPath, stats: own };
  if (!own.isDirectory()) return;
  const children = await readdir(diskPath, { encoding: 'buffer' });
  children.sort(Buffer.compare);
  for (let i = 0; i < children.length; i += LSTAT_BATCH) {
    const batch = children.slice(i, i + LSTAT_BATCH).map((raw) => utf8Name(raw, diskPath));
    const batchStats = await Promise.all(batch.map((child) => lstat(diskPath + '/' + child)));
    for (const [j, child] of batch.entries()) {
      yield* walkTree(diskPath + '/' + child, name + '/' + child, batchStats[j]);
    }
  }
}

export interface PrefetchLimits {
  /** Entries looked at ahead of the one being written. */
  entries: number;
  /** Bytes of small-file content held ahead of the one being written. */
  bytes: number;
  /** Files up to this size are read whole, ahead of time; bigger ones are left for streaming. */
  smallFileBytes: number;
}

/** Passes entries through in order, having started reads of small files and symlink targets ahead of time. */
export async function* prefetchContent(entries: AsyncIterable<WalkEntry>, limits: PrefetchLimits): AsyncGenerator<PrefetchedEntry> {
  const source = entries[Symbol.asyncIterator]();
  const window: PrefetchedEntry[] = [];
  let windowBytes = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && window.length < limits.entries && windowBytes < limits.bytes) {
        const next = await source.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const entry: PrefetchedEntry = next.value;
        if (entry.stats.isSymbolicLink()) {
          entry.content = readlink(entry.diskPath, { encoding: 'buffer' });
        } else if (entry.stats.isFile() && entry.stats.size <= limits.smallFileBytes) {
          entry.content = readWholeFile(entry.diskPath, entry.stats.size);
          windowBytes += entry.stats.size;
        }
        // Read failures surface when the entry is written; until then they must not count as unhandled.
        entry.content?.catch(() => {});
        window.push(entry);
      }
      const entry = window.shift();
      if (entry === undefined) return;
      if (entry.content !== undefined && entry.stats.isFile()) windowBytes -= entry.stats.size;
      yield entry;
    }
  } finally {
    await source.return?.(undefined);
  }
}

/** Reads exactly `size` bytes, failing if the file turns out shorter or longer (it changed since lstat). */
async function readWholeFile(diskPath: string, size: number): Promise<Buffer> {
  const file = await open(diskPath, 'r');
  try {
    // One spare byte tells a file that grew from one that is exactly as long as lstat said.
    const buffer = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > size) break;
    }
    if (filled !== size) throw sizeChanged(diskPath, size);
    return buffer.subarray(0, size);
  } finally {
    await file.close();
  }
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
