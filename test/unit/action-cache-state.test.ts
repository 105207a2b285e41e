import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCacheState, encodeCacheState, planActionCache, saveRecordedActionCache } from '../../src/action/cache.ts';
import type { CacheState } from '../../src/action/cache.ts';

// The main step hands the post step its cache plan through core.saveState (a string); the post step decides from
// it alone whether to save.

const plan = planActionCache({
  sourceId: 'path ./nix',
  images: ['shell/hello', 'hello'],
  budget: 100,
  compression: 'gzip',
  localBucket: '/tmp/bucket',
  home: '/home/runner',
  platform: 'linux',
  arch: 'x64',
});

const STATE: CacheState = { plan, restore: { available: true, restoredKey: plan.restoreKeys[0]! + 'older' }, failedImages: 0 };

describe('cache state between the main and post steps', () => {
  it('round-trips the plan, the restore outcome and the failure count', () => {
    assert.deepEqual(decodeCacheState(encodeCacheState(STATE)), STATE);
    const unavailable: CacheState = { ...STATE, restore: { available: false }, failedImages: 2 };
    assert.deepEqual(decodeCacheState(encodeCacheState(unavailable)), unavailable);
  });

  it('reads no state (caching off, or the main step stopped early) as null', () => {
    assert.equal(decodeCacheState(''), null);
  });

  it('rejects state it did not write, naming it', () => {
    for (const text of ['null', '{}', '{"plan":{"key":"k"},"restore":{"available":true},"failedImages":0}', '"cache"']) {
      assert.throws(() => decodeCacheState(text), /Unexpected cache state from the main step/, text);
    }
    assert.throws(() => decodeCacheState('{not json'), SyntaxError);
  });
});

describe('the post step', () => {
  let lines: string[];
  const write = process.stdout.write;
  const savedEnv = { ...process.env };
  beforeEach(() => {
    lines = [];
    process.stdout.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    // No cache service, whatever the shell running the tests has.
    for (const name of ['ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_CACHE_SERVICE_V2'])
      delete process.env[name];
  });
  afterEach(() => {
    process.stdout.write = write;
    process.env = { ...savedEnv };
  });
  const log = (): string => lines.join('');

  it('does nothing, saying so, without recorded state', async () => {
    await saveRecordedActionCache('');
    assert.match(log(), /No cache to save: caching is off, or the main step stopped before building/);
  });

  it('saves nothing when images failed, so a partial build never takes the key', async () => {
    await saveRecordedActionCache(encodeCacheState({ ...STATE, failedImages: 1 }));
    assert.match(log(), new RegExp(`Not saving cache ${plan.key}: 1 image failed to build`));
  });

  it('says the cache service is unavailable instead of saving', async () => {
    await saveRecordedActionCache(encodeCacheState(STATE));
    assert.match(log(), /cache service is not available here; not saving the cache/);
    assert.doesNotMatch(log(), /^::(error|warning)/m);
  });
});
