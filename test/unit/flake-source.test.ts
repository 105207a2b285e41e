import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readActionInputs } from '../../src/action/inputs.ts';
import { UsageError } from '../../src/errors.ts';
import { sourceFromFlakeLock } from '../../src/nix/flake-lock.ts';
import { resolveSource } from '../../src/nix/resolve-source.ts';
import { describeSource } from '../../src/nix/source.ts';
import { chooseSource, parseSourceSpelling } from '../../src/settings/source.ts';

// `nixpkgs: flake.lock` and `--flake`: which source each spelling means. Building from them is in
// test/integration/flake.test.ts.

const REV = '0123456789abcdef0123456789abcdef01234567';
const REV2 = 'fedcba9876543210fedcba9876543210fedcba98';
const NAR = 'sha256-OPiEpTM6PQeJRu4oKZ93KpMWu3sQgQzEOkbCLT77FEw=';

const LOCK = {
  nodes: {
    nixpkgs: { locked: { type: 'github', owner: 'NixOS', repo: 'nixpkgs', rev: REV, narHash: NAR, lastModified: 1 } },
    fork: { locked: { type: 'github', owner: 'me', repo: 'nixpkgs', rev: REV2, narHash: NAR } },
    local: { locked: { type: 'git', url: 'file:///srv/pkgs', rev: REV2, narHash: NAR, ref: 'main' } },
    tree: { locked: { type: 'path', path: '/srv/pkgs', narHash: NAR } },
    root: { inputs: { nixpkgs: 'nixpkgs', fork: 'fork', local: 'local', tree: 'tree', follower: ['fork'] } },
  },
  root: 'root',
  version: 7,
};

let dir: string;
let lockFile: string;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-flake-source-'));
  lockFile = path.join(dir, 'flake.lock');
  await writeFile(lockFile, JSON.stringify(LOCK));
  await mkdir(path.join(dir, 'sub'));
  await writeFile(path.join(dir, 'sub/flake.lock'), '{ not json');
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('flake.lock inputs', () => {
  it('NixOS/nixpkgs on GitHub is that nixpkgs commit, its narHash the tarball hash', () => {
    assert.deepEqual(sourceFromFlakeLock(lockFile, 'nixpkgs', 'flake.lock'), { kind: 'nixpkgs', commit: REV, sha256: NAR });
  });

  it('another GitHub repository or a git input is a git source fixed at the locked commit', () => {
    assert.deepEqual(sourceFromFlakeLock(lockFile, 'fork', 'flake.lock'), {
      kind: 'git',
      url: 'https://github.com/me/nixpkgs.git',
      rev: REV2,
    });
    assert.deepEqual(sourceFromFlakeLock(lockFile, 'local', 'flake.lock'), { kind: 'git', url: 'file:///srv/pkgs', rev: REV2 });
  });

  it('refuses what pins no revision, naming the input and what there is', () => {
    assert.throws(() => sourceFromFlakeLock(lockFile, 'tree', 'flake.lock'), /input "tree" is locked as path without a revision/);
    assert.throws(() => sourceFromFlakeLock(lockFile, 'follower', 'flake.lock'), /input "follower" is not locked to a revision/);
    assert.throws(
      () => sourceFromFlakeLock(lockFile, 'nope', 'flake.lock'),
      /has no input "nope"; its inputs are nixpkgs, fork, local, tree, follower/,
    );
    assert.throws(
      () => sourceFromFlakeLock(path.join(dir, 'none/flake.lock'), 'nixpkgs', 'none/flake.lock'),
      /none\/flake\.lock does not exist/,
    );
    assert.throws(
      () => sourceFromFlakeLock(path.join(dir, 'sub/flake.lock'), 'nixpkgs', 'sub/flake.lock'),
      /sub\/flake\.lock is not valid JSON/,
    );
  });
});

describe('source spellings', () => {
  it('flake.lock, PATH/flake.lock and #INPUT in the one-input spelling', () => {
    assert.deepEqual(parseSourceSpelling('flake.lock', dir), { source: { kind: 'nixpkgs', commit: REV, sha256: NAR } });
    assert.deepEqual(parseSourceSpelling(`${dir}/flake.lock#local`, '/'), {
      source: { kind: 'git', url: 'file:///srv/pkgs', rev: REV2 },
    });
    assert.throws(() => parseSourceSpelling('flake.lock#', dir), /ends in "#": name a flake input/);
  });

  it('--nixpkgs takes flake.lock too, but not with --nixpkgs-sha256', () => {
    assert.deepEqual(chooseSource({ nixpkgs: `${lockFile}#fork` }), { kind: 'git', url: 'https://github.com/me/nixpkgs.git', rev: REV2 });
    assert.throws(() => chooseSource({ nixpkgs: lockFile, 'nixpkgs-sha256': NAR }), /--nixpkgs-sha256 goes with a commit/);
  });

  it('--flake takes a path (made absolute) or any flake URL, and is one more package set to choose', () => {
    assert.deepEqual(chooseSource({ flake: '/srv/app' }), { kind: 'flake', ref: '/srv/app' });
    assert.deepEqual(chooseSource({ flake: '.' }), { kind: 'flake', ref: process.cwd() });
    assert.deepEqual(chooseSource({ flake: 'github:me/app/' + REV }), { kind: 'flake', ref: `github:me/app/${REV}` });
    assert.throws(() => chooseSource({ flake: '.', channel: 'nixos-24.05' }), /choose one package set, not --channel and --flake/);
  });

  it('a git source with a locked commit needs no remote to pin it', async () => {
    const resolved = await resolveSource({ kind: 'git', url: 'file:///nonexistent/repo', rev: REV2 }, 'latest');
    assert.equal(resolved.pinned, true);
    assert.equal(resolved.revision, REV2);
    assert.match(resolved.packageSetExpr, new RegExp(`rev = "${REV2}"`));
    assert.equal(describeSource({ kind: 'git', url: 'file:///srv/pkgs', rev: REV2 }), `git file:///srv/pkgs#${REV2}`);
  });
});

describe('action inputs for flakes and images files', () => {
  const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('flake is a package set relative to the workspace; images-file is read from it', async () => {
    await writeFile(path.join(dir, 'images.yaml'), 'api:\n  packages: [api]\n  user: app\n');
    const inputs = readActionInputs(reader({ flake: '.', 'images-file': 'images.yaml', storage: 'gs://b/p' }), dir);
    assert.deepEqual(inputs.source, { kind: 'flake', ref: dir });
    assert.deepEqual(inputs.images, []);
    assert.deepEqual(inputs.imageSpecs, [{ name: 'api', packages: ['api'], arch: 'amd64', config: { user: 'app' } }]);
  });

  it('flake and nixpkgs together, or no images at all, are refused by name', () => {
    assert.throws(
      () => readActionInputs(reader({ flake: '.', nixpkgs: 'flake.lock', images: 'hello', storage: 'gs://b/p' }), dir),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.match(e.message, /flake and nixpkgs are both given/);
        return true;
      },
    );
    assert.throws(() => readActionInputs(reader({ storage: 'gs://b/p' }), dir), /images: give at least one image name.*or an images-file/);
    assert.throws(
      () => readActionInputs(reader({ 'images-file': 'missing.yaml', storage: 'gs://b/p' }), dir),
      /images file missing\.yaml does not exist/,
    );
  });
});
