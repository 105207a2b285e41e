import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.ts';
import { parseDuration } from '../../src/cli/duration.ts';
import { gcCommand } from '../../src/cli/gc-command.ts';
import { untagCommand } from '../../src/cli/untag-command.ts';
import { scratchBuckets } from './support/scratch-buckets.ts';

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
