import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { S3Storage } from '../../src/storage/s3.ts';
import { openStorage } from '../../src/storage/open.ts';
import { blobKey } from '../../src/storage/layout.ts';
import { describeStorageContract, sha256 } from './support/storage-contract.ts';
import { S3RVER_CREDENTIALS, startS3Server } from './support/s3-server.ts';
import type { S3Server } from './support/s3-server.ts';

// The S3 backend against s3rver. Parts are 5 MiB (S3's minimum) so the large-blob case is a real multipart upload.
const BUCKET = 'contract';
const PART_SIZE = 5 * 1024 * 1024;
let server: S3Server;
let count = 0;

before(async () => {
  Object.assign(process.env, S3RVER_CREDENTIALS);
  server = await startS3Server([BUCKET]);
});
after(() => server?.stop());

const open = (prefix: string) => new S3Storage({ bucket: BUCKET, prefix, endpoint: server.endpoint, partSizeBytes: PART_SIZE });

describeStorageContract('s3 (s3rver)', {
  open: async () => open(`run/${++count}`),
  largeBlobBytes: 2 * PART_SIZE + 12345,
  signs: true,
});

test('s3: bytes that do not match their digest are refused before anything is sent', async () => {
  const storage = open('refuse');
  const file = path.join(await storage.stagingDir(), `bad-${randomBytes(4).toString('hex')}`);
  await writeFile(file, 'not what the digest says');
  const digest = sha256(Buffer.from('something else'));
  await assert.rejects(storage.writeFile(blobKey(digest), file, { digest }), /refusing to upload .* hash to sha256:/);
  assert.equal(await storage.stat(blobKey(digest)), null);
});

test('s3: buckets under different prefixes do not see each other', async () => {
  const a = open('tenant-a');
  const b = open('tenant-a-2');
  await a.writeBytes('index.json', Buffer.from('a'));
  await b.writeBytes('index.json', Buffer.from('b'));
  assert.deepEqual(await a.list(''), ['index.json']);
  assert.equal((await a.readBytes('index.json'))?.toString(), 'a');
  assert.equal(a.location, `s3://${BUCKET}/tenant-a`);
});

test('s3: openStorage reads endpoint and path style from the URL or the AWS_* variables', async () => {
  const fromQuery = await openStorage(`s3://${BUCKET}/q?endpoint=${encodeURIComponent(server.endpoint)}&region=us-east-1`, { env: {} });
  await fromQuery.writeBytes('x', Buffer.from('via query'));
  const fromEnv = await openStorage(`s3://${BUCKET}/q`, { env: { AWS_ENDPOINT_URL_S3: server.endpoint } });
  assert.equal((await fromEnv.readBytes('x'))?.toString(), 'via query');
  await assert.rejects(async () => openStorage(`s3://${BUCKET}/q?endpoit=x`), /unknown option "endpoit"/);
  await assert.rejects(async () => openStorage('s3://Bad_Bucket/x'), /not a valid bucket name/);
});
