import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE_PACKAGES, runCli, runCliChecked } from './support/cli.ts';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';

// The stumbles of a newcomer's first hour with the real CLI (issue "First-hour experience"): each test here
// failed before the change it names.

let work: string;

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-first-hour-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('nixery --version', () => {
  test('prints the package version and exits 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `nixery ${version}\n`);
  });
});

describe('mistyped bucket URLs', () => {
  for (const location of ['gs:/x', 's3:/x', 'docker:/host/prefix']) {
    test(`${location} is refused and no folder is created`, async () => {
      const cwd = await mkdtemp(path.join(work, 'cwd-'));
      const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', location], { cwd });
      assert.equal(result.code, EXIT_CODES.usage, result.stderr);
      assert.match(result.stderr, /looks like a URL but is not one/);
      assert.match(result.stderr, new RegExp(`write ${location.split(':')[0]}://`));
      assert.deepEqual(await readdir(cwd), [], 'nothing written in the working directory');
    });
  }
});

describe('flags', () => {
  test('a mistyped flag names the one meant, and the usage is its synopsis, not the whole page', async () => {
    const result = await runCli(['build', 'hello', '--ouT', './store']);
    assert.equal(result.code, EXIT_CODES.usage);
    assert.match(result.stderr, /unknown option --ouT; did you mean --out\?/);
    assert.match(result.stderr, /Run "nixery build --help" for every option/);
    assert.doesNotMatch(result.stderr, /--upload-parallelism/, 'the option list is not repeated for every error');
    assert.doesNotMatch(result.stderr, /positional argument/, "Node's parser text is not shown");
  });

  test('a negative number reaches the setting check instead of "argument is ambiguous"', async () => {
    const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', work, '--budget', '-1']);
    assert.equal(result.code, EXIT_CODES.usage);
    assert.match(result.stderr, /budget/);
    assert.doesNotMatch(result.stderr, /ambiguous/);
  });

  test('a flag whose value was left out is named', async () => {
    const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', '--tag', 'v1']);
    assert.equal(result.code, EXIT_CODES.usage);
    assert.match(result.stderr, /--out needs a value before --tag/);
  });

  test('a single-value flag given twice is refused', async () => {
    const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', work, '--budget', '3', '--budget', '4']);
    assert.equal(result.code, EXIT_CODES.usage);
    assert.match(result.stderr, /--budget was given 2 times/);
  });

  test('an unknown command suggests the close one', async () => {
    const result = await runCli(['biuld', 'hello']);
    assert.equal(result.code, EXIT_CODES.usage);
    assert.match(result.stderr, /unknown command "biuld"; did you mean "build"\?/);
  });

  test('with --json, a failure prints a JSON error on stdout too', async () => {
    const result = await runCli(['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--out', 'gs:/x', '--json']);
    assert.equal(result.code, EXIT_CODES.usage);
    const parsed = JSON.parse(result.stdout) as { error: { kind: string; message: string; exitCode: number } };
    assert.equal(parsed.error.kind, 'usage');
    assert.equal(parsed.error.exitCode, EXIT_CODES.usage);
    assert.match(parsed.error.message, /looks like a URL/);
  });
});

describe('builds', () => {
  test('every --tag counts, and a spelling that differs from the canonical name is explained', async () => {
    const bucket = path.join(work, 'tags');
    const result = await runCliChecked([
      'build',
      'shell/nano',
      '--pkgs-path',
      EXAMPLE_PACKAGES,
      '--storage',
      bucket,
      '--tag',
      'v1',
      '-t',
      'v2',
    ]);
    assert.match(result.stdout, /^shell:v1\n/);
    assert.match(result.stdout, /asked {3}shell\/nano \(the same image: shell already includes nano\)/);
    assert.match(result.stdout, /tagged {2}shell:v2/);
    assert.match(result.stdout, /archived .* of store files into new layers/);
    const index = JSON.parse(await readFile(path.join(bucket, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    const refs = index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort();
    assert.deepEqual(refs, ['shell:v1', 'shell:v2']);
    assert.equal(new Set(index.manifests.map((m) => m.digest)).size, 1, 'both tags name one manifest');
  });

  test('an unreachable bucket fails before Nix builds anything', async () => {
    const result = await runCli(
      ['build', 'hello', '--pkgs-path', EXAMPLE_PACKAGES, '--storage', 's3://bucket/x', '--s3-endpoint', 'http://127.0.0.1:1'],
      {
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' },
      },
    );
    assert.equal(result.code, EXIT_CODES['bucket-access'], result.stderr);
    assert.match(result.stderr, /ECONNREFUSED/);
    assert.doesNotMatch(result.stderr, /building with nix/);
  });
});
