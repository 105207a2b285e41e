import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StorageBackend } from '../../src/storage/backend.ts';
import { LEASES_PREFIX } from '../../src/storage/layout.ts';
import { openStorage } from '../../src/storage/open.ts';
import { requireTools } from './support/run.ts';
import { concurrentPulls, countedNix, replicaIdOf, slowPackageSet, startReplicas } from './support/replicas.ts';
import type { CountedNix } from './support/replicas.ts';
import { S3RVER_CREDENTIALS, startS3Server } from './support/s3-server.ts';
import type { S3Server } from './support/s3-server.ts';
import type { Serve, ServeLogEntry } from './support/serve.ts';

// `serve --build` scaled out: several replicas (real CLI processes) over one bucket, a folder and s3rver. A burst of
// pulls of a new name spread over them runs Nix once (counted by a nix-build wrapper on their PATH, not by their
// logs), every client gets the same digest, and no lease object is left. A replica SIGKILLed while it holds the
// lease is taken over once the lease runs out, and the pull waiting on another replica completes.

const CLIENTS = 16;
let work: string;
let s3: S3Server;
const running: Serve[] = [];

before(async () => {
  requireTools('nix-build', 'nix');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-scale-out-'));
  await chmod(work, 0o755);
  s3 = await startS3Server(['replicas']);
  Object.assign(process.env, S3RVER_CREDENTIALS); // for this process's own look into the bucket
});

after(async () => {
  await Promise.all(running.map((serve) => serve.stop()));
  await s3?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

function events(replicas: Serve[], msg: string): ServeLogEntry[] {
  return replicas.flatMap((serve) => serve.log.filter((e) => e.msg === msg));
}

async function until(what: string, check: () => Promise<boolean> | boolean, attempts = 600): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

interface Bucket {
  location: string;
  env: NodeJS.ProcessEnv;
  open(): Promise<StorageBackend>;
}

let buckets = 0;
const kinds: [string, () => Bucket][] = [
  [
    'folder',
    () => {
      const location = path.join(work, `bucket-${++buckets}`);
      return { location, env: {}, open: () => openStorage(location) };
    },
  ],
  [
    's3rver',
    () => {
      const location = `s3://replicas/run-${++buckets}`;
      return { location, env: s3.env, open: () => openStorage(location, { env: s3.env }) };
    },
  ],
];

for (const [kind, newBucket] of kinds) {
  describe(`serve --build replicas over one ${kind} bucket`, () => {
    for (const count of [2, 4]) {
      it(`${CLIENTS} concurrent pulls of a new name spread over ${count} replicas: one Nix build, one digest, no lease left`, async () => {
        const dir = await mkdtemp(path.join(work, `burst-${count}-`));
        const nix: CountedNix = await countedNix(dir);
        const packages = await slowPackageSet(path.join(dir, 'packages'), 2);
        const bucket = newBucket();
        const replicas = await startReplicas(count, { storage: bucket.location, packages, nix, env: bucket.env });
        running.push(...replicas);

        const pulls = await concurrentPulls(replicas, CLIENTS, 'slowpoke', 'latest');
        assert.deepEqual(
          pulls.map((p) => p.status),
          Array(CLIENTS).fill(200),
          JSON.stringify(events(replicas, 'build failed')),
        );
        const digests = new Set(pulls.map((p) => p.digest));
        assert.equal(digests.size, 1, `digests: ${[...digests].join(', ')}`);
        assert.match([...digests][0]!, /^sha256:[0-9a-f]{64}$/);
        assert.equal(await nix.builds(), 1, 'nix-build ran once across the replicas');
        const taken = events(replicas, 'lease taken');
        assert.equal(taken.length, 1);
        assert.equal(events(replicas, 'build started').length, 1);
        assert.equal(events(replicas, 'build started')[0]!.replica, taken[0]!.holder);
        assert.deepEqual(await (await bucket.open()).list(LEASES_PREFIX), [], 'no lease object left');
        await Promise.all(replicas.map((serve) => serve.stop()));
      });
    }

    it('a failed build is reported by every replica that waited on it, with the same error, after one Nix build', async () => {
      const dir = await mkdtemp(path.join(work, 'fail-'));
      const nix = await countedNix(dir);
      const packages = await slowPackageSet(path.join(dir, 'packages'), 3);
      const bucket = newBucket();
      const replicas = await startReplicas(2, { storage: bucket.location, packages, nix, env: bucket.env });
      running.push(...replicas);
      const responses = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const response = await fetch(`${replicas[i % 2]!.url}/v2/slowfail/manifests/latest`);
          return { status: response.status, body: (await response.json()) as { errors: { code: string; message: string }[] } };
        }),
      );
      assert.deepEqual(
        responses.map((r) => r.status),
        Array(8).fill(500),
      );
      const messages = new Set(responses.map((r) => `${r.body.errors[0]!.code} ${r.body.errors[0]!.message}`));
      assert.equal(messages.size, 1, [...messages].join('\n'));
      assert.match([...messages][0]!, /^UNKNOWN building slowfail:latest failed: .*slowfail: broken on purpose/);
      assert.equal(await nix.builds(), 1);
      assert.equal(events(replicas, 'build failed on another replica').length, 1, "the other replica reported the holder's failure");
      await until('the failed claim to go', async () => (await (await bucket.open()).list(LEASES_PREFIX)).length === 0);
      await Promise.all(replicas.map((serve) => serve.stop()));
    });

    it('a replica SIGKILLed while it holds the lease is taken over after the lease, and the waiting pull completes', async () => {
      const dir = await mkdtemp(path.join(work, 'kill-'));
      const nix = await countedNix(dir);
      const packages = await slowPackageSet(path.join(dir, 'packages'), 6);
      const bucket = newBucket();
      const [holder, taker] = await startReplicas(2, { storage: bucket.location, packages, nix, env: bucket.env, args: ['--lease', '2'] });
      running.push(holder!, taker!);
      const holderId = replicaIdOf(holder!);
      const takerId = replicaIdOf(taker!);
      assert.notEqual(holderId, takerId);

      const doomed = concurrentPulls([holder!], 1, 'slowpoke', 'v1').catch((error: unknown) => error);
      await until('the first replica to start building', () => events([holder!], 'nix build').length > 0);
      const waiting = concurrentPulls([taker!], 1, 'slowpoke', 'v1');
      await until('the second replica to wait for the lease', () => events([taker!], 'waiting for lease').length > 0);
      assert.equal(events([taker!], 'waiting for lease')[0]!.leaseHolder, holderId);

      // The page of the waiting replica names the holder.
      const page = await (await fetch(`${taker!.url}/`)).text();
      assert.match(
        page,
        new RegExp(`<code>slowpoke:v1</code></td><td><code class="holder">${holderId}</code></td><td class="state-building">`),
      );
      assert.match(page, new RegExp(`This replica is <code class="replica">${takerId}</code>`));

      assert.equal((await holder!.stop('SIGKILL')).signal, 'SIGKILL');
      const [pull] = await waiting;
      assert.equal(pull!.status, 200, JSON.stringify(events([taker!], 'build failed')));
      assert.match(pull!.digest ?? '', /^sha256:/);
      const takeover = events([taker!], 'lease taken over');
      assert.equal(takeover.length, 1);
      assert.equal(takeover[0]!.staleHolder, holderId);
      assert.equal(events([taker!], 'build finished')[0]!.replica, takerId);
      assert.ok(await doomed, 'the killed replica answered nothing');
      assert.deepEqual(await (await bucket.open()).list(LEASES_PREFIX), [], 'no lease object left');
      await taker!.stop();
    });
  });
}
