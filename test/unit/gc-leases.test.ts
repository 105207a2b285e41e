import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utimes } from 'node:fs/promises';
import { collectGarbage } from '../../src/lifecycle/gc.ts';
import type { LeaseRecord } from '../../src/storage/build-lease.ts';
import { LEASES_PREFIX, leaseKey } from '../../src/storage/layout.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

// gc and the build leases of `serve --build` replicas (docs/scale-out.md): a claim is left alone while its holder
// renews it, and removed once nothing has written it for two of its leases (a replica that died), on a real folder
// bucket whose file times are the store's clock.

const scratch = scratchBuckets('nixery-gc-leases-');

function claim(holder: string, durationMs: number): Buffer {
  const record: LeaseRecord = {
    holder,
    image: 'shell/hello',
    tag: 'latest',
    durationMs,
    renewals: 0,
    state: 'building',
    since: '2026-11-29T03:00:00.000Z',
    renewedAt: '2026-11-29T03:00:00.000Z',
  };
  return Buffer.from(JSON.stringify(record));
}

describe('gc and build leases', () => {
  it('removes only claims not written for two of their leases; a dry run removes nothing', async () => {
    const storage = await scratch.freshBucket();
    const fresh = leaseKey('shell/hello', 'latest', 'alive-1-aaaaaa-000001');
    const dead = leaseKey('shell/hello', 'latest', 'dead-2-bbbbbb-000002');
    const slow = leaseKey('shell/hello', 'v2', 'slow-3-cccccc-000003');
    const garbled = leaseKey('other', 'latest', 'odd-4-dddddd-000004');
    await storage.writeBytes(fresh, claim('alive-1-aaaaaa', 30_000));
    await storage.writeBytes(dead, claim('dead-2-bbbbbb', 30_000));
    await storage.writeBytes(slow, claim('slow-3-cccccc', 3_600_000)); // an hour's lease, written 61 s ago
    await storage.writeBytes(garbled, Buffer.from('{"holder":'));
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await utimes(storage.localPath(dead), ago(61), ago(61));
    await utimes(storage.localPath(slow), ago(61), ago(61));
    await utimes(storage.localPath(garbled), ago(3 * 3600), ago(3 * 3600));

    const dry = await collectGarbage(storage, { graceMs: 24 * 3600_000, dryRun: true });
    assert.equal(dry.staleLeases, 2);
    assert.equal((await storage.list(LEASES_PREFIX)).length, 4);

    const report = await collectGarbage(storage, { graceMs: 24 * 3600_000 });
    assert.equal(report.staleLeases, 2);
    assert.deepEqual(await storage.list(LEASES_PREFIX), [slow, fresh].sort());
  });
});
