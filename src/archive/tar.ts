// Deterministic layer tarballs, modelled on nixpkgs' stream_layered_image.py: the same inputs always give
// the same bytes, so layer digests are stable across builds and machines.
import type { Stats } from 'node:fs';
import { closeSync } from 'node:fs';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import type { Header, Pack } from 'tar-stream';
import { readFileChunks, readLinkTarget, readWholeFile, sizeChanged, walkTree, yieldEvery } from './store-walk.ts';
import type { WalkEntry } from './store-walk.ts';
import { TarWriter } from './tar-writer.ts';

type TarHeader = Partial<Header> & Pick<Header, 'name'>;

/** Synthetic entries, used for the customisation layer (symlink farm, /etc/passwd, /tmp ...). */
export type LayerEntry =
  | { type: 'directory'; path: string; mode: number; owner?: Owner }
  | { type: 'file'; path: string; mode: number; content: Buffer }
  | { type: 'symlink'; path: string; target: string };

/** Numeric owner of a synthetic directory (a user's home, a working directory); root:root when absent. */
export interface Owner {
  uid: number;
  gid: number;
}

const LAYER_MTIME_MS = 1000;
/** Fixed mtime of every entry: 1970-01-01T00:00:01Z, the same instant as the image config's fixed `created`. */
export const LAYER_MTIME: Date = new Date(LAYER_MTIME_MS);

/** Mode of directories we make up ourselves (/nix, /nix/store, missing parents of synthetic entries). */
const IMPLIED_DIRECTORY_MODE = 0o755;
const STORE_DIR = '/nix/store';
// Big enough to keep per-chunk overhead (a threadpool round trip, a hash update, a write) low, small enough that
// several concurrent layers stay cheap.
const READ_CHUNK_BYTES = 512 * 1024;
// Chunks handed to the consumer are at least this big (except the last).
const OUTPUT_CHUNK_BYTES = 256 * 1024;
// Files up to this size are read whole, with one read; bigger ones are streamed in chunks.
const SMALL_FILE_BYTES = 64 * 1024;
// The walk and small-file reads are synchronous; the event loop gets a turn at least this often (ms).
const SLICE_MS = 4;
/** How a tar archive ends (two zero blocks), as tar-stream writes it. */
const END_OF_TAR = Buffer.alloc(1024);

export interface PackStorePathsOptions {
  /**
   * Directory that stands for "/" when reading from disk: `/nix/store/x` is read from `<root>/nix/store/x`
   * but still named `nix/store/x` in the archive. Defaults to "/"; tests and benchmarks point it at a temp dir.
   */
  root?: string;
}

/**
 * Deterministic tar of whole store paths (absolute, e.g. /nix/store/abc-hello).
 *
 * Layout: `nix/` and `nix/store/` (mode 0755) first, then each store path (sorted, duplicates dropped)
 * walked depth-first with each directory's names sorted bytewise. Names have no leading slash; directories
 * end in "/". Every entry is owned by root:root (uid/gid 0) and has mtime LAYER_MTIME. Permission bits
 * are kept, symlinks stay symlinks, and hard links are written as regular files. Big files are streamed
 * from disk and small ones read at most a few MiB ahead, so memory stays flat whatever the closure size.
 *
 * The returned stream errors (never hangs) if a path is missing, holds a socket/FIFO/device, has a name
 * that is not UTF-8, or a file changes size while being read.
 */
export function packStorePaths(storePaths: string[], options: PackStorePathsOptions = {}): Readable {
  const root = options.root ?? '/';
  for (const storePath of storePaths) assertTopLevelStorePath(storePath);
  const sorted = [...new Set(storePaths)].sort(compareBytewise);

  return Readable.from(storeTarChunks(sorted, root), { objectMode: false });
}

/**
 * The tar of sorted store paths in pooled chunks, written by TarWriter; the rare entry whose header needs pax (a
 * non-ASCII or over-long name, a long link target) is written by tar-stream instead, byte for byte as before.
 */
