import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readActionInputs } from '../../src/action/inputs.ts';
import { parseCommandArgs, unknownOption } from '../../src/cli/args.ts';
import { progressReporter } from '../../src/cli/progress.ts';
import { UsageError } from '../../src/errors.ts';
import { whyCanonicalDiffers } from '../../src/image/name.ts';
import { storageFromEnv, unusedNixeryEnv } from '../../src/settings/serve-settings.ts';

// The pure parts of the first-hour fixes; test/integration/cli-first-hour.test.ts runs the real CLI.

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const OPTIONS = {
  out: { type: 'string', short: 'o', multiple: true },
  budget: { type: 'string' },
  json: { type: 'boolean' },
} as const;

describe('parseCommandArgs', () => {
  it('parses as parseArgs does when nothing is wrong', () => {
    const { values, positionals } = parseCommandArgs({
      args: ['a', '-o', 'x', '--out=y', '--json'],
      options: OPTIONS,
      allowPositionals: true,
    });
    assert.deepEqual({ ...values }, { out: ['x', 'y'], json: true });
    assert.deepEqual(positionals, ['a']);
  });

  it('suggests the closest flag, case ignored, and nothing when none is close', () => {
    assert.equal(unknownOption('--ouT', ['out', 'budget']), 'unknown option --ouT; did you mean --out?');
    assert.equal(unknownOption('--budgte', ['out', 'budget']), 'unknown option --budgte; did you mean --budget?');
    assert.equal(unknownOption('--frobnicate', ['out', 'budget']), 'unknown option --frobnicate');
  });

  it('refuses a value on a boolean flag, a missing value and an unexpected argument', () => {
    assert.throws(() => parseCommandArgs({ args: ['--json=no'], options: OPTIONS }), { message: '--json takes no value, not "no"' });
    assert.throws(() => parseCommandArgs({ args: ['--budget'], options: OPTIONS }), { message: '--budget needs a value' });
    assert.throws(() => parseCommandArgs({ args: ['extra'], options: OPTIONS }), { message: 'unexpected argument "extra"' });
  });

  it('takes a value that starts with "-" unless it is one of the flags', () => {
    assert.equal(parseCommandArgs({ args: ['--budget', '-1'], options: OPTIONS }).values.budget, '-1');
    assert.throws(() => parseCommandArgs({ args: ['--budget', '-o', 'x'], options: OPTIONS }), UsageError);
  });

  it('lets repeatable flags repeat and refuses the others', () => {
    assert.throws(() => parseCommandArgs({ args: ['--budget', '1', '--budget=2'], options: OPTIONS }), {
      message: '--budget was given 2 times; it takes one value, so give it once',
    });
  });
});

describe('whyCanonicalDiffers', () => {
  it('explains meta-packages, repeats and order, and is empty for the canonical spelling', () => {
    assert.deepEqual(whyCanonicalDiffers('shell/nano'), ['shell already includes nano']);
    assert.deepEqual(whyCanonicalDiffers('git/git'), ['git named more than once']);
    assert.deepEqual(whyCanonicalDiffers('htop/git'), ['packages are listed in canonical order']);
    assert.deepEqual(whyCanonicalDiffers('shell/git'), []);
  });
});

describe("Nixery's environment variables", () => {
  it('NIXERY_STORAGE_BACKEND=s3 reads S3_BUCKET, with or without a prefix', () => {
    assert.equal(storageFromEnv({ NIXERY_STORAGE_BACKEND: 's3', S3_BUCKET: 'images/team' }), 's3://images/team');
    assert.throws(() => storageFromEnv({ NIXERY_STORAGE_BACKEND: 's3' }), /needs S3_BUCKET/);
  });

  it('one warning for each variable that has no use here, saying why', () => {
    const warnings = unusedNixeryEnv({ WEB_DIR: '/srv/web', NIX_POPULARITY_URL: 'https://x', PORT: '8080' });
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /^WEB_DIR is set but not used: /);
    assert.match(warnings[1]!, /^NIX_POPULARITY_URL is set but not used: /);
  });
});

describe('progress on a terminal that reports 0 columns', () => {
  it('does not cut lines to 20 characters', () => {
    const written: string[] = [];
    const stream = { isTTY: true, columns: 0, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    progressReporter(stream, false)({ type: 'nix-build', image: 'shell/git/htop/python3' });
    assert.ok(written[0]!.endsWith('shell/git/htop/python3: building with nix'), JSON.stringify(written));
  });
});

describe('action inputs', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('storage that looks like a URL but is not one is refused', () => {
    assert.throws(
      () => readActionInputs(read({ images: 'hello', nixpkgs: COMMIT, storage: 'gs:/x' }), '/ws'),
      /looks like a URL but is not one/,
    );
  });

  it('a mixed-case pull host (as github.repository spells owners) is lowercased', () => {
    const inputs = readActionInputs(
      read({ images: 'hello', nixpkgs: COMMIT, storage: 'gs://b/i', 'pull-host': 'ghcr.io/Acme/App' }),
      '/ws',
    );
    assert.equal(inputs.pullHost, 'ghcr.io/acme/app');
  });
});
