import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { nixString, resolveSource } from '../../src/nix/resolve-source.ts';
import { parseSourceOption } from '../../src/nix/source.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const BASE32 = '0c5kp7m1hxxlp2v2kvlc5qkqiw2wyc5c0agkm5ihjm2ldqdqzzyv';

/** nix-instantiate --parse accepts the text as a Nix expression (no evaluation, no network). */
function assertParses(expr: string): void {
  execFileSync('nix-instantiate', ['--parse', '-E', expr], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function evalJson(expr: string): unknown {
  return JSON.parse(execFileSync('nix-instantiate', ['--eval', '--strict', '--json', '-E', expr], { encoding: 'utf8' }));
}

describe('parseSourceOption', () => {
  test('accepts a full lowercase nixpkgs commit, with an optional sha256 in any Nix spelling', () => {
    assert.deepEqual(parseSourceOption('nixpkgs', COMMIT), { kind: 'nixpkgs', commit: COMMIT });
    assert.deepEqual(parseSourceOption('nixpkgs', COMMIT, BASE32), { kind: 'nixpkgs', commit: COMMIT, sha256: BASE32 });
    const hex = 'a'.repeat(64);
    assert.equal((parseSourceOption('nixpkgs', COMMIT, { sha256: hex }) as { sha256: string }).sha256, hex);
    const sri = 'sha256-' + Buffer.alloc(32, 7).toString('base64');
    assert.equal((parseSourceOption('nixpkgs', COMMIT, sri) as { sha256: string }).sha256, sri);
  });

  test('rejects short, uppercase or non-hex commits and malformed hashes, naming the value', () => {
    assert.throws(() => parseSourceOption('nixpkgs', COMMIT.slice(0, 12)), /invalid nixpkgs commit "0123456789ab".*40-character/);
    assert.throws(() => parseSourceOption('nixpkgs', COMMIT.toUpperCase()), /invalid nixpkgs commit/);
    assert.throws(() => parseSourceOption('nixpkgs', 'g'.repeat(40)), /invalid nixpkgs commit/);
    assert.throws(() => parseSourceOption('nixpkgs', COMMIT, 'abc'), /invalid sha256 "abc"/);
    assert.throws(() => parseSourceOption('nixpkgs', COMMIT, 'e'.repeat(52)), /invalid sha256/); // 'e' is not base-32
  });

  test('channels follow the NixOS channel grammar; a commit given as a channel is a nixpkgs commit', () => {
    for (const channel of ['nixos-unstable', 'nixos-24.05', 'nixos-24.05-small', 'nixpkgs-unstable', 'nixpkgs-24.05-darwin']) {
      assert.deepEqual(parseSourceOption('channel', channel), { kind: 'channel', channel });
    }
    for (const bad of ['unstable', 'nixos-24.5', 'nixos 24.05', 'NixOS-unstable', '../etc', 'nixos-unstable/..']) {
      assert.throws(() => parseSourceOption('channel', bad), new RegExp(`invalid channel "${bad.replace(/[.]/g, '\\.')}"`));
    }
    assert.deepEqual(parseSourceOption('channel', COMMIT), { kind: 'nixpkgs', commit: COMMIT });
    assert.throws(() => parseSourceOption('channel', 'nixos-unstable', BASE32), /sha256 only applies to a nixpkgs commit/);
  });

  test('git URLs: http(s), ssh, git, file and scp-like; Nixery aliases name the same kinds', () => {
    for (const url of [
      'https://github.com/NixOS/nixpkgs',
      'ssh://git@example.com/x.git',
      'git://example.com/x',
      'file:///srv/repo.git',
      'git@github.com:org/repo.git',
    ]) {
      assert.deepEqual(parseSourceOption('git', url), { kind: 'git', url });
    }
    assert.deepEqual(parseSourceOption('pkgs-repo', 'https://example.com/r'), { kind: 'git', url: 'https://example.com/r' });
    for (const bad of ['', '--upload-pack=evil', 'ftp://example.com/x', 'just-a-name']) {
      assert.throws(() => parseSourceOption('git', bad), /invalid git URL/);
    }
  });

  describe('paths', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nixery-source-test-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('a folder with default.nix or a .nix file, made absolute', () => {
      mkdirSync(path.join(dir, 'set'));
      writeFileSync(path.join(dir, 'set/default.nix'), '{ }');
      writeFileSync(path.join(dir, 'one.nix'), '{ }');
      assert.deepEqual(parseSourceOption('path', 'set', { cwd: dir }), { kind: 'path', path: path.join(dir, 'set') });
      assert.deepEqual(parseSourceOption('pkgs-path', path.join(dir, 'one.nix')), { kind: 'path', path: path.join(dir, 'one.nix') });
    });

    test('missing paths and folders without default.nix are named in the error', () => {
      mkdirSync(path.join(dir, 'empty'));
      assert.throws(() => parseSourceOption('path', 'nope', { cwd: dir }), /package set path "nope" does not exist/);
      assert.throws(() => parseSourceOption('path', 'empty', { cwd: dir }), /folder "empty" has no default\.nix/);
    });
  });

  test('an unknown kind lists the valid ones', () => {
    assert.throws(() => parseSourceOption('svn', 'x'), /unknown package source kind "svn": expected nixpkgs, channel, git, path or flake/);
  });
});

describe('resolveSource expressions', () => {
  test('nixpkgs commit: fetchTarball of the GitHub archive, pinned, parseable', async () => {
    const resolved = await resolveSource({ kind: 'nixpkgs', commit: COMMIT }, 'latest');
    assert.match(
      resolved.packageSetExpr,
      new RegExp(`builtins\\.fetchTarball "https://github\\.com/NixOS/nixpkgs/archive/${COMMIT}\\.tar\\.gz"`),
    );
    assert.equal(resolved.pinned, true);
    assert.equal(resolved.cacheId, `nixpkgs:${COMMIT}`);
    assert.equal(resolved.revision, COMMIT);
    assert.equal(resolved.sourceUrl, 'https://github.com/NixOS/nixpkgs');
    assertParses(resolved.packageSetExpr);
  });

  test('nixpkgs commit with sha256: the hash goes into fetchTarball', async () => {
    const resolved = await resolveSource({ kind: 'nixpkgs', commit: COMMIT, sha256: BASE32 }, 'latest');
    assert.match(
      resolved.packageSetExpr,
      new RegExp(`builtins\\.fetchTarball \\{ url = "[^"]+${COMMIT}\\.tar\\.gz"; sha256 = "${BASE32}"; \\}`),
    );
    assertParses(resolved.packageSetExpr);
  });

  test('channel: the channel nixexprs tarball, not pinned', async () => {
    const resolved = await resolveSource({ kind: 'channel', channel: 'nixos-24.05' }, 'latest');
    assert.match(resolved.packageSetExpr, /builtins\.fetchTarball "https:\/\/channels\.nixos\.org\/nixos-24\.05\/nixexprs\.tar\.xz"/);
    assert.equal(resolved.pinned, false);
    assert.equal(resolved.cacheId, 'channel:nixos-24.05');
    assert.equal(resolved.revision, undefined);
    assertParses(resolved.packageSetExpr);
  });

  test('path: imported as is, no source URL for a local folder', async () => {
    const resolved = await resolveSource({ kind: 'path', path: '/srv/my pkgs/${x}"' }, 'latest');
    assert.equal(resolved.pinned, false);
    assert.equal(resolved.cacheId, 'path:/srv/my pkgs/${x}"');
    assert.equal(resolved.sourceUrl, undefined);
    assertParses(resolved.packageSetExpr);
  });

  test('the set is called with the arguments it declares among system, config and overlays', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nixery-source-eval-'));
    try {
      writeFileSync(path.join(dir, 'fn.nix'), '{ system ? "none", config ? null, ... }: { inherit system config; }');
      writeFileSync(path.join(dir, 'plain.nix'), '{ answer = 42; }');
      writeFileSync(path.join(dir, 'nosys.nix'), '{ }: { ok = true; }');
      const cases: Array<[string, unknown]> = [
        ['fn.nix', { system: 'aarch64-linux', config: {} }],
        ['plain.nix', { answer: 42 }],
        ['nosys.nix', { ok: true }],
      ];
      for (const [file, expected] of cases) {
        const resolved = await resolveSource({ kind: 'path', path: path.join(dir, file) }, 'latest');
        assert.deepEqual(evalJson(`(${resolved.packageSetExpr}) "aarch64-linux"`), expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nixString', () => {
  test('round-trips quotes, backslashes, interpolation and newlines through Nix', () => {
    const text = 'a "quoted" \\ back ${not interpolated} $plain\nline\ttab';
    assert.equal(evalJson(nixString(text)), text);
  });
});
