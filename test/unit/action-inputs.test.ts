import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localStorageFolder, parseBoolean, parseNixpkgsInput, readActionInputs, splitList } from '../../src/action/inputs.ts';
import { planTags } from '../../src/action/tag-rules.ts';
import { isForkPullRequest, readRunContext, runsWithoutSecrets } from '../../src/action/context.ts';
import type { RunContext } from '../../src/action/context.ts';
import { planActionCache } from '../../src/action/cache.ts';
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
      imageSpecs: [],
      source: { kind: 'nixpkgs', commit: COMMIT },
      destinations: { bucket: 'gs://bucket/images', bucketIsCache: false, registries: [] },
      pullHost: '',
      tags: [],
      labels: {},
      annotations: {},
      merge: false,
      budget: 100,
      compression: 'gzip',
      comment: true,
      commentKey: '',
      summary: true,
      githubToken: '',
      installNix: 'auto',
      extraNixConf: '',
      nix: { nix: {} },
      cache: true,
      warnings: [],
    });
  });

  it('reads the nix-* inputs: builders, caches, keys and the closure push, a relative key file from the workspace', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-nix-inputs-'));
    try {
      await writeFile(path.join(dir, 'cache.sk'), `test-cache-1:${Buffer.alloc(64, 7).toString('base64')}\n`);
      const key = `test-cache-1:${Buffer.alloc(32, 7).toString('base64')}`;
      const inputs = readActionInputs(
        reader({
          images: 'shell',
          storage: 'gs://bucket/images',
          nixpkgs: COMMIT,
          'nix-builders': 'ssh-ng://builder@big x86_64-linux - 8',
          'nix-builders-use-substitutes': 'true',
          'nix-substituters': 's3://cache?region=eu-west-1\nhttps://cache.example.org',
          'nix-trusted-public-keys': key,
          'nix-cache-push': 's3://cache?region=eu-west-1',
          'nix-cache-secret-key-file': 'cache.sk',
        }),
        dir,
        { NIXERY_CACHE_DIR: dir },
      );
      assert.deepEqual(inputs.nix, {
        nix: {
          builders: 'ssh-ng://builder@big x86_64-linux - 8',
          buildersUseSubstitutes: true,
          substituters: ['s3://cache?region=eu-west-1', 'https://cache.example.org'],
          trustedPublicKeys: [key],
        },
        closurePush: { url: 's3://cache?region=eu-west-1', secretKeyFile: path.join(dir, 'cache.sk') },
      });
      assert.throws(
        () =>
          readActionInputs(reader({ images: 'shell', storage: 'gs://b', nixpkgs: COMMIT, 'nix-substituters': 'cache.example.org' }), dir, {
            NIXERY_CACHE_DIR: dir,
          }),
        /^UsageError: nix-substituters: "cache\.example\.org" is not a Nix store URL/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes lists by line, comma or space, ignoring blanks and comments', () => {
    assert.deepEqual(splitList('shell/git  # the usual\n\n python3/curl, hello \n# all done\n'), ['shell/git', 'python3/curl', 'hello']);
  });

  it('resolves a relative local bucket against the workspace and keeps URLs', () => {
    const read = (storage: string) => readActionInputs(reader({ images: 'hello', storage, nixpkgs: COMMIT }), '/ws').destinations.bucket;
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
      [{ storage: ' ' }, /^storage or push: name a bucket .* or a registry/],
      [{ push: 'gs://bucket/images' }, /^push destination "docker:\/\/gs:\/\/bucket\/images": only docker:\/\/HOST\[:PORT\]\/PREFIX/],
      [{ push: 'ghcr.io/acme/images:latest' }, /must not carry a tag or digest/],
      [{ 'pull-host': 'https://images example.com' }, /^pull-host: /],
      [{ 'layer-budget': '0' }, /^layer-budget "0": expected a whole number from 1 to 124/],
      [{ 'layer-budget': '12.5' }, /^layer-budget "12.5"/],
      [{ 'layer-budget': '125' }, /^layer-budget "125"/],
      [{ compression: 'xz' }, /^compression "xz": expected one of gzip, zstd, none/],
      [{ comment: 'yes' }, /^comment: "yes" is not true or false/],
      [{ cache: 'nope' }, /^cache: /],
      [{ 'install-nix': 'maybe' }, /^install-nix: "maybe" is not auto, true or false/],
      [{ registry: 'https://images example.com' }, /^registry: /],
      [{ platforms: 'linux/amd64, linux/riscv64' }, /^platforms: "linux\/riscv64" is not a platform nixery builds/],
      [{ merge: 'sometimes' }, /^merge: "sometimes" is not true or false/],
      [{ merge: 'true', push: 'ghcr.io/acme' }, /^merge: .*give storage \(gs:\/\/, s3:\/\/\) and no push/],
      [{ merge: 'true', storage: '', push: 'ghcr.io/acme' }, /^merge: /],
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

  it('reads platforms as a list, and merge', () => {
    const inputs = readActionInputs(
      reader({ images: 'hello', storage: 'gs://b/i', nixpkgs: COMMIT, platforms: 'linux/amd64\nlinux/arm64', merge: 'true' }),
      '/ws',
    );
    assert.deepEqual(inputs.platforms, ['amd64', 'arm64']);
    assert.equal(inputs.merge, true);
  });

  it('accepts the YAML booleans getBooleanInput accepts, and a pull-host given as a URL', () => {
    assert.equal(parseBoolean('comment', 'False', true), false);
    assert.equal(parseBoolean('comment', 'TRUE', false), true);
    assert.equal(parseBoolean('comment', '', false), false);
    const inputs = readActionInputs(
      reader({ images: 'hello', storage: '/b', nixpkgs: COMMIT, 'pull-host': 'https://images.example.com/' }),
      '/ws',
    );
    assert.equal(inputs.pullHost, 'images.example.com');
    assert.deepEqual(inputs.warnings, []);
  });
});

describe('the push, storage and pull-host inputs', () => {
  const env = { NIXERY_CACHE_DIR: '/runner/cache/nixery', HOME: '/home/runner' };
  const read = (values: Record<string, string>) => readActionInputs(reader({ images: 'hello', nixpkgs: COMMIT, ...values }), '/ws', env);

  it('reads registry prefixes one per line or comma-separated, with or without docker://, owners lowercased', () => {
    const inputs = read({
      storage: 'gs://bucket/images',
      push: 'ghcr.io/Acme-Corp/images, docker://registry.example.com:5000/team\n  # staging too\nDOCKER://127.0.0.1:5000/acme/images',
    });
    assert.deepEqual(inputs.destinations, {
      bucket: 'gs://bucket/images',
      bucketIsCache: false,
      registries: [
        { host: 'ghcr.io', prefix: 'acme-corp/images', insecure: false },
        { host: 'registry.example.com:5000', prefix: 'team', insecure: false },
        { host: '127.0.0.1:5000', prefix: 'acme/images', insecure: true },
      ],
    });
  });

  it('without storage keeps the caches in the local cache folder, which the Actions cache then keeps', () => {
    const inputs = read({ push: 'ghcr.io/acme/images' });
    assert.equal(inputs.destinations.bucketIsCache, true);
    assert.equal(inputs.destinations.bucket, '/runner/cache/nixery/store');
    assert.deepEqual(inputs.destinations.registries, [{ host: 'ghcr.io', prefix: 'acme/images', insecure: false }]);
    const folder = localStorageFolder(inputs.destinations.bucket);
    assert.equal(folder, '/runner/cache/nixery/store');
    const plan = planActionCache({
      sourceId: 'nixpkgs 0123',
      images: inputs.images,
      budget: inputs.budget,
      compression: inputs.compression,
      localBucket: folder,
      home: '/home/runner',
      platform: 'linux',
      arch: 'x64',
    });
    assert.deepEqual(plan.paths, ['/home/runner/.cache/nix', '/runner/cache/nixery/store']);
    // Without NIXERY_CACHE_DIR: ~/.cache/nixery, from HOME.
    const home = readActionInputs(reader({ images: 'hello', nixpkgs: COMMIT, push: 'ghcr.io/acme' }), '/ws', { HOME: '/home/u' });
    assert.equal(home.destinations.bucket, path.join(os.homedir(), '.cache', 'nixery', 'store'));
  });

  it('requires storage or push, naming both', () => {
    assert.throws(
      () => read({}),
      (error: Error) => error instanceof UsageError && /^storage or push: /.test(error.message),
    );
    assert.throws(() => read({ push: ' , \n' }), /storage or push: name a bucket/);
  });

  it('reaches hosts in insecure-registries over plain http, loopback always', () => {
    const inputs = read({
      push: 'registry.internal:5000/team\nregistry.example.com/other\nlocalhost:5000/x',
      'insecure-registries': 'registry.internal',
    });
    assert.deepEqual(
      inputs.destinations.registries.map((r) => [r.host, r.insecure]),
      [
        ['registry.internal:5000', true],
        ['registry.example.com', false],
        ['localhost:5000', true],
      ],
    );
  });

  it('takes the deprecated registry input as pull-host, with a warning; both given must agree', () => {
    const old = read({ storage: '/b', registry: 'images.example.com' });
    assert.equal(old.pullHost, 'images.example.com');
    assert.equal(old.warnings.length, 1);
    assert.match(old.warnings[0]!, /registry input is deprecated: rename it to pull-host/);
    const both = read({ storage: '/b', registry: 'https://images.example.com/', 'pull-host': 'images.example.com' });
    assert.equal(both.pullHost, 'images.example.com');
    assert.equal(both.warnings.length, 1);
    assert.throws(
      () => read({ storage: '/b', registry: 'old.example.com', 'pull-host': 'images.example.com' }),
      (error: Error) =>
        error instanceof UsageError && /^pull-host "images.example.com" and registry "old.example.com" differ/.test(error.message),
    );
    assert.throws(() => read({ storage: '/b', registry: 'not a host' }), /registry: "not a host" is not a registry host/);
    assert.deepEqual(read({ storage: '/b', 'pull-host': 'images.example.com' }).warnings, []);
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

  const imageTags = (context: RunContext, lines: string[]) => planTags(lines, context).tags;
  it('tags pr-<number> and sha-<short commit>, then the tags input, without repeats', () => {
    assert.deepEqual(imageTags(base, []), ['sha-abcdef0']);
    assert.deepEqual(imageTags({ ...base, pullRequest: pr }, ['latest', 'pr-42', 'latest']), ['pr-42', 'sha-abcdef0', 'latest']);
    assert.throws(() => imageTags(base, ['-bad']), /tags: "-bad" is not a valid tag/);
    assert.throws(() => imageTags({ ...base, sha: '' }, []), /no rule gave a tag for this run.*add a literal tag/);
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
    // Only the pull_request event withholds secrets from forks (no push, no comment); pull_request_target has them.
    assert.equal(runsWithoutSecrets(context), true);
    assert.equal(runsWithoutSecrets({ ...context, eventName: 'pull_request_target' }), false);
    assert.equal(runsWithoutSecrets({ ...context, pullRequest: pr }), false);
    assert.throws(() => readRunContext({ GITHUB_EVENT_PATH: path.join(dir, 'missing.json') }), /cannot read the event payload/);
    await rm(dir, { recursive: true });
  });
});
