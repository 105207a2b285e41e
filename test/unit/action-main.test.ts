import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

describe('the action main module', () => {
  it('runs nothing on import: index.ts is the entry that calls run()', async () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const main = await import('../../src/action/main.ts');
      assert.equal(typeof main.run, 'function');
    } finally {
      process.stdout.write = write;
    }
    // run() without inputs would fail the step: an ::error line and exit code 1.
    assert.deepEqual(written, []);
    assert.equal(process.exitCode, undefined);
  });
});
