import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStorage } from '../../src/storage/open.ts';
import { startGcsEmulator } from './support/gcs-emulator.ts';
import { startS3Server } from './support/s3-server.ts';
import { requireTools } from './support/run.ts';
import { startServe } from './support/serve.ts';
import { buildInto, pullAndVerify, verifyBucket } from './storage-e2e-support.ts';

// The "Done means" for object stores: the real CLI builds into gs:// and s3:// buckets (emulator and
// s3rver), "nixery serve" serves them, skopeo pulls every digest, and a second build uploads nothing.

const TAG = 'v1';
let work: string;

before(async () => {
  requireTools('nix-build', 'nix-store', 'skopeo', 'busybox');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-storage-e2e-'));
});
after(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

interface Backend {
  name: string;
  bucketUrl: string;
  env: NodeJS.ProcessEnv;
  serveArgs: string[];
  stop(): Promise<void>;
}

const backends: Array<{ name: string; start(): Promise<Backend> }> = [
  {
    name: 'gcs',
    async start() {
      const emulator = await startGcsEmulator();
      // No signing credentials against the emulator, so --redirect-blobs falls back to streaming.
      return {
        name: 'gcs',
        bucketUrl: 'gs://nixery-e2e/images',
        env: { ...process.env, STORAGE_EMULATOR_HOST: emulator.host },
        serveArgs: ['--redirect-blobs'],
        stop: emulator.stop,
      };
    },
  },
  {
    name: 's3',
    async start() {
      const server = await startS3Server(['nixery-e2e']);
      // Presigning needs only credentials, so blob downloads are 307 redirects to s3rver's presigned URLs.
      return {
        name: 's3',
        bucketUrl: 's3://nixery-e2e/images',
        env: { ...process.env, ...server.env },
        serveArgs: ['--redirect-blobs'],
        stop: server.stop,
      };
    },
  },
];

for (const { name, start } of backends) {
  describe(`${name}: build, serve, pull`, () => {
    let backend: Backend;
    before(async () => {
      backend = await start();
    });
    after(() => backend?.stop());

    test('built images pull through "nixery serve" with every digest intact, and a rebuild uploads nothing', async () => {
      const [first] = await buildInto(backend.bucketUrl, ['shell/hello'], TAG, backend.env);
      assert.ok(first && first.uploadedBytes > 0, 'the first build uploads');
      assert.equal(first.skippedBytes, 0, 'an empty bucket holds nothing to skip');

      const serving = await startServe(['--storage', backend.bucketUrl, '--port', '0', ...backend.serveArgs], { env: backend.env });
      try {
        const pulled = await pullAndVerify(serving.port, `shell/hello:${TAG}`, path.join(work, `${name}-pull`));
        assert.equal(pulled, first.digest);
      } finally {
        await serving.stop();
      }

      const [again] = await buildInto(backend.bucketUrl, ['shell/hello'], TAG, backend.env);
      assert.equal(again?.digest, first.digest);
      assert.equal(again?.uploadedBytes, 0, 'zero bytes uploaded on a rebuild');
      assert.ok(again!.skippedBytes > 0, 'and every byte counted as already present');

      Object.assign(process.env, backend.env);
      assert.deepEqual(await verifyBucket(await openStorage(backend.bucketUrl)), [`shell/hello:${TAG}`]);
    });
  });
}
