import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { BuildLeases, LeaseWaitExpired, SharedBuildFailure, TAKEOVER_MARGIN, replicaId } from '../../src/storage/build-lease.ts';
import type { LeaseRecord } from '../../src/storage/build-lease.ts';
import type { StorageBackend } from '../../src/storage/backend.ts';
import { withContentCheck } from '../../src/storage/content-check.ts';
import { FilesystemStorage } from '../../src/storage/filesystem.ts';
import { LEASES_PREFIX, leaseKey } from '../../src/storage/layout.ts';
import { GcsStorage } from '../../src/storage/gcs.ts';
import { S3Storage } from '../../src/storage/s3.ts';
import { startGcsEmulator } from './support/gcs-emulator.ts';
import type { GcsEmulator } from './support/gcs-emulator.ts';
import { S3RVER_CREDENTIALS, startS3Server } from './support/s3-server.ts';
import type { S3Server } from './support/s3-server.ts';

// The lease state machine (src/storage/build-lease.ts) with several BuildLeases over one real bucket (a folder,
// s3rver and the GCS emulator), each standing for a replica. The "build" writes a marker object the way a build writes its tag; builds
// are counted by calls, never by timing. Short leases keep takeovers quick; no test asserts how long anything took.

const BUCKET = 'leases';
let s3: S3Server;
let gcs: GcsEmulator;
let folder: string;
let count = 0;

