import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bucketFlag, s3Settings } from '../../src/cli/storage-options.ts';
import { UsageError } from '../../src/errors.ts';

describe('bucketFlag', () => {
  it('takes --storage or its alias --out, and the same bucket under both', () => {
    assert.equal(bucketFlag({ storage: '/a' }), '/a');
    assert.equal(bucketFlag({ out: 'gs://b/p' }), 'gs://b/p');
    assert.equal(bucketFlag({ storage: '/a', out: '/a' }), '/a');
    assert.equal(bucketFlag({}), undefined);
  });

  it('refuses two different buckets, naming both', () => {
    assert.throws(
      () => bucketFlag({ storage: '/a', out: '/b' }),
      (e: unknown) => e instanceof UsageError && e.message.includes('"/a"') && e.message.includes('"/b"'),
    );
  });
});

describe('s3Settings', () => {
  it('passes only the flags given, and checks --s3-path-style', () => {
    assert.deepEqual(s3Settings({}), {});
    assert.deepEqual(s3Settings({ 's3-endpoint': 'http://127.0.0.1:9000', 's3-path-style': 'false' }), {
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: false,
    });
    assert.throws(() => s3Settings({ 's3-path-style': 'yes' }), UsageError);
  });
});