async function* storeTarChunks(sorted: string[], root: string): AsyncGenerator<Buffer> {
  const out = new TarWriter(LAYER_MTIME_MS / 1000);
  out.header({ name: 'nix/', type: 'directory', mode: IMPLIED_DIRECTORY_MODE, size: 0 });
  out.header({ name: 'nix/store/', type: 'directory', mode: IMPLIED_DIRECTORY_MODE, size: 0 });
  const slice = yieldEvery(SLICE_MS);
  for (const storePath of sorted) {
    for (const entry of walkTree(joinDiskPath(root, storePath), storePath.slice(1))) {
      try {
        if (!writeWalkEntry(out, entry)) yield* writeWithTarStream(out, entry, slice);
        else if (entry.fd !== null && entry.stats.size > SMALL_FILE_BYTES) yield* writeBigFile(out, entry, slice);
      } finally {
        if (entry.fd !== null) closeSync(entry.fd);
      }
      // Most entries fill no chunk and need no turn of the event loop: they cost no await.
      if (out.hasFull()) yield* out.takeFull();
      const turn = slice();
      if (turn) await turn;
    }
  }
  out.write(END_OF_TAR);
  yield* out.takeFull();
  const last = out.finish();
  if (last) yield last;
}

/**
 * Writes an entry's header, and a small file's content, in place; returns false (having written nothing) when
 * the header needs tar-stream. A big file's content is left to writeBigFile.
 */
function writeWalkEntry(out: TarWriter, { name, diskPath, stats, fd }: WalkEntry): boolean {
  if (stats.isDirectory()) return out.header({ name: name + '/', type: 'directory', mode: stats.mode, size: 0 });
  if (stats.isSymbolicLink()) {
    return out.header({ name, type: 'symlink', mode: 0o777, size: 0, linkname: readLinkTarget(diskPath) });
  }
  if (fd === null || !stats.isFile()) throw notArchivable(diskPath, stats);
  // Hard links become plain files: nlink is never looked at, so each name carries its own copy.
  if (!out.header({ name, type: 'file', mode: stats.mode, size: stats.size })) return false;
  if (stats.size <= SMALL_FILE_BYTES) out.readFile(fd, stats.size, () => sizeChanged(diskPath, stats.size));
  return true;
}

/** A big file's content, one chunk at a time, handing on each full chunk before reading the next. */
async function* writeBigFile(out: TarWriter, { diskPath, stats, fd }: WalkEntry, slice: Slice): AsyncGenerator<Buffer> {
  const changed = () => sizeChanged(diskPath, stats.size);
  for (let left = stats.size; left >= 0; ) {
    left = out.readContent(fd!, left, changed);
    yield* out.takeFull();
    await slice();
  }
  out.pad(stats.size);
}

/** An entry written by tar-stream (a one-entry archive without its end), copied into the output. */
async function* writeWithTarStream(out: TarWriter, entry: WalkEntry, slice: Slice): AsyncGenerator<Buffer> {
  let previous: Buffer | null = null;
  for await (const piece of tarChunks((pack) => addWalkEntry(pack, entry, slice))) {
    if (previous) out.write(previous);
    yield* out.takeFull();
    previous = piece;
  }
  // The archive's end (1024 zero bytes) comes whole in the last piece; the layer has its own end.
  out.write(previous!.subarray(0, previous!.length - END_OF_TAR.length));
}

/**
 * Deterministic tar of synthetic entries (paths are absolute in the image, e.g. /etc/passwd).
 *
 * Parent directories the caller leaves out are added with mode 0755, so an unpacker never has to invent
 * them; directories the caller lists keep their mode. Entries are written depth-first in bytewise name
 * order, whatever order they are given in. A path listed twice, or a path below a file or symlink, is
 * rejected, since either would make the layer ambiguous.
 */
