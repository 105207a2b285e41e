import { after, before } from 'node:test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FilesystemStorage } from '../../../src/storage/filesystem.ts';

/** A temp folder for one test file (removed after it), and fresh, empty folder buckets inside it. */
export function scratchBuckets(prefix: string): { readonly dir: string; freshBucket(): Promise<FilesystemStorage> } {
  let dir = '';
  let counter = 0;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async freshBucket() {
      const root = path.join(dir, `bucket-${++counter}`);
      await mkdir(root);
      return new FilesystemStorage(root);
    },
  };
}