before(async () => {
  Object.assign(process.env, S3RVER_CREDENTIALS);
  s3 = await startS3Server([BUCKET]);
  gcs = await startGcsEmulator();
  process.env.STORAGE_EMULATOR_HOST = gcs.host;
  folder = await mkdtemp(path.join(os.tmpdir(), 'nixery-lease-'));
});
after(async () => {
  await s3?.stop();
  await gcs?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const backends: [string, () => StorageBackend][] = [
  ['folder', () => withContentCheck(new FilesystemStorage(path.join(folder, `bucket-${++count}`)))],
  ['s3rver', () => withContentCheck(new S3Storage({ bucket: BUCKET, prefix: `run-${++count}`, endpoint: s3.endpoint }))],
  ['GCS emulator', () => withContentCheck(new GcsStorage({ bucket: BUCKET, prefix: `run-${++count}`, projectId: 'nixery-test' }))],
];

/** A build that "tags" image:tag by writing a marker, as the pipeline writes the tag before it lets go. */
function markerBuild(storage: StorageBackend, calls: string[], holder: string, workMs: number) {
  return async (signal: AbortSignal): Promise<string> => {
    calls.push(holder);
    await delay(workMs, undefined, { signal });
    await storage.writeBytes('built/app', Buffer.from(`built by ${holder}`));
    return `built by ${holder}`;
  };
}

async function marker(storage: StorageBackend): Promise<string | null> {
  return (await storage.readBytes('built/app'))?.toString() ?? null;
}

for (const [kind, open] of backends) {
  describe(`build leases over one ${kind} bucket`, () => {
    it('16 requests spread over 4 replicas run exactly one build, and every one gets its result; no claim is left', async () => {
      const storage = open();
      const replicas = Array.from({ length: 4 }, () => new BuildLeases(storage, { holder: replicaId(), durationMs: 5_000 }));
      const calls: string[] = [];
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) => {
          const leases = replicas[i % replicas.length]!;
          return leases.coordinate({
            image: 'app',
            tag: 'v1',
            done: () => marker(storage),
            build: markerBuild(storage, calls, leases.holder, 300),
            shareFailure: () => null,
            waitMs: 120_000,
          });
        }),
      );
      assert.equal(calls.length, 1, `builds: ${calls.join(', ')}`);
      assert.deepEqual(new Set(results), new Set([`built by ${calls[0]}`]));
      assert.deepEqual(await storage.list(LEASES_PREFIX), []);
    });

    it('a failed build releases the lease and the replicas that waited on it report the same failure', async () => {
      const storage = open();
      const holder = new BuildLeases(storage, { holder: replicaId('holder'), durationMs: 5_000 });
      const waiter = new BuildLeases(storage, { holder: replicaId('waiter'), durationMs: 5_000 });
      let started!: () => void;
      const building = new Promise<void>((resolve) => (started = resolve));
      const failure = { status: 404, code: 'MANIFEST_UNKNOWN', message: 'unknown package nosuch' };
      const failing = holder.coordinate({
        image: 'nosuch',
        tag: 'latest',
        done: async () => null,
        build: async () => {
          started();
          await delay(1_000);
          throw new Error('nix said no');
        },
        shareFailure: () => failure,
        waitMs: 60_000,
      });
      await building;
      let waiterBuilt = false;
      const waiting = waiter.coordinate({
        image: 'nosuch',
        tag: 'latest',
        done: async () => null,
        build: async () => {
          waiterBuilt = true;
          return 'x';
        },
        shareFailure: () => null,
        waitMs: 60_000,
      });
      await assert.rejects(failing, /nix said no/);
      await assert.rejects(waiting, (error: unknown) => {
        assert.ok(error instanceof SharedBuildFailure, String(error));
        assert.deepEqual(error.failure, failure);
        assert.equal(error.holder, holder.holder);
        return true;
      });
      assert.equal(waiterBuilt, false);
      // The failure lingers a moment for slower waiters, then goes.
      for (let i = 0; i < 100 && (await storage.list(LEASES_PREFIX)).length > 0; i++) await delay(100);
      assert.deepEqual(await storage.list(LEASES_PREFIX), []);
    });

    it("a dead holder's claim is taken over once it has not changed for longer than its lease", async () => {
      const storage = open();
      const durationMs = 600;
      const dead: LeaseRecord = {
        holder: 'gone-1-abcdef',
        image: 'app',
        tag: 'v2',
        durationMs,
        renewals: 4,
        state: 'building',
        since: '2026-01-01T00:00:00.000Z',
        renewedAt: '2026-01-01T00:00:01.000Z',
      };
      const deadKey = leaseKey('app', 'v2', 'gone-1-abcdef-000000');
      await storage.writeBytes(deadKey, Buffer.from(JSON.stringify(dead)));
      const events: { msg: string; fields: Record<string, unknown> }[] = [];
      const leases = new BuildLeases(storage, {
        holder: replicaId('taker'),
        durationMs,
        onEvent: (msg, fields) => events.push({ msg, fields }),
      });
      const calls: string[] = [];
      const watchFrom = performance.now();
      const result = await leases.coordinate({
        image: 'app',
        tag: 'v2',
        done: () => marker(storage),
        build: async (signal) => {
          // The dead claim was gone before this build began, and it had been watched for a whole lease plus margin.
          assert.equal(await storage.readBytes(deadKey), null);
          assert.ok(performance.now() - watchFrom >= durationMs * (1 + TAKEOVER_MARGIN));
          return markerBuild(storage, calls, leases.holder, 10)(signal);
        },
        shareFailure: () => null,
        waitMs: 60_000,
      });
      assert.equal(result, `built by ${leases.holder}`);
      assert.deepEqual(
        events.map((e) => e.msg),
        ['waiting for lease', 'lease taken over', 'lease taken', 'lease released'],
      );
      assert.equal(events[1]!.fields.staleHolder, 'gone-1-abcdef');
      assert.deepEqual(await storage.list(LEASES_PREFIX), []);
    });

    it('a holder that keeps renewing is never taken over, however long it builds', async () => {
      const storage = open();
      // Long enough that a loaded machine still renews in time (1 s lost a renewal to an s3rver write under a load
      // of 7); the build outlasts it three times over.
      const durationMs = 2_000;
      const replicas = [0, 1, 2].map((i) => new BuildLeases(storage, { holder: replicaId(`r${i}`), durationMs }));
      const calls: string[] = [];
      const results = await Promise.all(
        replicas.map((leases, i) =>
          delay(i * 50).then(() =>
            leases.coordinate({
              image: 'slow',
              tag: 'v1',
              done: () => marker(storage),
              build: markerBuild(storage, calls, leases.holder, durationMs * 3),
              shareFailure: () => null,
              waitMs: 60_000,
            }),
          ),
        ),
      );
      assert.equal(calls.length, 1, `builds: ${calls.join(', ')}`);
      assert.equal(new Set(results).size, 1);
    });

    it('a holder that cannot renew in time loses the lease: its build is aborted and it waits like the others', async () => {
      const storage = open();
      const durationMs = 300;
      const events: string[] = [];
      const leases = new BuildLeases(storage, { holder: replicaId('stalled'), durationMs, onEvent: (msg) => events.push(msg) });
      const signals: AbortSignal[] = [];
      const result = await leases.coordinate({
        image: 'stall',
        tag: 'v1',
        done: () => marker(storage),
        build: async (signal) => {
          signals.push(signal);
          if (signals.length === 1) {
            // The event loop is stuck past the deadline, so no renewal can complete in time.
            const until = performance.now() + durationMs * 2;
            while (performance.now() < until) {
              // busy
            }
            await delay(durationMs, undefined, { signal });
            return 'should not get here';
          }
          await storage.writeBytes('built/app', Buffer.from('second try'));
          return 'second try';
        },
        shareFailure: () => null,
        waitMs: 60_000,
      });
      assert.equal(result, 'second try');
      assert.equal(signals.length, 2);
      assert.equal(signals[0]!.aborted, true);
      assert.ok(events.includes('lease lost'), events.join(', '));
      assert.deepEqual(await storage.list(LEASES_PREFIX), []);
    });

    it('a waiter gives up after its wait bound with LeaseWaitExpired naming the holder', async () => {
      const storage = open();
      const holder = new BuildLeases(storage, { holder: replicaId('busy'), durationMs: 5_000 });
      const waiter = new BuildLeases(storage, { holder: replicaId('impatient'), durationMs: 5_000 });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const building = new Promise<void>((resolve) => (started = resolve));
      const holding = holder.coordinate({
        image: 'long',
        tag: 'v1',
        done: async () => null,
        build: async () => {
          started();
          await released;
          return 'done';
        },
        shareFailure: () => null,
        waitMs: 60_000,
      });
      await building;
      await assert.rejects(
        waiter.coordinate({
          image: 'long',
          tag: 'v1',
          done: async () => null,
          build: async () => 'not me',
          shareFailure: () => null,
          waitMs: 500,
        }),
        (error: unknown) => error instanceof LeaseWaitExpired && error.holder === holder.holder,
      );
      release();
      assert.equal(await holding, 'done');
    });
  });
}

describe('replica ids', () => {
  it('name the host and pid and differ per call; odd host names stay printable and key-safe', () => {
    const id = replicaId('web-1.example', 42);
    assert.match(id, /^web-1\.example-42-[0-9a-f]{6}$/);
    assert.notEqual(replicaId('h', 1), replicaId('h', 1));
    assert.match(replicaId('we/ird host_', 7), /^we-ird-host-7-[0-9a-f]{6}$/);
  });
});