export function packEntries(entries: LayerEntry[]): Readable {
  const byPath = new Map<string, LayerEntry>();
  for (const entry of entries) {
    assertImagePath(entry.path);
    if (entry.type !== 'symlink') assertMode(entry.mode, entry.path);
    if (byPath.has(entry.path)) throw new Error(`layer entry "${entry.path}" is listed twice: keep only one`);
    byPath.set(entry.path, entry);
  }
  for (const entry of entries) {
    const parts = entry.path.split('/');
    for (let i = 2; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const existing = byPath.get(parent);
      if (existing === undefined) {
        byPath.set(parent, { type: 'directory', path: parent, mode: IMPLIED_DIRECTORY_MODE });
      } else if (existing.type !== 'directory') {
        throw new Error(`layer entry "${entry.path}" lies below "${parent}", which is a ${existing.type}: make "${parent}" a directory`);
      }
    }
  }
  const ordered = [...byPath.values()].sort((a, b) => comparePathsDepthFirst(a.path, b.path));

  return tarReadable(async (pack) => {
    for (const entry of ordered) {
      const name = entry.path.slice(1);
      switch (entry.type) {
        case 'directory':
          await addEntry(pack, { ...directoryHeader(name + '/', entry.mode), ...ownerFields(entry.owner) });
          break;
        case 'symlink':
          await addEntry(pack, symlinkHeader(name, entry.target));
          break;
        case 'file':
          await addEntry(pack, { ...commonHeader(name, entry.mode), type: 'file', size: entry.content.length }, entry.content);
          break;
      }
    }
  });
}

/** Runs `fill` against a tar-stream pack, lazily (on first read), and exposes it as a Node byte stream. */
function tarReadable(fill: (pack: Pack) => Promise<void>): Readable {
  return Readable.from(tarChunks(fill), { objectMode: false });
}

/** The output of a tar-stream pack that `fill` writes into, in chunks of at least OUTPUT_CHUNK_BYTES. */
async function* tarChunks(fill: (pack: Pack) => Promise<void>): AsyncGenerator<Buffer> {
  const pack = tarStream.pack();
  fill(pack).then(
    () => pack.finalize(),
    (err: unknown) => pack.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  try {
    // tar-stream emits a chunk per header, per small file and per padding block. Downstream, every chunk
    // costs a hash update and a threadpool round trip in zlib, so small ones are merged first.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of pack as AsyncIterable<Buffer>) {
      if (pendingBytes === 0 && chunk.length >= OUTPUT_CHUNK_BYTES) {
        yield chunk;
        continue;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= OUTPUT_CHUNK_BYTES) {
        yield Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
  } finally {
    // The consumer stopped early (or failed): tear the pack down so `fill` stops reading files.
    pack.destroy(null);
  }
}

type Slice = () => Promise<void> | undefined;

async function addWalkEntry(pack: Pack, entry: WalkEntry, slice: Slice): Promise<void> {
  const { name, diskPath, stats, fd } = entry;
  if (stats.isDirectory()) {
    await addEntry(pack, directoryHeader(name + '/', stats.mode));
  } else if (stats.isSymbolicLink()) {
    await addEntry(pack, symlinkHeader(name, readLinkTarget(diskPath)));
  } else if (fd !== null && stats.isFile()) {
    // Hard links become plain files: nlink is never looked at, so each name carries its own copy.
    const header = { ...commonHeader(name, stats.mode), type: 'file' as const, size: stats.size };
    if (stats.size <= SMALL_FILE_BYTES) await addEntry(pack, header, readWholeFile(fd, diskPath, stats.size));
    else await addFile(pack, header, fd, diskPath, slice);
  } else {
    throw notArchivable(diskPath, stats);
  }
}

function notArchivable(diskPath: string, stats: Stats): Error {
  return new Error(`cannot put ${diskPath} into a layer: it is a ${fileKind(stats)}, and layers hold only files, directories and symlinks`);
}

/** Adds one entry and waits until tar-stream has taken all of it, so entries never interleave. */
function addEntry(pack: Pack, header: TarHeader, content?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error | null) => (err ? reject(err) : resolve());
    if (content === undefined) pack.entry(header, done);
    else pack.entry(header, content, done);
  });
}

