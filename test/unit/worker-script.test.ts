import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findWorkerScript } from '../../src/worker-script.ts';

// Thread pools fall back to the main thread when their script is missing, which no output would reveal: check that
// the committed bundle has each script where the pools look for it, from a split chunk and from the action's bundle.
const DIST = new URL('../../dist/', import.meta.url);

for (const name of ['compress-worker', 'blob-writer-worker', 'bcrypt-worker']) {
  test(`the bundle's ${name} is found from dist/chunks/ and from dist/action.js`, () => {
    assert.equal(findWorkerScript(name, new URL('chunks/any-chunk.js', DIST).href)?.href, new URL(`${name}.js`, DIST).href);
    assert.equal(findWorkerScript(name, new URL('action.js', DIST).href)?.href, new URL(`${name}.js`, DIST).href);
  });
}

test('the sources find the script beside the pool, and a missing one is null', () => {
  const archive = new URL('../../src/archive/compress-pool.ts', import.meta.url).href;
  assert.equal(findWorkerScript('compress-worker', archive)?.href, new URL('compress-worker.ts', archive).href);
  assert.equal(findWorkerScript('no-such-worker', archive), null);
});
