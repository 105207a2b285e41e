import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, runCliChecked } from './support/cli.ts';
import { APP_IMAGES_YAML, FLAKE_FEATURES, appFlake, commitAll, git, makeFlakeRepos } from './support/flake-repos.ts';
import { createPodman } from './support/podman.ts';
import type { Podman } from './support/podman.ts';
import { requireTools, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';

// Flakes and app images, offline: the example package set is a flake in a git repository of its own; a test
// repository's flake takes it as its `nixpkgs` input by a git+file: URL, locks it, and adds its own package (a
// script). The CLI builds from that flake and from its flake.lock; podman runs what it built.

interface BuildResult {
  name: string;
  digest: string;
  revision?: string;
  manifestCacheHit: boolean;
}

let work: string;
let pkgsRepo: string;
let appRepo: string;
let lockedRev: string;

async function build(args: string[], bucket: string, cwd?: string): Promise<BuildResult[]> {
  const result = await runCliChecked(['build', ...args, '--storage', bucket, '--json'], cwd ? { cwd } : {});
  return (JSON.parse(result.stdout) as { images: BuildResult[] }).images;
}

before(async () => {
  requireTools('nix', 'nix-build', 'git', 'skopeo', 'podman', 'runc', 'busybox');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-flake-e2e-'));
  ({ pkgsRepo, appRepo, lockedRev } = await makeFlakeRepos(work));
  assert.equal(lockedRev, await git(pkgsRepo, ['rev-parse', 'HEAD']), 'the lock pins the package set repository');
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('nixpkgs: flake.lock', () => {
  test('builds from the locked revision, exactly as that commit given by hand, and a second build is a manifest-cache hit', async () => {
    const bucket = path.join(work, 'bucket-lock');
    const [first] = (await build(['--nixpkgs', 'flake.lock', 'shell/hello'], bucket, appRepo)) as [BuildResult];
    assert.equal(first.revision, lockedRev);
    assert.equal(first.manifestCacheHit, false);
    const [again] = (await build(['--nixpkgs', 'flake.lock#nixpkgs', 'shell/hello'], bucket, appRepo)) as [BuildResult];
    assert.equal(again.manifestCacheHit, true, 'pinned by the lock, so the manifest is cached');
    assert.equal(again.digest, first.digest);

    const byHand = path.join(work, 'bucket-by-hand');
    const [manual] = (await build(['--pkgs-repo', `file://${pkgsRepo}`, '--tag', lockedRev, 'shell/hello'], byHand)) as [BuildResult];
    assert.equal(manual.digest, first.digest, 'the same image as the git source at that commit');
  });

  test('an input the lock does not have is a usage error naming the inputs it has', async () => {
    const result = await runCli(['build', '--nixpkgs', 'flake.lock#nixpkgs-old', 'hello', '--storage', path.join(work, 'b')], {
      cwd: appRepo,
    });
    assert.equal(result.code, EXIT_CODES.usage);
    assert.match(result.stderr, /flake\.lock has no input "nixpkgs-old"; its inputs are nixpkgs/);
  });
});

describe('--flake with an images file', () => {
  let podman: Podman;
  let bucket: string;
  let images: Map<string, BuildResult>;

  before(async () => {
    bucket = path.join(work, 'bucket-flake');
    const built = await build(['--flake', appRepo, '--images-file', path.join(appRepo, 'images.yaml')], bucket);
    images = new Map(built.map((image) => [image.name, image]));
    podman = await createPodman();
  });
  after(async () => {
    await podman?.cleanup();
  });

  test('every image the file declares is built, from the flake revision', async () => {
    assert.deepEqual([...images.keys()].sort(), ['api', 'tools']);
    const revision = await git(appRepo, ['rev-parse', 'HEAD']);
    for (const image of images.values()) assert.equal(image.revision, revision);
  });

  test("the repository's own package runs as its entrypoint, as uid 1000, in the workdir, with its env and cmd", async () => {
    const ref = await podman.copyOciToPodman(bucket, 'api:latest', 'api:latest');
    assert.equal(await podman.podmanRun(ref, []), 'uid=1000 pwd=/srv port=8080 args=--serve\n');
    const owners = await podman.podman(['run', '--rm', '--entrypoint', '/bin/stat', ref, '-c', '%n %u:%g', '/home/app', '/srv']);
    assert.equal(owners.code, 0, owners.stderr);
    assert.equal(owners.stdout, '/home/app 1000:1000\n/srv 1000:1000\n');
    const passwd = await podman.podman(['run', '--rm', '--entrypoint', '/bin/cat', ref, '/etc/passwd', '/etc/group']);
    assert.match(passwd.stdout, /^app:x:1000:1000::\/home\/app:/m);
    assert.match(passwd.stdout, /^app:x:1000:$/m);
  });

  test("nixpkgs tools come from the flake's nixpkgs input, next to the shell", async () => {
    const ref = await podman.copyOciToPodman(bucket, 'tools:latest', 'tools:latest');
    assert.equal(await podman.podmanRun(ref, ['hello']), 'Hello, world!\n');
  });

  test('skopeo inspect shows the port, the labels and the stop signal', async () => {
    const config = JSON.parse((await podman.skopeo(['inspect', '--config', `oci:${bucket}:api:latest`])).stdout);
    assert.deepEqual(config.config.ExposedPorts, { '8080/tcp': {} });
    // The declared label wins over the image's own description; the image's other keys stay (issue 12's labels).
    assert.equal(config.config.Labels['org.opencontainers.image.description'], 'The API');
    assert.equal(config.config.Labels['org.opencontainers.image.title'], 'api');
    assert.equal(config.config.StopSignal, 'SIGINT');
    assert.equal(config.config.User, '1000:1000');
    assert.deepEqual(config.config.Entrypoint, ['/bin/api']);
  });

  test('a clean, locked flake is pinned: the second build is a manifest-cache hit', async () => {
    const again = await build(['--flake', appRepo, '--images-file', path.join(appRepo, 'images.yaml')], bucket);
    for (const image of again) {
      assert.equal(image.manifestCacheHit, true, `${image.name} from the manifest cache`);
      assert.equal(image.digest, images.get(image.name)?.digest);
    }
  });

  test('a changed images file is a different cache key', async () => {
    const changed = path.join(work, 'images-changed.yaml');
    await writeFile(changed, APP_IMAGES_YAML.replace('PORT: 8080', 'PORT: 9090'));
    const built = await build(['--flake', appRepo, '--images-file', changed], bucket);
    const api = built.find((image) => image.name === 'api');
    assert.equal(api?.manifestCacheHit, false);
    assert.notEqual(api?.digest, images.get('api')?.digest);
    assert.equal(built.find((image) => image.name === 'tools')?.manifestCacheHit, true, 'tools did not change');
  });
});

test("nixery serve --build --flake builds a pulled name from the flake's packages and its nixpkgs", async () => {
  const serve = await startServe(['--port', '0', '--storage', path.join(work, 'bucket-serve'), '--build', '--flake', appRepo]);
  try {
    const inspect = await runChecked('skopeo', ['inspect', '--tls-verify=false', `docker://${serve.host}/api/hello:latest`]);
    assert.match(JSON.parse(inspect.stdout).Digest, /^sha256:/);
    const built = serve.log.find((entry) => entry.msg === 'build finished');
    assert.equal((built as { revision?: string } | undefined)?.revision, await git(appRepo, ['rev-parse', 'HEAD']));
  } finally {
    await serve.stop();
  }
});

test("an images-file entry's platforms build an image index from the flake's nixpkgs, cached per platform", async () => {
  const file = path.join(work, 'multi.yaml');
  await writeFile(file, 'tools:\n  packages: [hello]\n  env: { GREETING: hi }\n  platforms: [linux/amd64, linux/arm64]\n');
  const bucket = path.join(work, 'bucket-multi');
  const env = { ...process.env, NIX_CONFIG: `${process.env.NIX_CONFIG ?? ''}\nsubstituters =\nextra-platforms = aarch64-linux` };
  const runBuild = async () => {
    const result = await runCliChecked(['build', '--flake', appRepo, '--images-file', file, '--storage', bucket, '--json'], { env });
    return (JSON.parse(result.stdout) as { images: (BuildResult & { platforms?: { platform: string }[] })[] }).images[0]!;
  };
  const first = await runBuild();
  assert.deepEqual(
    first.platforms?.map((p) => p.platform),
    ['linux/amd64', 'linux/arm64'],
  );
  const index = JSON.parse((await runChecked('skopeo', ['inspect', '--raw', `oci:${bucket}:tools:latest`])).stdout);
  assert.equal(index.mediaType, 'application/vnd.oci.image.index.v1+json');
  assert.deepEqual(
    index.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture),
    ['amd64', 'arm64'],
  );
  const again = await runBuild();
  assert.equal(again.manifestCacheHit, true, 'both platforms from the manifest cache');
  assert.equal(again.digest, first.digest);
});

test('a dirty flake tree is built but never cached', async () => {
  const dirty = path.join(work, 'dirty');
  await cp(appRepo, dirty, { recursive: true });
  await appendFile(path.join(dirty, 'flake.nix'), '# an uncommitted change\n');
  const bucket = path.join(work, 'bucket-dirty');
  for (let i = 0; i < 2; i++) {
    const result = await runCliChecked(['build', '--flake', dirty, 'api', '--storage', bucket, '--json']);
    const [image] = (JSON.parse(result.stdout) as { images: BuildResult[] }).images as [BuildResult];
    assert.equal(image.manifestCacheHit, false, `build ${i + 1} of a dirty tree is not a manifest-cache hit`);
    assert.equal(image.revision, undefined, 'a dirty tree has no revision');
    assert.match(result.stderr, /api: not cached: the flake has uncommitted changes/);
  }
});

test('a flake whose flake.lock is missing is refused, saying what to do, and no lock file is written into its tree', async () => {
  const unlocked = path.join(work, 'unlocked');
  await cp(appRepo, unlocked, { recursive: true });
  await git(unlocked, ['rm', '-q', 'flake.lock']);
  await git(unlocked, ['commit', '-q', '-m', 'no lock']);
  const bucket = path.join(work, 'bucket-unlocked');
  const result = await runCli(['build', '--flake', unlocked, 'api', '--storage', bucket]);
  assert.equal(result.code, EXIT_CODES.usage, result.stderr);
  assert.match(
    result.stderr,
    /has no flake\.lock, or one that does not match its inputs: run "nix flake lock" there and commit flake\.lock/,
  );
  assert.equal(await git(unlocked, ['status', '--porcelain']), '', 'the tree is left as it was');
});

test('a flake reference Nix cannot read is a usage error that says why', async () => {
  const result = await runCli(['build', '--flake', path.join(work, 'no-such-flake'), 'api', '--storage', path.join(work, 'b3')]);
  assert.equal(result.code, EXIT_CODES.usage, result.stderr);
  assert.match(result.stderr, /cannot read the flake "[^"]*no-such-flake": .*No such file or directory/);
});

test("a `flake = false` nixpkgs input is imported as a package set: both its packages and the flake's resolve", async () => {
  const plain = path.join(work, 'plain-input');
  await runChecked('mkdir', ['-p', plain]);
  const flake = appFlake(`git+file://${pkgsRepo}`)
    .replace(/inputs\.nixpkgs\.url = "([^"]+)";/, 'inputs.nixpkgs = { url = "$1"; flake = false; };')
    .replace('pkgs = nixpkgs.legacyPackages.${system};', 'pkgs = import nixpkgs { inherit system; };');
  await writeFile(path.join(plain, 'flake.nix'), flake);
  await git(plain, ['init', '-q']);
  await commitAll(plain, 'app');
  await runChecked('nix', [...FLAKE_FEATURES, 'flake', 'lock'], { cwd: plain });
  await commitAll(plain, 'lock');
  const [image] = (await build(['--flake', plain, 'api/hello'], path.join(work, 'bucket-plain'))) as [BuildResult];
  assert.equal(image.revision, await git(plain, ['rev-parse', 'HEAD']));
});

test('bad images-file keys and values are usage errors that name the file and line', async () => {
  const bad = path.join(work, 'bad.yaml');
  const cases: [string, RegExp][] = [
    ['api:\n  packages: [api]\n  entrypiont: [/bin/api]\n', /bad\.yaml:3: image "api" has an unknown key "entrypiont"/],
    ['api:\n  packages: [api]\n  user: "app:staff"\n', /bad\.yaml:3: image "api": user "app:staff" is not a user name/],
    ['api:\n  packages: [api]\n  ports: [http]\n', /bad\.yaml:3: image "api": port "http" is not PORT/],
  ];
  for (const [text, message] of cases) {
    await writeFile(bad, text);
    const result = await runCli(['build', '--flake', appRepo, '--images-file', bad, '--storage', path.join(work, 'b2')]);
    assert.equal(result.code, EXIT_CODES.usage, result.stderr);
    assert.match(result.stderr, message);
  }
});
