import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { GcReport } from '../../src/lifecycle/gc.ts';
import type { StorageBackend } from '../../src/storage/backend.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { openStorage } from '../../src/storage/open.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';
import { runCliChecked } from './support/cli.ts';
import { startGcsEmulator } from './support/gcs-emulator.ts';
import type { GcsEmulator } from './support/gcs-emulator.ts';
import { startS3Server } from './support/s3-server.ts';
import type { S3Server } from './support/s3-server.ts';
import { assertTagsWhole, blobsIn, layerBytes, publishImage, publishReferrer, reachableBlobs } from './support/synthetic-images.ts';

// `nixery untag` then `nixery gc` on each kind of bucket, through the real CLI: gc removes exactly the blobs that
// no tag (or referrer of a tagged image) reaches, counted here by our own walk of the bucket, and --dry-run
// removes nothing. Stores keep times to the second, so the grace period is 2s and the test waits it out.

const GRACE = '2s';
let tmp: string;
let s3: S3Server;
let gcs: GcsEmulator;
let count = 0;

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'nixery-gc-'));
  [s3, gcs] = await Promise.all([startS3Server(['nixery-gc']), startGcsEmulator()]);
});
after(async () => {
  await Promise.all([s3?.stop(), gcs?.stop()]);
  await rm(tmp, { recursive: true, force: true });
});

interface Backend {
  name: string;
  location: () => string;
  env: () => NodeJS.ProcessEnv;
}

const backends: Backend[] = [
  { name: 'folder', location: () => path.join(tmp, `bucket-${++count}`), env: () => ({}) },
  { name: 's3 (s3rver)', location: () => `s3://nixery-gc/run-${++count}`, env: () => s3.env },
  { name: 'gcs (emulator)', location: () => `gs://nixery-gc/run-${++count}`, env: () => ({ STORAGE_EMULATOR_HOST: gcs.host }) },
];

async function open(location: string, env: NodeJS.ProcessEnv): Promise<StorageBackend> {
  Object.assign(process.env, env);
  return openStorage(location, { env: { ...process.env, ...env } });
}

async function gc(location: string, env: NodeJS.ProcessEnv, ...flags: string[]): Promise<GcReport> {
  const grace = flags.includes('--grace') ? [] : ['--grace', GRACE];
  const result = await runCliChecked(['gc', '--storage', location, ...grace, '--json', ...flags], {
    env: { ...process.env, ...env },
  });
  return JSON.parse(result.stdout) as GcReport;
}

for (const backend of backends) {
  describe(`untag and gc: ${backend.name}`, () => {
    test('gc removes exactly the unreachable blobs and stale cache entries; --dry-run removes nothing', async () => {
      const location = backend.location();
      const env = backend.env();
      const storage = await open(location, env);
      const target = new BucketTarget(new ImageStore(storage));
      const [l1, l2, l3, l4, l5] = ['one', 'two', 'three', 'four', 'five'].map((seed) => layerBytes(seed, 3000));
      const a = await publishImage(target, 'shell/a', ['v1'], [l1!, l2!]);
      const b = await publishImage(target, 'shell/b', ['pr-7', 'sha-abc'], [l1!, l3!]);
      await publishImage(target, 'shell/c', ['pr-7'], [l4!]);
      const d = await publishImage(target, 'shell/d', ['pr-7', 'main'], [l5!]);
      await publishReferrer(target, 'shell/a', a.manifest, Buffer.from('{"sbom":"of a"}'));
      await publishReferrer(target, 'shell/b', b.manifest, Buffer.from('{"sbom":"of b"}'));
      await storage.writeBytes(
        'cache/layers/dead.json',
        Buffer.from(JSON.stringify({ descriptor: b.blobs[2], diffId: b.blobs[2]!.digest, uncompressedSize: 1 })),
      );
      await storage.writeBytes(
        'cache/layers/live.json',
        Buffer.from(JSON.stringify({ descriptor: a.blobs[1], diffId: a.blobs[1]!.digest, uncompressedSize: 1 })),
      );
      await storage.writeBytes('cache/manifests/dead.json', Buffer.from(JSON.stringify(b.manifest)));

      const untagged = await runCliChecked(['untag', '--storage', location, '--tag', 'pr-7', 'shell/b:sha-abc', '--json'], {
        env: { ...process.env, ...env },
      });
      const removed = (JSON.parse(untagged.stdout) as { removed: Array<{ name: string; tag: string }> }).removed.map(
        (r) => `${r.name}:${r.tag}`,
      );
      assert.deepEqual(removed.sort(), ['shell/b:pr-7', 'shell/b:sha-abc', 'shell/c:pr-7', 'shell/d:pr-7']);
      const store = new ImageStore(storage);
      assert.deepEqual((await store.listTaggedImages()).map((i) => `${i.name}:${i.tag}`).sort(), ['shell/a:v1', 'shell/d:main']);
      const index = JSON.parse((await storage.readBytes('index.json'))!.toString()) as { manifests: unknown[] };
      assert.equal(index.manifests.length, 2, 'index.json lists only the remaining tags');
      assert.equal((await store.resolveTag('shell/d', 'main'))?.digest, d.manifest.digest);

      // Counted independently: every blob minus what the remaining tags (and a's referrer) reach.
      const all = await blobsIn(storage);
      const reachable = await reachableBlobs(storage);
      const unreachable = [...all.keys()].filter((digest) => !reachable.has(digest));
      assert.ok(unreachable.length >= 6, `b's manifest, config, l3, c's image and b's referrer are garbage (${unreachable.length})`);
      assert.ok(reachable.has(a.blobs[1]!.digest), 'the layer a shares with b stays reachable');
      const unreachableBytes = unreachable.reduce((sum, digest) => sum + all.get(digest)!, 0);

      const young = await gc(location, env, '--dry-run', '--grace', '1h');
      assert.equal(young.blobs.objects, 0, 'nothing is past the grace period yet');
      assert.equal(young.young.objects, unreachable.length);

      await delay(2200);
      const dry = await gc(location, env, '--dry-run');
      assert.equal(dry.dryRun, true);
      assert.deepEqual(dry.blobs, { objects: unreachable.length, bytes: unreachableBytes });
      assert.equal(dry.cacheEntries.objects, 2, 'the two entries that point at b');
      assert.equal(dry.referrerRecords.objects, 1, "b's SBOM record goes with b");
      assert.deepEqual(await blobsIn(storage), all, '--dry-run deleted nothing');
      assert.equal((await storage.list('cache/')).length, 3);

      const report = await gc(location, env);
      assert.equal(report.dryRun, false);
      assert.deepEqual(report.blobs, { objects: unreachable.length, bytes: unreachableBytes });
      assert.equal(report.live.objects, reachable.size);
      assert.deepEqual([...(await blobsIn(storage)).keys()].sort(), [...reachable].sort(), 'exactly the reachable blobs remain');
      assert.deepEqual(await storage.list('cache/'), ['cache/layers/live.json']);
      assert.deepEqual(
        (await storage.list('referrers/')).map((key) => key.split('/')[1]),
        [a.manifest.digest.slice('sha256:'.length)],
        "only a's SBOM record is left: b's pointed at a collected manifest",
      );
      assert.deepEqual(await storage.list('gc/'), [], 'the sweep record is gone');
      assert.equal(await assertTagsWhole(storage), 2);

      const again = await gc(location, env);
      assert.equal(again.blobs.objects, 0, 'a second run finds nothing');
    });
  });
}