async function addFile(pack: Pack, header: TarHeader & { size: number }, fd: number, diskPath: string, slice: Slice): Promise<void> {
  let finish!: (err?: Error | null) => void;
  const entryDone = new Promise<void>((resolve, reject) => {
    finish = (err) => (err ? reject(err) : resolve());
  });
  // Avoid an unhandled rejection if we bail out below before awaiting it.
  entryDone.catch(() => {});
  const sink = pack.entry(header, finish);
  // Failures reach the caller through `finish` and the pack; an unheard 'error' here would crash the process.
  sink.on('error', () => {});

  const expected = header.size;
  let written = 0;
  try {
    for (const chunk of readFileChunks(fd, READ_CHUNK_BYTES)) {
      written += chunk.length;
      if (written > expected) throw sizeChanged(diskPath, expected);
      if (!sink.write(chunk)) await drained(sink);
      await slice();
    }
    if (written !== expected) throw sizeChanged(diskPath, expected);
  } catch (err) {
    sink.destroy(err as Error);
    throw err;
  }
  sink.end(null);
  await entryDone;
}

type Sink = ReturnType<Pack['entry']>;

function drained(sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('tar stream was closed while a file was being written into it'));
    };
    const cleanup = () => {
      sink.off('drain', onDrain);
      sink.off('close', onClose);
    };
    sink.on('drain', onDrain);
    sink.on('close', onClose);
  });
}

function commonHeader(name: string, mode: number): TarHeader {
  return { name, mode: mode & 0o7777, uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: new Date(LAYER_MTIME_MS) };
}

function directoryHeader(name: string, mode: number): TarHeader {
  return { ...commonHeader(name, mode), type: 'directory' };
}

/** Numbers only: names would have to match the image's /etc/passwd, which runtimes read anyway. */
function ownerFields(owner: Owner | undefined): Partial<Header> {
  return owner ? { uid: owner.uid, gid: owner.gid, uname: '', gname: '' } : {};
}

function symlinkHeader(name: string, target: string): TarHeader {
  return { ...commonHeader(name, 0o777), type: 'symlink', linkname: target };
}

function fileKind(stats: Stats): string {
  if (stats.isSocket()) return 'socket';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isCharacterDevice()) return 'character device';
  return 'special file';
}

function assertTopLevelStorePath(storePath: string): void {
  const name = storePath.startsWith(STORE_DIR + '/') ? storePath.slice(STORE_DIR.length + 1) : '';
  if (name === '' || name.includes('/') || name === '.' || name === '..') {
    throw new Error(`"${storePath}" is not a store path: expected ${STORE_DIR}/<hash>-<name>`);
  }
}

function assertImagePath(path: string): void {
  const parts = path.split('/');
  if (parts[0] !== '' || parts.length < 2 || parts.slice(1).some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`layer entry path "${path}" must be absolute and normalised (e.g. /etc/passwd), without "." or ".." or a trailing "/"`);
  }
}

function assertMode(mode: number, path: string): void {
  // tar-stream replaces a zero mode with its own default, so 0 could not be written faithfully.
  if (!Number.isInteger(mode) || mode <= 0 || mode > 0o7777) {
    throw new Error(`layer entry "${path}" has mode ${mode}: expected permission bits between 0o1 and 0o7777`);
  }
}

function joinDiskPath(root: string, absolutePath: string): string {
  return root.endsWith('/') ? root + absolutePath.slice(1) : root + absolutePath;
}

function compareBytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Orders paths as a sorted depth-first walk does: a directory's whole subtree comes before its next sibling. */
function comparePathsDepthFirst(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareBytewise(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}
