import { createReadStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BucketAccessError } from '../errors.ts';
import type { ByteRange, ListedObject, LocalFiles, ObjectInfo, StorageBackend } from './backend.ts';
import { STALE_TEMP_MS } from './remote-object.ts';

// Temp files live inside the bucket so the final rename stays on one filesystem and is atomic.
const TEMP_DIR = '.tmp';

/** A bucket in a local folder. Keys map to relative paths; every write is temp file + rename. */
export class FilesystemStorage implements StorageBackend {
  readonly location: string;
  readonly local: LocalFiles;
  private staleSwept: Promise<void> | undefined;

  constructor(root: string) {
    this.location = path.resolve(root);
    this.local = { folder: this.location, path: (key) => this.localPath(key) };
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const info = await stat(this.localPath(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async readBytes(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.localPath(key));
    } catch (error) {
      if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
      throw error;
    }
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable | null> {
    if (!(await this.stat(key))) return null;
    return createReadStream(this.localPath(key), range ? { start: range.start, end: range.end } : {});
  }

  async writeBytes(key: string, data: Buffer): Promise<void> {
    const target = this.localPath(key);
    await this.describingFailures(target, async () => {
      const temp = await this.tempPath();
      try {
        await writeFile(temp, data);
        await this.moveIntoPlace(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    });
  }

  async writeFile(key: string, localPath: string): Promise<void> {
    const target = this.localPath(key);
    await this.describingFailures(target, async () => {
      try {
        await this.moveIntoPlace(localPath, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // Staged on another filesystem: copy next to the target first so the final step is still a rename.
        const temp = await this.tempPath();
        try {
          await copyFile(localPath, temp);
          await this.moveIntoPlace(temp, target);
          await rm(localPath, { force: true });
        } finally {
          await rm(temp, { force: true });
        }
      }
    });
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.walk(prefix)).sort();
  }

  async listObjects(prefix: string): Promise<ListedObject[]> {
    const listed: ListedObject[] = [];
    for (const key of (await this.walk(prefix)).sort()) {
      const info = await stat(this.localPath(key)).catch((error: unknown) => {
        if (isNotFound(error)) return null; // removed since the directory was read
        throw error;
      });
      if (info?.isFile()) listed.push({ key, size: info.size, modified: info.mtimeMs });
    }
    return listed;
  }

  /** The file's times are the liveness mark; utimes changes them in place, never the bytes or the inode. */
  async touch(key: string): Promise<ObjectInfo | null> {
    const now = new Date();
    try {
      await utimes(this.localPath(key), now, now);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return this.stat(key);
  }

  /** Empty folders stay: a writer may be about to rename a file into one (mkdir, then rename). */
  async delete(key: string): Promise<void> {
    const target = this.localPath(key);
    await this.describingFailures(target, () => rm(target, { force: true }));
  }

  /** Keys of the files under prefix (staging excluded), in directory order. */
  private async walk(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (relativeDir: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(path.join(this.location, relativeDir), { withFileTypes: true });
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const key = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (key === TEMP_DIR) continue;
        if (entry.isDirectory()) {
          if (prefix.startsWith(key + '/') || key.startsWith(prefix)) await walk(key);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          keys.push(key);
        }
      }
    };
    await walk('');
    return keys;
  }

  async stagingDir(): Promise<string> {
    const dir = path.join(this.location, TEMP_DIR);
    await this.describingFailures(dir, () => mkdir(dir, { recursive: true }));
    this.staleSwept ??= removeStaleTemps(dir, Date.now());
    await this.staleSwept;
    return dir;
  }

  private async tempPath(): Promise<string> {
    return path.join(await this.stagingDir(), `${process.pid}-${randomBytes(8).toString('hex')}`);
  }

  private async moveIntoPlace(from: string, target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(from, target);
  }

  /** Failures a person fixes on the machine (permissions, read-only or full disk) become bucket access errors. */
  private async describingFailures<T>(target: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const hint = ACCESS_HINTS.get((error as NodeJS.ErrnoException).code ?? '');
      if (hint === undefined || error instanceof BucketAccessError) throw error;
      throw new BucketAccessError('write', target, (error as Error).message, hint(this.location), undefined, error);
    }
  }

  /** Where an object lives on disk. Keys come from layout.ts, built from validated parts; this check keeps any key from leaving the bucket. */
  localPath(key: string): string {
    const parts = key.split('/');
    if (key.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0'))) {
      throw new Error(`refusing storage key "${key}": not a plain relative key`);
    }
    return path.join(this.location, ...parts);
  }
}

const ACCESS_HINTS = new Map<string, (folder: string) => string>([
  ['EACCES', (folder) => `give this user write access to ${folder}, or choose another folder`],
  ['EPERM', (folder) => `give this user write access to ${folder} (check its owner and immutable attributes), or choose another folder`],
  ['EROFS', (folder) => `${folder} is on a read-only filesystem; choose a writable folder`],
  ['ENOSPC', (folder) => `the disk holding ${folder} is full; free space or choose another folder`],
]);

/**
 * The first write of a process removes temp files a killed writer left (a SIGKILLed build's layer-… and
 * <pid>-… files): anything not modified for an hour. A live writer's file is written, then renamed at once.
 */
async function removeStaleTemps(dir: string, now: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs >= STALE_TEMP_MS) await rm(file, { recursive: true, force: true }).catch(() => {});
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
