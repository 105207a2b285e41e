import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.ts';
import { parseDuration } from '../../src/cli/duration.ts';
import { gcCommand } from '../../src/cli/gc-command.ts';
import { untagCommand } from '../../src/cli/untag-command.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { collectGarbage } from '../../src/lifecycle/gc.ts';
import { expiredTags } from '../../src/lifecycle/retention.ts';
import { sha256Digest } from '../../src/oci/digest.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { BucketTarget } from '../../src/targets/bucket.ts';

const scratch = scratchBuckets('nixery-lifecycle-cli-');

describe('gc and untag flags', () => {
  it('reads durations with units and names the flag on anything else', () => {
    assert.equal(parseDuration('--grace', '24h'), 86_400_000);
    assert.equal(parseDuration('--grace', '1.5m'), 90_000);
    assert.equal(parseDuration('--grace', '7d'), 7 * 86_400_000);
    assert.equal(parseDuration('--lease', '500ms'), 500);
    for (const bad of ['24', 'h', '-1h', '1 week', '']) {
      assert.throws(
        () => parseDuration('--grace', bad),
        (e: unknown) => e instanceof UsageError && /--grace/.test((e as Error).message),
      );
    }
  });

  it('refuses a grace period too short to be safe, a missing bucket and stray arguments', async () => {
    const bucket = (await scratch.freshBucket()).location;
    await assert.rejects(gcCommand(['--storage', bucket, '--grace', '1s']), /--grace 1s: at least 2s/);
    await assert.rejects(gcCommand(['--grace', '24h']), /--storage is required/);
    await assert.rejects(gcCommand(['--storage', bucket, 'extra']), /unexpected argument "extra"/);
    await assert.rejects(gcCommand(['--storage', bucket, '--lease', '2h']), /--lease 2h: between 1s and 60m/);
  });

  it('untag needs something to untag, a NAME:TAG shape and valid tags', async () => {
    const bucket = (await scratch.freshBucket()).location;
    await assert.rejects(untagCommand(['--storage', bucket]), /give NAME:TAG or --tag TAG/);
    await assert.rejects(untagCommand(['--storage', bucket, 'shell/git']), /give the image as NAME:TAG/);
    await assert.rejects(untagCommand(['--storage', bucket, '--tag', 'bad tag!']), UsageError);
  });
});

describe('retention rules', () => {
  const day = 86_400_000;
  const now = 100 * day;
  const tag = (name: string, t: string, ageDays: number) => ({
    key: `repositories/${name}/_tags/${t}`,
    size: 80,
    modified: now - ageDays * day,
  });

  it('keeps the newest N sha- tags per image and drops old pr- and sha- tags, never other tags', () => {
    const listing = [
      tag('shell/git', 'sha-aaaaaaa', 1),
      tag('shell/git', 'sha-bbbbbbb', 2),
      tag('shell/git', 'sha-ccccccc', 3),
      tag('shell/git', 'pr-7', 40),
      tag('shell/git', 'main', 400),
      tag('hello', 'sha-ddddddd', 50),
      tag('hello', 'latest', 50),
    ];
    assert.deepEqual(
      expiredTags(listing, { keepSha: 2 }, now).map((t) => `${t.name}:${t.tag}:${t.rule}`),
      ['shell/git:sha-ccccccc:keep-sha'],
    );
    assert.deepEqual(
      expiredTags(listing, { maxTagAgeMs: 30 * day }, now).map((t) => `${t.name}:${t.tag}:${t.rule}`),
      ['shell/git:pr-7:max-tag-age', 'hello:sha-ddddddd:max-tag-age'],
    );
    assert.equal(expiredTags(listing, {}, now).length, 0);
    assert.equal(expiredTags(listing, { keepSha: 0, maxTagAgeMs: 0 }, now).length, 5, 'main and latest never expire');
  });

  it('gc --keep-sha untags the older sha tags and then collects their blobs (dry run changes nothing)', async () => {
    const storage = await scratch.freshBucket();
    const store = new ImageStore(storage);
    const target = new BucketTarget(store);
    for (const [i, t] of ['sha-1111111', 'sha-2222222', 'sha-3333333'].entries()) {
      const layer = Buffer.from(`layer ${i}`);
      const layerD = { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256Digest(layer), size: layer.length };
      await target.putBlobBytes('app', layerD, layer);
      const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, config: layerD, layers: [layerD] }));
      const manifestD = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256Digest(manifest), size: manifest.length };
      await target.putManifest('app', manifestD, manifest);
      await target.tag('app', [t], manifestD, manifest);
      await delay(20); // distinct tag times, oldest first
    }
    const dry = await collectGarbage(storage, { graceMs: 0, dryRun: true, retention: { keepSha: 1 } });
    assert.deepEqual(dry.untagged.sort(), ['app:sha-1111111', 'app:sha-2222222']);
    assert.equal(dry.blobs.objects, 4, 'two manifests and two layers would go');
    assert.equal((await store.listTaggedImages()).length, 3, 'the dry run untagged nothing');
    const real = await collectGarbage(storage, { graceMs: 0, retention: { keepSha: 1 } });
    assert.deepEqual(real.untagged.sort(), ['app:sha-1111111', 'app:sha-2222222']);
    assert.equal(real.blobs.objects, 4);
    assert.deepEqual(
      (await store.listTaggedImages()).map((i) => i.tag),
      ['sha-3333333'],
    );
  });
});
