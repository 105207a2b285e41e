import { after, before, test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { GcReport } from '../../src/lifecycle/gc.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { CollectedBlobError } from '../../src/storage/liveness.ts';
import { openStorage } from '../../src/storage/open.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';
import { CLI_PATH, REPO_ROOT, runCliChecked } from './support/cli.ts';
import { requireTools } from './support/run.ts';
import { startServe } from './support/serve.ts';
import { S3RVER_CREDENTIALS, startS3Server } from './support/s3-server.ts';
import type { S3Server } from './support/s3-server.ts';
import { pullAndVerify } from './storage-e2e-support.ts';
import { assertTagsWhole, blobsIn, digestOf, layerBytes, publishImage } from './support/synthetic-images.ts';

// Builders and collectors at once. Three builders publish rounds of images made of layers from a shared pool
// (so they reuse each other's blobs, including ones that went unreachable and old) plus one new layer each, and
// untag their image from two rounds back, while `nixery gc --grace 2s` runs in a loop. Afterwards every tag
// resolves to whole blobs and `nixery serve` serves every tagged image to skopeo. Then a collector is killed with
// SIGKILL mid-sweep, and a second run finishes the job without losing anything live.

requireTools('skopeo');
let tmp: string;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'nixery-gc-race-'));
});
after(() => rm(tmp, { recursive: true, force: true }));

const ROUNDS = 20;
const BUILDERS = 3;
const POOL = 8;

let s3: S3Server;
before(async () => {
  s3 = await startS3Server(['nixery-race']);
  Object.assign(process.env, S3RVER_CREDENTIALS); // the SDK in this process reads them from the environment
});
after(() => s3?.stop());

test("folder bucket: builders reusing each other's layers and a gc loop with a 2s grace period lose no blob", (t) =>
  race(t, path.join(tmp, 'race'), {}));

test("s3 bucket (s3rver): builders reusing each other's layers and a gc loop with a 2s grace period lose no blob", (t) =>
  race(t, 's3://nixery-race/images', s3.env));

async function race(t: TestContext, bucket: string, env: NodeJS.ProcessEnv): Promise<void> {
  const storage = await openStorage(bucket, { env: { ...process.env, ...env } });
  const target = new BucketTarget(new ImageStore(storage));
  const stats = { collected: 0, rounds: 0 };
  let building = true;

  const builder = async (id: number): Promise<void> => {
    for (let round = 0; round < ROUNDS; round++) {
      const picks = [0, 1, 2].map(() => layerBytes(`pool-${Math.floor(Math.random() * POOL)}`, 4000));
      const layers = [...new Map([...picks, layerBytes(`own-${id}-${round}`, 4000)].map((b) => [digestOf(b), b])).values()];
      for (let attempt = 1; ; attempt++) {
        try {
          await publishImage(target, `racer${id}`, [`r${round}`], layers);
          break;
        } catch (error) {
          // A blob found and reused was collected before the tag: the builder is told, tags nothing, builds again.
          if (!(error instanceof CollectedBlobError) || attempt === 5) throw error;
          stats.collected++;
        }
      }
      if (round >= 2) await target.store.untag(`racer${id}`, [`r${round - 2}`]);
      stats.rounds++;
      await delay(150 + Math.random() * 300);
    }
  };

  const reports: GcReport[] = [];
  const collector = async (): Promise<void> => {
    while (building) {
      const result = await runCliChecked(['gc', '--storage', bucket, '--grace', '2s', '--lease', '4s', '--json'], {
        env: { ...process.env, ...env },
      });
      reports.push(JSON.parse(result.stdout) as GcReport);
    }
  };

  const gcLoop = collector();
  await Promise.all(Array.from({ length: BUILDERS }, (_, id) => builder(id))).finally(() => {
    building = false;
  });
  await gcLoop;
  assert.equal(stats.rounds, ROUNDS * BUILDERS);
  const deleted = reports.reduce((sum, r) => sum + r.blobs.objects, 0);
  assert.ok(reports.length >= 3, `the collector ran during the builds (${reports.length} runs)`);
  assert.ok(deleted > 0, `the collectors deleted garbage while builders ran (${deleted} blobs in ${reports.length} runs)`);
  t.diagnostic(
    `gc runs ${reports.length}, blobs deleted ${deleted}, spared ${reports.reduce((s, r) => s + r.spared, 0)}, builds retried ${stats.collected}`,
  );

  assert.equal(await assertTagsWhole(storage), BUILDERS * 2, 'each builder keeps its last two rounds');
  const serve = await startServe(['--storage', bucket, '--port', '0'], { env });
  try {
    for (let id = 0; id < BUILDERS; id++) {
      for (const round of [ROUNDS - 2, ROUNDS - 1]) {
        await pullAndVerify(serve.port, `racer${id}:r${round}`, path.join(tmp, `pulled-${t.name.slice(0, 2)}`));
      }
    }
  } finally {
    await serve.stop();
  }
}

test('a collector killed with SIGKILL mid-sweep loses nothing live; the next run finishes and removes its record', async () => {
  const bucket = path.join(tmp, 'killed');
  const storage = await openStorage(bucket);
  const target = new BucketTarget(new ImageStore(storage));
  const live = await publishImage(target, 'kill/live', ['v1'], [layerBytes('live-1'), layerBytes('live-2')]);
  const garbage = 4000;
  for (let i = 0; i < garbage; i += 200) {
    await Promise.all(
      Array.from({ length: 200 }, (_, j) => {
        const bytes = Buffer.from(`garbage ${i + j}`);
        return storage.writeBytes(`blobs/sha256/${digestOf(bytes).slice(7)}`, bytes, { digest: digestOf(bytes) });
      }),
    );
  }
  const before = (await blobsIn(storage)).size;
  await delay(2200);

  const child = spawn(process.execPath, [CLI_PATH, 'gc', '--storage', bucket, '--grace', '2s', '--lease', '3s'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const blobDir = path.join(bucket, 'blobs', 'sha256');
  for (;;) {
    const now = (await readdir(blobDir)).length;
    if (now < before) break; // deleting has begun
    await delay(5);
  }
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  const left = (await blobsIn(storage)).size;
  assert.ok(left < before && left > before - garbage, `killed mid-sweep: ${before - left} of ${garbage} garbage blobs deleted`);
  assert.equal(await assertTagsWhole(storage), 1, 'the live image is whole');
  assert.equal((await storage.list('gc/sweeps/')).length, 1, 'the killed collector left its record');

  // A build meanwhile is not held up by the dead record: it names only garbage.
  await publishImage(target, 'kill/live', ['v2'], [layerBytes('live-1'), layerBytes('live-3')]);

  await delay(3100); // past the dead collector's lease
  const result = await runCliChecked(['gc', '--storage', bucket, '--grace', '2s', '--lease', '1m', '--json']);
  const report = JSON.parse(result.stdout) as GcReport;
  assert.equal(report.stoppedEarly, undefined);
  assert.equal(report.staleRecords, 1, "the dead collector's record is removed");
  assert.deepEqual(await storage.list('gc/'), []);
  assert.equal(await assertTagsWhole(storage), 2);
  const remaining = await blobsIn(storage);
  for (const blob of [live.manifest, ...live.blobs]) assert.ok(remaining.has(blob.digest), `${blob.digest} of kill/live:v1 is kept`);
  assert.equal(remaining.size, live.blobs.length + 1 + 3, "only the two images' blobs are left (v2 adds a layer, a config, a manifest)");
});
