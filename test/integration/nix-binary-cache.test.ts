import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLI_PATH, EXAMPLE_PACKAGES, REPO_ROOT, runCli, runCliChecked } from './support/cli.ts';
import { requireTools, runChecked } from './support/run.ts';
import { writeUniquePackages } from './support/unique-packages.ts';
import type { UniquePackages } from './support/unique-packages.ts';

// A shared binary cache: one machine builds and pushes the closure (--nix-cache-push, signed), a second one with an
// empty Nix store and that cache as a substituter gets every path from it and builds nothing. The second machine
// is this one in a private mount namespace with an empty folder mounted over /nix: its own store and database.

interface BuildJson {
  images: {
    digest: string;
    nixBuilds?: { derivation: string; builder: string }[];
    substitutedPaths?: number;
    closurePush?: { url: string; pushed: boolean; paths?: number; error?: string };
  }[];
}

const OFFLINE = { ...process.env, NIX_CONFIG: `${process.env.NIX_CONFIG ?? ''}\nsubstituters =` };

describe('Nix binary caches: push after a build, substitute on another machine', { timeout: 600_000 }, () => {
  let dir: string;
  let cache: string;
  let packages: UniquePackages;
  let publicKey: string;
  let secretKey: string;

  before(async () => {
    requireTools('nix-build', 'nix-store', 'unshare', 'mount');
    dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-binary-cache-'));
    cache = path.join(dir, 'cache');
    packages = await writeUniquePackages(path.join(dir, 'pkgs'));
    secretKey = path.join(dir, 'cache.sk');
    await runChecked('nix-store', ['--generate-binary-cache-key', 'nixery-test-cache-1', secretKey, path.join(dir, 'cache.pk')]);
    publicKey = (await readFile(path.join(dir, 'cache.pk'), 'utf8')).trim();
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pushes the signed closure, and an empty store substitutes all of it without building', async () => {
    const first = await runCliChecked(
      ['build', packages.name, '--storage', path.join(dir, 'bucket-1'), '--pkgs-path', packages.dir, '--json'].concat([
        '--nix-cache-push',
        `file://${cache}`,
        '--nix-cache-secret-key-file',
        secretKey,
      ]),
      { env: OFFLINE },
    );
    const pushed = (JSON.parse(first.stdout) as BuildJson).images[0]!;
    assert.equal(pushed.closurePush?.pushed, true, JSON.stringify(pushed.closurePush));
    assert.equal(pushed.closurePush?.url, `file://${cache}`);
    // The fresh package and the busybox it refers to, at least (unless an earlier run pushed busybox: never here).
    assert.ok((pushed.closurePush?.paths ?? 0) >= 2, JSON.stringify(pushed.closurePush));
    const narinfos = (await readdir(cache)).filter((f) => f.endsWith('.narinfo'));
    assert.equal(narinfos.length, pushed.closurePush?.paths);
    for (const narinfo of narinfos) assert.match(await readFile(path.join(cache, narinfo), 'utf8'), /^Sig: nixery-test-cache-1:/m);

    // The second machine: an empty /nix of its own. Only the cache is a substituter, and only its key is trusted.
    const emptyNix = path.join(dir, 'second-nix');
    await mkdir(emptyNix);
    const second = await runChecked(
      'unshare',
      ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /nix && exec "$@"', emptyNix].concat(
        [process.execPath, CLI_PATH, 'build', packages.name, '--storage', path.join(dir, 'bucket-2'), '--pkgs-path', packages.dir],
        ['--json', '--verbose', '--nix-substituters', `file://${cache}`, '--nix-trusted-public-keys', publicKey],
      ),
      { env: { ...OFFLINE, NIX_CONFIG: `${OFFLINE.NIX_CONFIG}\nrequire-sigs = true` }, cwd: REPO_ROOT },
    );
    const substituted = (JSON.parse(second.stdout) as BuildJson).images[0]!;
    assert.deepEqual(substituted.nixBuilds, [], 'nothing was built');
    assert.doesNotMatch(second.stderr, /building '/);
    assert.equal(substituted.substitutedPaths, pushed.closurePush?.paths);
    assert.match(second.stderr, new RegExp(`copying path '/nix/store/[a-z0-9]{32}-fresh-greeting-${packages.nonce}' from 'file://`));
    // It really was another store: the paths live in the second /nix, which started empty.
    const secondStore = await readdir(path.join(emptyNix, 'store'));
    assert.ok(secondStore.some((name) => name.endsWith(`-fresh-greeting-${packages.nonce}`)));
    assert.equal(substituted.digest, pushed.digest, 'the same image from the cache as from the build');
  });

  it('reports a failed push without failing the build: the image is built and published', async () => {
    const result = await runCli(
      ['build', 'hello', '--storage', path.join(dir, 'bucket-3'), '--pkgs-path', EXAMPLE_PACKAGES, '--json'].concat([
        '--nix-cache-push',
        'file:///proc/nixery-no-such-cache',
      ]),
      { env: OFFLINE },
    );
    assert.equal(result.code, 0, result.stderr);
    const image = (JSON.parse(result.stdout) as BuildJson).images[0]!;
    assert.equal(image.closurePush?.pushed, false);
    assert.match(image.closurePush?.error ?? '', /\/proc\/nixery-no-such-cache/);
    assert.match(
      result.stderr,
      /nixery: warning: hello: pushing the closure to file:\/\/\/proc\/nixery-no-such-cache failed \(the image is built/,
    );
    assert.match(image.digest, /^sha256:[0-9a-f]{64}$/);
  });
});
