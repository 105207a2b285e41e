import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCustomisation } from '../../src/image/customisation.ts';
import { parseImageName } from '../../src/image/name.ts';
import type { LayerEntry } from '../../src/archive/tar.ts';

// Fake store paths: real folders under a temp dir, shaped like Nix package outputs.
let store: string;
let pkgA: string;
let pkgB: string;
let pkgC: string;
let coreutils: string;
let cacert: string;
let usrBin: string;
let fileOutput: string;

/** Creates files (content = their own relative path) and symlinks ("-> target") under root. */
async function makeTree(root: string, spec: Record<string, string | null>): Promise<void> {
  await mkdir(root, { recursive: true });
  for (const [relative, value] of Object.entries(spec)) {
    const full = path.join(root, relative);
    await mkdir(path.dirname(full), { recursive: true });
    if (value === null) await mkdir(full, { recursive: true });
    else if (value.startsWith('-> ')) await symlink(value.slice(3), full);
    else await writeFile(full, value);
  }
}

before(async () => {
  store = await mkdtemp(path.join(os.tmpdir(), 'nixery-customisation-'));
  pkgA = path.join(store, 'aaaa-pkg-a');
  pkgB = path.join(store, 'bbbb-pkg-b');
  pkgC = path.join(store, 'cccc-pkg-c');
  coreutils = path.join(store, 'dddd-coreutils');
  cacert = path.join(store, 'eeee-cacert');
  usrBin = path.join(store, 'ffff-usr-bin');
  fileOutput = path.join(store, 'gggg-single-file');
  await makeTree(pkgA, {
    'bin/x': 'x',
    'bin/same': 'from a',
    'share/a/one': 'one',
    'share/conflict-file-first': 'a file',
    'share/conflict-dir-first/inner': 'a dir',
    'nix-support/propagated-build-inputs': 'meta',
    'etc/passwd': 'evil:x:0:0::/:/bin/sh\n',
    README: 'a top-level file, not linked',
  });
  await makeTree(pkgB, {
    'bin/y': 'y',
    'bin/same': 'from b',
    'share/a/two': 'two',
    'share/a/deep/three': 'three',
    'share/b/only-b': 'only b',
    'share/conflict-file-first/inner': 'b dir',
    'share/conflict-dir-first': 'b file',
    'nix-support/setup-hook': 'meta',
  });
  await makeTree(pkgC, { 'share/a/deep/four': 'four', 'lib/libc.so': 'lib' });
  await makeTree(coreutils, { 'bin/env': 'env binary', 'bin/ls': 'ls' });
  await makeTree(cacert, { 'etc/ssl/certs/ca-bundle.crt': 'certs' });
  await makeTree(usrBin, { 'usr/bin/python': 'python' });
  await writeFile(fileOutput, 'a store path that is a single file');
});

after(async () => {
  await rm(store, { recursive: true, force: true });
});

function byPath(entries: LayerEntry[]): Map<string, LayerEntry> {
  return new Map(entries.map((e) => [e.path, e]));
}

function assertSymlink(entries: Map<string, LayerEntry>, imagePath: string, target: string): void {
  assert.deepEqual(entries.get(imagePath), { type: 'symlink', path: imagePath, target }, imagePath);
}

function assertDirectory(entries: Map<string, LayerEntry>, imagePath: string, mode = 0o755): void {
  assert.deepEqual(entries.get(imagePath), { type: 'directory', path: imagePath, mode }, imagePath);
}

const plain = parseImageName('pkg-a/pkg-b');

