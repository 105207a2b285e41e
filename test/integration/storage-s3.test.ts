import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { withContentCheck } from '../../src/storage/content-check.ts';
import { BucketAccessError } from '../../src/errors.ts';
import { S3Storage } from '../../src/storage/s3.ts';
import { openStorage } from '../../src/storage/open.ts';
import { describeStorageContract } from './support/storage-contract.ts';
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

const open = (prefix: string) =>
  withContentCheck(new S3Storage({ bucket: BUCKET, prefix, endpoint: server.endpoint, partSizeBytes: PART_SIZE }));

describeStorageContract('s3 (s3rver)', {
  open: async () => open(`run/${++count}`),
  largeBlobBytes: 2 * PART_SIZE + 12345,
  abilities: { local: false, signedReadUrl: true },
  signs: true,
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

test('s3: a bucket that does not exist fails writes and listings with a BucketAccessError naming the object', async () => {
  const storage = withContentCheck(new S3Storage({ bucket: 'not-there', prefix: 'p', endpoint: server.endpoint }));
  const write = await storage.writeBytes('index.json', Buffer.from('{}')).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(write instanceof BucketAccessError, `a BucketAccessError, got ${String(write)}`);
  assert.equal(write.url, 's3://not-there/p/index.json');
  assert.equal(write.verb, 'write');
  assert.equal(write.status, 404);
  assert.match(write.message, /^cannot write s3:\/\/not-there\/p\/index\.json: .*\(HTTP 404\); check the bucket name/);
  await assert.rejects(storage.list(''), (error: unknown) => error instanceof BucketAccessError && error.verb === 'list');
});
