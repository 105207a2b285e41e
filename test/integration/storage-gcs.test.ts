import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { withContentCheck } from '../../src/storage/content-check.ts';
import { GcsStorage } from '../../src/storage/gcs.ts';
import { openStorage } from '../../src/storage/open.ts';
import { blobKey } from '../../src/storage/layout.ts';
import { describeStorageContract, sha256 } from './support/storage-contract.ts';
import { startGcsEmulator } from './support/gcs-emulator.ts';
import type { GcsEmulator } from './support/gcs-emulator.ts';

// The GCS backend against the Firebase Storage emulator. The resumable threshold is lowered so the large-blob
// case goes through a resumable upload. The emulator has no signing credentials, so blobs are streamed, not redirected.
const BUCKET = 'nixery-contract';
const RESUMABLE_THRESHOLD = 1024 * 1024;
let emulator: GcsEmulator;
let count = 0;

before(async () => {
  emulator = await startGcsEmulator();
  process.env.STORAGE_EMULATOR_HOST = emulator.host;
});
after(() => emulator?.stop());

const open = (prefix: string) =>
  withContentCheck(new GcsStorage({ bucket: BUCKET, prefix, projectId: 'nixery-test', resumableThresholdBytes: RESUMABLE_THRESHOLD }));

describeStorageContract('gcs (Firebase Storage emulator)', {
  open: async () => open(`run/${++count}`),
  largeBlobBytes: 3 * RESUMABLE_THRESHOLD + 4321,
  // The backend can sign, but not with the emulator's credentials.
  abilities: { local: false, signedReadUrl: true },
  signs: false,
});

test('gcs: blobs record their sha256, which the existence check compares', async () => {
  const storage = open('sha');
  const bytes = randomBytes(1000);
  await storage.writeBytes(blobKey(sha256(bytes)), bytes, { digest: sha256(bytes) });
  assert.deepEqual(await storage.stat(blobKey(sha256(bytes))), { size: 1000, sha256: sha256(bytes).slice('sha256:'.length) });
});

test('gcs: openStorage maps gs://bucket/prefix onto the bucket and its folder', async () => {
  const storage = await openStorage(`gs://${BUCKET}/images/team`);
  assert.equal(storage.location, `gs://${BUCKET}/images/team`);
  await storage.writeBytes('index.json', Buffer.from('{}'));
  assert.deepEqual(await open('images').list(''), ['team/index.json']);
  await assert.rejects(async () => openStorage(`gs://${BUCKET}/a/../b`), /plain folder names/);
});