describe('buildCustomisation: symlink farm', () => {
  it('links entries one package has and merges directories several share, as buildEnv does', async () => {
    const { entries } = await buildCustomisation(plain, [pkgA, pkgB, pkgC], [pkgA, pkgB, pkgC]);
    const farm = byPath(entries);

    assertDirectory(farm, '/bin');
    assertSymlink(farm, '/bin/x', path.join(pkgA, 'bin/x'));
    assertSymlink(farm, '/bin/y', path.join(pkgB, 'bin/y'));
    assertDirectory(farm, '/share');
    assertDirectory(farm, '/share/a');
    assertSymlink(farm, '/share/a/one', path.join(pkgA, 'share/a/one'));
    assertSymlink(farm, '/share/a/two', path.join(pkgB, 'share/a/two'));
    // Shared by B and C only: merged below.
    assertDirectory(farm, '/share/a/deep');
    assertSymlink(farm, '/share/a/deep/three', path.join(pkgB, 'share/a/deep/three'));
    assertSymlink(farm, '/share/a/deep/four', path.join(pkgC, 'share/a/deep/four'));
    // One provider: the whole folder is one link, nothing below it.
    assertSymlink(farm, '/share/b', path.join(pkgB, 'share/b'));
    assert.equal(farm.has('/share/b/only-b'), false);
    assertDirectory(farm, '/lib');
    assertSymlink(farm, '/lib/libc.so', path.join(pkgC, 'lib/libc.so'));
  });

  it('lets the first requested package win a conflict', async () => {
    const ab = byPath((await buildCustomisation(plain, [pkgA, pkgB], [pkgA, pkgB])).entries);
    assertSymlink(ab, '/bin/same', path.join(pkgA, 'bin/same'));
    // A file first beats a folder later, and a folder first beats a file later.
    assertSymlink(ab, '/share/conflict-file-first', path.join(pkgA, 'share/conflict-file-first'));
    assert.equal(ab.has('/share/conflict-file-first/inner'), false);
    assertSymlink(ab, '/share/conflict-dir-first', path.join(pkgA, 'share/conflict-dir-first'));

    const ba = byPath((await buildCustomisation(plain, [pkgB, pkgA], [pkgA, pkgB])).entries);
    assertSymlink(ba, '/bin/same', path.join(pkgB, 'bin/same'));
    assertSymlink(ba, '/share/conflict-file-first', path.join(pkgB, 'share/conflict-file-first'));
    assertSymlink(ba, '/share/conflict-dir-first', path.join(pkgB, 'share/conflict-dir-first'));
  });

  it('skips nix-support, top-level files, and store paths that are not folders', async () => {
    const { entries } = await buildCustomisation(plain, [pkgA, pkgB, fileOutput], [pkgA, pkgB, fileOutput]);
    assert.deepEqual(
      entries.filter((e) => e.path.includes('nix-support')),
      [],
    );
    assert.equal(byPath(entries).has('/README'), false);
    assert.deepEqual(
      entries.filter((e) => e.type === 'symlink' && e.target.startsWith(fileOutput)),
      [],
    );
  });

  it('returns entries sorted by path with no duplicates', async () => {
    const { entries } = await buildCustomisation(plain, [pkgA, pkgB, pkgC, coreutils], [pkgA, pkgB, pkgC, coreutils]);
    const paths = entries.map((e) => e.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(new Set(paths).size, paths.length);
    for (const p of paths) assert.match(p, /^\/[^/]/);
  });

  it('is deterministic: the same inputs give equal results', async () => {
    const first = await buildCustomisation(plain, [pkgA, pkgB, pkgC, cacert], [pkgA, pkgB, pkgC, cacert]);
    const second = await buildCustomisation(plain, [pkgA, pkgB, pkgC, cacert], [cacert, pkgC, pkgB, pkgA]);
    assert.deepEqual(second, first);
  });
});

describe('buildCustomisation: system files', () => {
  it('writes passwd, group and nsswitch.conf, replacing any a package brings', async () => {
    const farm = byPath((await buildCustomisation(plain, [pkgA], [pkgA])).entries);
    const text = (p: string): string => {
      const entry = farm.get(p);
      assert.ok(entry?.type === 'file', `${p} must be a file`);
      assert.equal(entry.mode, 0o644);
      return entry.content.toString('utf8');
    };
    const passwd = text('/etc/passwd');
    assert.match(passwd, /^root:x:0:0:[^:]*:\/root:\/bin\/sh$/m);
    assert.match(passwd, /^nobody:x:65534:65534:/m);
    assert.doesNotMatch(passwd, /evil/);
    assert.match(text('/etc/group'), /^root:x:0:$/m);
    assert.match(text('/etc/nsswitch.conf'), /^hosts: files dns$/m);
    assertDirectory(farm, '/etc');
  });

  it('makes /tmp sticky and world-writable, and the usual folders', async () => {
    for (const packages of [[], [pkgA]]) {
      const farm = byPath((await buildCustomisation(plain, packages, packages)).entries);
      assertDirectory(farm, '/tmp', 0o1777);
      for (const dir of ['/etc', '/root', '/usr', '/usr/bin', '/var', '/var/empty']) assertDirectory(farm, dir);
    }
  });

  it('links /usr/bin/env to the env a package brings, and only then', async () => {
    const withEnv = byPath((await buildCustomisation(plain, [coreutils], [coreutils])).entries);
    assertSymlink(withEnv, '/usr/bin/env', path.join(coreutils, 'bin/env'));
    const withoutEnv = byPath((await buildCustomisation(plain, [pkgA], [pkgA])).entries);
    assert.equal(withoutEnv.has('/usr/bin/env'), false);
  });

  it('does not put /usr/bin/env below a /usr/bin that is a link into a package', async () => {
    const farm = byPath((await buildCustomisation(plain, [usrBin, coreutils], [usrBin, coreutils])).entries);
    assertSymlink(farm, '/usr/bin', path.join(usrBin, 'usr/bin'));
    for (const [p, entry] of farm) {
      if (p.startsWith('/usr/bin/')) assert.fail(`${p} (${entry.type}) lies below the symlink /usr/bin`);
    }
  });

  it('sets PATH always and SSL_CERT_FILE to a CA bundle in the farm', async () => {
    const none = await buildCustomisation(plain, [pkgA], [pkgA]);
    assert.equal(none.env.length, 1);
    assert.match(none.env[0]!, /^PATH=.*\/bin/);
    assert.ok(none.env[0]!.split('=')[1]!.split(':').includes('/bin'));

    const inFarm = await buildCustomisation(plain, [pkgA, cacert], [pkgA, cacert]);
    assert.deepEqual(inFarm.env.slice(1), ['SSL_CERT_FILE=/etc/ssl/certs/ca-bundle.crt']);
  });

  it('falls back to a CA bundle that is only in the closure, by its store path', async () => {
    const { env } = await buildCustomisation(plain, [pkgA], [pkgA, cacert]);
    assert.deepEqual(env.slice(1), [`SSL_CERT_FILE=${path.join(cacert, 'etc/ssl/certs/ca-bundle.crt')}`]);
  });

  it('sets Cmd to /bin/bash only when bashinteractive is requested', async () => {
    const shell = await buildCustomisation(parseImageName('shell/git'), [pkgA], [pkgA]);
    assert.deepEqual(shell.cmd, ['/bin/bash']);
    const explicit = await buildCustomisation(parseImageName('bashinteractive'), [pkgA], [pkgA]);
    assert.deepEqual(explicit.cmd, ['/bin/bash']);
    const none = await buildCustomisation(parseImageName('git/shell'), [pkgA], [pkgA]);
    assert.equal(none.cmd, undefined);
    assert.equal('cmd' in none, false);
  });
});
