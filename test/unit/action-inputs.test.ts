import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localStorageFolder, parseBoolean, parseNixpkgsInput, readActionInputs, splitList } from '../../src/action/inputs.ts';
import { imageTags, isForkPullRequest, readRunContext } from '../../src/action/context.ts';
import type { RunContext } from '../../src/action/context.ts';
import { UsageError } from '../../src/errors.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

function reader(values: Record<string, string>) {
  return (name: string): string => values[name] ?? '';
}

describe('action inputs', () => {
  it('reads defaults for every optional input', () => {
    const inputs = readActionInputs(
      reader({ images: 'shell/git/htop\npython3/curl', storage: 'gs://bucket/images', nixpkgs: COMMIT }),
      '/ws',
    );
    assert.deepEqual(inputs, {
      images: ['shell/git/htop', 'python3/curl'],
      source: { kind: 'nixpkgs', commit: COMMIT },
      storage: 'gs://bucket/images',
      registry: '',
      tags: [],
      budget: 100,
      compression: 'gzip',
      comment: true,
      githubToken: '',
      installNix: 'auto',
      extraNixConf: '',
      cache: true,
    });
  });

  it('takes lists by line, comma or space, ignoring blanks and comments', () => {
    assert.deepEqual(splitList('shell/git  # the usual\n\n python3/curl, hello \n# all done\n'), ['shell/git', 'python3/curl', 'hello']);
  });

  it('resolves a relative local bucket against the workspace and keeps URLs', () => {
    const read = (storage: string) => readActionInputs(reader({ images: 'hello', storage, nixpkgs: COMMIT }), '/ws').storage;
    assert.equal(read('out/bucket'), '/ws/out/bucket');
    assert.equal(read('/abs/bucket'), '/abs/bucket');
    assert.equal(read('s3://b/p'), 's3://b/p');
    assert.equal(localStorageFolder('file:///srv/my%20bucket'), '/srv/my bucket');
    assert.equal(localStorageFolder('gs://b'), null);
  });

  it('names the input in every error', () => {
    const base = { images: 'hello', storage: '/b', nixpkgs: COMMIT };
    const cases: [Record<string, string>, RegExp][] = [
      [{ images: '' }, /^images: give at least one image name/],
      [{ images: 'hello/Bad_Name' }, /^images: .*"Bad_Name"/],
      [{ storage: ' ' }, /^storage: /],
      [{ 'layer-budget': '0' }, /^layer-budget "0": expected a whole number from 1 to 124/],
      [{ 'layer-budget': '12.5' }, /^layer-budget "12.5"/],
      [{ 'layer-budget': '125' }, /^layer-budget "125"/],
      [{ compression: 'xz' }, /^compression "xz": expected one of gzip, zstd, none/],
      [{ comment: 'yes' }, /^comment: "yes" is not true or false/],
      [{ cache: 'nope' }, /^cache: /],
      [{ 'install-nix': 'maybe' }, /^install-nix: "maybe" is not auto, true or false/],
      [{ registry: 'https://images example.com' }, /^registry: /],
    ];
    for (const [override, message] of cases) {
      assert.throws(
        () => readActionInputs(reader({ ...base, ...override }), '/ws'),
        (error: Error) => {
          assert.ok(error instanceof UsageError, String(error));
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });

  it('accepts the YAML booleans getBooleanInput accepts, and a registry given as a URL', () => {
    assert.equal(parseBoolean('comment', 'False', true), false);
    assert.equal(parseBoolean('comment', 'TRUE', false), true);
    assert.equal(parseBoolean('comment', '', false), false);
    const inputs = readActionInputs(
      reader({ images: 'hello', storage: '/b', nixpkgs: COMMIT, registry: 'https://images.example.com/' }),
      '/ws',
    );
    assert.equal(inputs.registry, 'images.example.com');
  });
});

describe('the nixpkgs input', () => {
  it('tells commits, channels, git URLs and paths apart by spelling', async () => {
    const ws = await mkdtemp(path.join(os.tmpdir(), 'nixery-inputs-'));
    await mkdir(path.join(ws, 'nix'));
    await writeFile(path.join(ws, 'nix', 'default.nix'), '{ ... }: { }');
    assert.deepEqual(parseNixpkgsInput(COMMIT, ws), { source: { kind: 'nixpkgs', commit: COMMIT } });
    assert.deepEqual(parseNixpkgsInput('nixos-24.05', ws), { source: { kind: 'channel', channel: 'nixos-24.05' } });
    assert.deepEqual(parseNixpkgsInput('https://github.com/NixOS/nixpkgs.git', ws), {
      source: { kind: 'git', url: 'https://github.com/NixOS/nixpkgs.git' },
    });
    assert.deepEqual(parseNixpkgsInput('https://example.com/pkgs#release-1', ws), {
      source: { kind: 'git', url: 'https://example.com/pkgs' },
      ref: 'release-1',
    });
    assert.deepEqual(parseNixpkgsInput('git@github.com:me/pkgs.git', ws), { source: { kind: 'git', url: 'git@github.com:me/pkgs.git' } });
    assert.deepEqual(parseNixpkgsInput('./nix', ws), { source: { kind: 'path', path: path.join(ws, 'nix') } });
    assert.deepEqual(parseNixpkgsInput('nix/default.nix', ws), { source: { kind: 'path', path: path.join(ws, 'nix', 'default.nix') } });
    assert.deepEqual(parseNixpkgsInput(path.join(ws, 'nix'), '/elsewhere'), { source: { kind: 'path', path: path.join(ws, 'nix') } });
    await rm(ws, { recursive: true });
  });

  it('reports a missing folder as a missing folder and an unknown word as a bad channel', () => {
    assert.throws(() => parseNixpkgsInput('./no-such-dir', '/tmp'), /nixpkgs: package set path "\.\/no-such-dir" does not exist/);
    assert.throws(() => parseNixpkgsInput('unstable', '/tmp'), /nixpkgs: invalid channel "unstable".*Give a 40-hex nixpkgs commit/);
    assert.throws(() => parseNixpkgsInput('0123abcd', '/tmp'), /nixpkgs: invalid channel "0123abcd"/);
    assert.throws(() => parseNixpkgsInput('https://example.com/pkgs#', '/tmp'), /ends in "#"/);
  });
});

describe('run context and tags', () => {
  const base: RunContext = {
    eventName: 'push',
    repository: 'octo/widgets',
    sha: 'abcdef0123456789abcdef0123456789abcdef01',
    apiUrl: '',
    serverUrl: '',
  };
  const pr = { number: 42, headRepo: 'octo/widgets', baseRepo: 'octo/widgets', headSha: 'f'.repeat(40) };

  it('tags pr-<number> and sha-<short commit>, then the tags input, without repeats', () => {
    assert.deepEqual(imageTags(base, []), ['sha-abcdef0']);
    assert.deepEqual(imageTags({ ...base, pullRequest: pr }, ['latest', 'pr-42', 'latest']), ['pr-42', 'sha-abcdef0', 'latest']);
    assert.throws(() => imageTags(base, ['-bad']), /tag "-bad" is invalid/);
    assert.throws(() => imageTags({ ...base, sha: '' }, []), /give tags in the "tags" input/);
  });

  it('reads the pull request from the event payload and builds for its head commit', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-event-'));
    const eventPath = path.join(dir, 'event.json');
    await writeFile(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 42,
          head: { sha: 'f'.repeat(40), repo: { full_name: 'stranger/widgets' } },
          base: { repo: { full_name: 'octo/widgets' } },
        },
      }),
    );
    const context = readRunContext({
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo/widgets',
      GITHUB_SHA: '9'.repeat(40),
      GITHUB_RUN_ID: '5',
    });
    assert.equal(context.sha, 'f'.repeat(40));
    assert.deepEqual(context.pullRequest, { number: 42, headRepo: 'stranger/widgets', baseRepo: 'octo/widgets', headSha: 'f'.repeat(40) });
    assert.equal(context.runUrl, 'https://github.com/octo/widgets/actions/runs/5');
    assert.equal(isForkPullRequest(context), true);
    assert.equal(isForkPullRequest({ ...context, pullRequest: pr }), false);
    assert.throws(() => readRunContext({ GITHUB_EVENT_PATH: path.join(dir, 'missing.json') }), /cannot read the event payload/);
    await rm(dir, { recursive: true });
  });
});
