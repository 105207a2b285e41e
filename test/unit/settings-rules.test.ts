import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_TIMEOUT_SECONDS,
  parseBudget,
  parseCompression,
  parsePositiveInteger,
  parseTimeout,
} from '../../src/settings/rules.ts';
import { UsageError } from '../../src/errors.ts';
import { DEFAULT_LAYER_BUDGET } from '../../src/layers/budget.ts';

/** Asserts a UsageError whose message contains every fragment (the flag and the bad value, typically). */
function assertUsageError(fn: () => unknown, ...fragments: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected UsageError, got ${String(error)}`);
    assert.equal(error.name, 'UsageError');
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
    return true;
  });
}

describe('parseBudget', () => {
  it("defaults to the layer planner's budget", () => {
    assert.equal(parseBudget(undefined), DEFAULT_LAYER_BUDGET);
  });

  it("accepts whole numbers from 1 to 124, leaving room for the customisation layer under Docker's 125", () => {
    assert.equal(parseBudget('1'), 1);
    assert.equal(parseBudget('50'), 50);
    assert.equal(parseBudget('124'), 124);
  });

  it('refuses zero, negatives, fractions, too many layers and words, naming the flag and value', () => {
    for (const bad of ['0', '-3', '2.5', '125', '1000', 'many', '', 'NaN', 'Infinity']) {
      assertUsageError(() => parseBudget(bad), '--budget', `"${bad}"`, '124');
    }
  });
});

describe('parseCompression', () => {
  it('defaults to gzip and accepts each supported compression', () => {
    assert.equal(parseCompression(undefined), 'gzip');
    for (const c of ['gzip', 'zstd', 'none'] as const) assert.equal(parseCompression(c), c);
  });

  it('refuses others and lists the choices', () => {
    for (const bad of ['GZIP', 'xz', '', 'gz']) {
      assertUsageError(() => parseCompression(bad), '--compression', `"${bad}"`, 'gzip, zstd, none');
    }
  });
});

describe('parseTimeout', () => {
  it('defaults when neither the flag nor NIX_TIMEOUT is given, or NIX_TIMEOUT is empty', () => {
    assert.equal(parseTimeout(undefined, {}), DEFAULT_TIMEOUT_SECONDS * 1000);
    assert.equal(parseTimeout(undefined, { NIX_TIMEOUT: '' }), DEFAULT_TIMEOUT_SECONDS * 1000);
  });

  it('reads seconds from the flag before NIX_TIMEOUT and returns milliseconds', () => {
    assert.equal(parseTimeout('90', { NIX_TIMEOUT: '10' }), 90_000);
    assert.equal(parseTimeout(undefined, { NIX_TIMEOUT: '10' }), 10_000);
    assert.equal(parseTimeout('1.5', {}), 1500);
  });

  it('names the source of a bad value: the flag or the variable', () => {
    for (const bad of ['0', '-1', 'soon', 'Infinity', ' ']) {
      assertUsageError(() => parseTimeout(bad, {}), '--timeout', `"${bad}"`);
      assertUsageError(() => parseTimeout(undefined, { NIX_TIMEOUT: bad }), 'NIX_TIMEOUT', `"${bad}"`);
    }
  });

  it('refuses an explicitly empty --timeout instead of silently using the default', () => {
    assertUsageError(() => parseTimeout('', { NIX_TIMEOUT: '10' }), '--timeout', '""');
  });

  it('refuses timeouts a Node timer cannot hold (they would fire at once)', () => {
    assert.equal(parseTimeout(String(MAX_TIMEOUT_SECONDS), {}), MAX_TIMEOUT_SECONDS * 1000);
    assert.ok(MAX_TIMEOUT_SECONDS * 1000 <= 2 ** 31 - 1);
    assertUsageError(() => parseTimeout(String(MAX_TIMEOUT_SECONDS + 1), {}), '--timeout', String(MAX_TIMEOUT_SECONDS));
    assertUsageError(() => parseTimeout(undefined, { NIX_TIMEOUT: '1e12' }), 'NIX_TIMEOUT', '"1e12"');
  });
});

describe('parsePositiveInteger', () => {
  it('passes undefined through and parses whole numbers from 1', () => {
    assert.equal(parsePositiveInteger('--parallelism', undefined), undefined);
    assert.equal(parsePositiveInteger('--parallelism', '1'), 1);
    assert.equal(parsePositiveInteger('--parallelism', '16'), 16);
  });

  it('refuses the rest, naming the flag it was given', () => {
    for (const bad of ['0', '-2', '1.5', 'four', '', 'NaN']) {
      assertUsageError(() => parsePositiveInteger('--parallelism', bad), '--parallelism', `"${bad}"`);
    }
  });
});
