import { after } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStorage } from '../../src/storage/open.ts';
import { describeStorageContract } from './support/storage-contract.ts';

const work = await mkdtemp(path.join(os.tmpdir(), 'nixery-contract-fs-'));
after(() => rm(work, { recursive: true, force: true }));
let count = 0;

describeStorageContract('filesystem', {
  open: () => openStorage(path.join(work, `bucket-${++count}`)),
  largeBlobBytes: 6 * 1024 * 1024 + 123,
  abilities: { local: true, signedReadUrl: false },
  signs: false,
});
