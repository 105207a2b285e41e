import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildImagePackages } from '../../src/nix/build.ts';
import { resolveGitTag, resolveSource } from '../../src/nix/resolve-source.ts';
import { requireTools } from './support/run.ts';

// A git package source against a local bare repository: the image tag picks the commit
// (default branch, annotated tag, branch, bare commit) and nix fetches exactly that one.

const EXAMPLES = fileURLToPath(new URL('../../nix/examples', import.meta.url));

// No binary cache is reachable here; asking it costs seconds of retries per build.
process.env.NIX_CONFIG = `${process.env.NIX_CONFIG ?? ''}\nsubstituters =`;

const root = mkdtempSync(path.join(os.tmpdir(), 'nixery-git-source-'));
const work = path.join(root, 'work');
const bare = path.join(root, 'packages.git');
const url = `file://${bare}`;
const commits: Record<string, string> = {};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

/** A package set whose one package, "marker", says which version of the repository it came from. */
function commitVersion(version: string): string {
  writeFileSync(
    path.join(work, 'default.nix'),
    `{ system ? builtins.currentSystem, ... }:
let examples = import ${EXAMPLES} { inherit system; };
in {
  marker = examples.lib.mkScripts {
    name = "marker-${version}";
    scripts.marker = "#!\${examples.busybox}/bin/sh\\necho ${version}\\n";
  };
}
`,
  );
  git(work, 'add', 'default.nix');
  git(work, 'commit', '-q', '-m', `version ${version}`);
  return git(work, 'rev-parse', 'HEAD');
}

before(() => {
  requireTools('git', 'nix-build', 'nix');
  git(root, 'init', '-q', '-b', 'main', work);
  commits.v1 = commitVersion('v1');
  git(work, 'tag', '-a', 'v1', '-m', 'release v1'); // annotated: ls-remote shows a tag object and ^{}
  git(work, 'tag', 'light'); // lightweight
  commits.v2 = commitVersion('v2');
  git(work, 'checkout', '-q', '-b', 'feature', commits.v1!);
  commits.feature = commitVersion('feature');
  git(work, 'checkout', '-q', 'main');
  git(root, 'clone', '-q', '--bare', work, bare);
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('resolveGitTag', () => {
  test('"latest" is the default branch head', async () => {
    assert.deepEqual(await resolveGitTag(url, 'latest'), { rev: commits.v2, ref: 'refs/heads/main' });
  });

  test('an annotated tag resolves to its commit, not the tag object', async () => {
    const target = await resolveGitTag(url, 'v1');
    assert.deepEqual(target, { rev: commits.v1, ref: 'refs/tags/v1' });
    assert.notEqual(git(bare, 'rev-parse', 'refs/tags/v1'), commits.v1, 'v1 is a tag object');
  });

  test('lightweight tags and branches resolve', async () => {
    assert.deepEqual(await resolveGitTag(url, 'light'), { rev: commits.v1, ref: 'refs/tags/light' });
    assert.deepEqual(await resolveGitTag(url, 'feature'), { rev: commits.feature, ref: 'refs/heads/feature' });
  });

  test('a 40-hex tag is taken as the commit', async () => {
    assert.deepEqual(await resolveGitTag(url, commits.feature!), { rev: commits.feature });
  });

  test('a tag matching nothing, and an unreachable repository, are clear errors', async () => {
    await assert.rejects(resolveGitTag(url, 'v9'), /image tag "v9" matches no branch or tag of file:\/\/.*packages\.git/);
    await assert.rejects(resolveGitTag(`file://${root}/missing.git`, 'latest'), /cannot list refs of file:\/\/.*missing\.git/);
  });
});

describe('git source builds', () => {
  // First, so Nix's git cache has not yet fetched the branch: the commit must be found by allRefs.
  test('a commit only on a side branch builds when named by its hash', async () => {
    const source = await resolveSource({ kind: 'git', url }, commits.feature!);
    const result = await buildImagePackages({ source, packages: ['marker'], system: 'x86_64-linux', timeoutMs: 120_000, nix: {} });
    assert.equal(path.basename(result.outputs[0]!).slice(33), 'marker-feature');
  });

  const cases: Array<[tag: string, version: string]> = [
    ['latest', 'v2'],
    ['v1', 'v1'],
    ['feature', 'feature'],
  ];
  for (const [tag, version] of cases) {
    test(`tag "${tag}" builds the package from ${version}`, async () => {
      const source = await resolveSource({ kind: 'git', url }, tag);
      assert.equal(source.pinned, true);
      assert.equal(source.revision, commits[version]);
      assert.equal(source.cacheId, `git:${url}#${commits[version]}`);
      assert.equal(source.sourceUrl, undefined, 'no local path in annotations');
      const result = await buildImagePackages({ source, packages: ['marker'], system: 'x86_64-linux', timeoutMs: 120_000, nix: {} });
      assert.equal(path.basename(result.outputs[0]!).slice(33), `marker-${version}`);
      assert.equal(execFileSync(path.join(result.outputs[0]!, 'bin/marker'), { encoding: 'utf8' }), `${version}\n`);
    });
  }
});
