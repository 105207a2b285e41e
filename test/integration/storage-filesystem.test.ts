import { after } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { describeStorageContract } from './support/storage-contract.ts';

const work = await mkdtemp(path.join(os.tmpdir(), 'nixery-contract-fs-'));
after(() => rm(work, { recursive: true, force: true }));
let count = 0;

describeStorageContract('filesystem', {
  open: async () => new FilesystemStorage(path.join(work, `bucket-${++count}`)),
  largeBlobBytes: 6 * 1024 * 1024 + 123,
  signs: false,
});
