import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE_PACKAGES, REPO_ROOT, runCli } from './support/cli.ts';
import { createPodman } from './support/podman.ts';
import type { Podman } from './support/podman.ts';
import { isRunning } from './support/processes.ts';
import { requireTools } from './support/run.ts';
import { startServe } from './support/serve.ts';
import type { Serve, ServeLogEntry } from './support/serve.ts';

// `nixery serve --build` as users run it (the real CLI in its own process, real Nix, the offline example package
// set and the test fixtures): pulls of names the bucket lacks build them. Builds are counted from the server's
// JSON log ("nix build" events are written when nix-build starts), never from timing.

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/attrs');
const MANIFEST_ACCEPT = 'application/vnd.oci.image.manifest.v1+json';
// No binary cache is reachable here; asking one costs seconds of retries per build.
const NIX_ENV = { NIX_CONFIG: `${process.env.NIX_CONFIG ?? ''}\nsubstituters =` };

let work: string;
const servers: Serve[] = [];

/** `nixery serve --build` on the offline setup; every server started is stopped after all tests. */
async function startBuildingServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Serve> {
  const serve = await startServe(['--build', ...args], { env: { ...NIX_ENV, ...env } });
  servers.push(serve);
  return serve;
}

function events(serve: Serve, msg: string, image?: string): ServeLogEntry[] {
  return serve.log.filter((e) => e.msg === msg && (image === undefined || e.image === image));
}

function getManifest(serve: Serve, name: string, tag: string, method = 'GET'): Promise<Response> {
  return fetch(`${serve.url}/v2/${name}/manifests/${tag}`, { method, headers: { Accept: MANIFEST_ACCEPT } });
}

async function errorOf(response: Response): Promise<{ code: string; message: string; detail?: unknown }> {
  const body = (await response.json()) as { errors: { code: string; message: string; detail?: unknown }[] };
  assert.equal(body.errors.length, 1);
  return body.errors[0]!;
}

async function until(what: string, check: () => Promise<boolean> | boolean, attempts = 300): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** What a client must never see: local paths, store paths, stack frames. */
function assertNothingInternal(text: string): void {
  assert.ok(!text.includes(REPO_ROOT), `client text names a local path: ${text}`);
  assert.ok(!text.includes('/nix/store/'), `client text names a store path: ${text}`);
  assert.ok(!/\n\s+at /.test(text), `client text holds a stack trace: ${text}`);
}

before(async () => {
  requireTools('nix-build', 'nix', 'git');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-on-demand-'));
  await chmod(work, 0o755); // Nix's build users must reach the pid folder inside
});

after(async () => {
  await Promise.all(servers.map((serve) => serve.stop()));
  if (work) await rm(work, { recursive: true, force: true });
});

describe('serve --build with the example package set', () => {
  let serve: Serve;
  let podman: Podman;

  before(async () => {
    serve = await startBuildingServe(['--storage', path.join(work, 'examples-bucket'), '--pkgs-path', EXAMPLE_PACKAGES, '--port', '0']);
    podman = await createPodman({ insecureRegistries: [serve.host] });
  });

  after(async () => {
    await podman?.cleanup();
  });

  it('a podman pull of a never-built name builds it, then it runs', async () => {
    assert.equal(events(serve, 'nix build', 'shell/hello').length, 0);
    const image = `${serve.host}/shell/hello:latest`;
    const pull = await podman.podman(['pull', '--quiet', image]);
    assert.equal(pull.code, 0, `podman pull failed:\n${pull.stderr}`);
    assert.equal(events(serve, 'nix build', 'shell/hello').length, 1);
    assert.equal(events(serve, 'build finished', 'shell/hello').length, 1);
    assert.equal((await podman.podmanRun(image, ['hello'])).trim(), 'Hello, world!');
    // The image is in the bucket now: another request is served from it without building.
    const again = await getManifest(serve, 'shell/hello', 'latest');
    assert.equal(again.status, 200);
    assert.equal(events(serve, 'build started', 'shell/hello').length, 1);
  });

  it('8 concurrent manifest GETs of a new name share exactly one Nix build', async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, () => getManifest(serve, 'hello/coreutils', 'shared')));
    const digests = new Set<string | null>();
    for (const response of responses) {
      assert.equal(response.status, 200);
      digests.add(response.headers.get('docker-content-digest'));
      await response.arrayBuffer();
    }
    assert.equal(digests.size, 1);
    assert.equal(events(serve, 'nix build', 'coreutils/hello').length, 1);
    assert.equal(events(serve, 'build started', 'coreutils/hello').length, 1);
  });

  it('a moving source (a local path) rebuilds a new tag, and the layer cache makes every layer a reuse', async () => {
    const response = await getManifest(serve, 'coreutils/hello', 'second', 'HEAD');
    assert.equal(response.status, 200);
    assert.equal(events(serve, 'nix build', 'coreutils/hello').length, 2);
    const finished = events(serve, 'build finished', 'coreutils/hello').at(-1)!;
    assert.equal(finished.tag, 'second');
    assert.equal(finished.manifestCacheHit, false);
    assert.equal(finished.cachedLayers, finished.layers);
  });

  it('an unknown package answers 404 MANIFEST_UNKNOWN naming it', async () => {
    const response = await getManifest(serve, 'hello/nosuchpackage', 'latest');
    assert.equal(response.status, 404);
    const error = await errorOf(response);
    assert.equal(error.code, 'MANIFEST_UNKNOWN');
    assert.match(error.message, /unknown package nosuchpackage\b/);
    assert.deepEqual((error.detail as { packages: string[] }).packages, ['nosuchpackage']);
    assertNothingInternal(error.message);
  });

  it('the page lists recent builds with their state and offers a build form', async () => {
    const response = await fetch(`${serve.url}/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<h2>Recent builds<\/h2>/);
    assert.match(html, /<code>shell\/hello:latest<\/code><\/td><td class="state-built">built<\/td>/);
    assert.match(html, /<code>hello\/nosuchpackage:latest<\/code><\/td><td class="state-failed">failed<\/td>/);
    assert.match(html, /<form class="build" id="build-form" data-host="127\.0\.0\.1:\d+">/);
  });
});

describe('serve --build configured by Nixery environment variables, with failing and slow packages', () => {
  let serve: Serve;
  let pidDir: string;

  before(async () => {
    pidDir = path.join(work, 'pids');
    await mkdir(pidDir);
    await chmod(pidDir, 0o777); // Nix's build users write here
    serve = await startBuildingServe(['--max-builds', '1', '--build-queue', '0'], {
      NIXERY_STORAGE_BACKEND: 'filesystem',
      STORAGE_PATH: path.join(work, 'fixtures-bucket'),
      NIXERY_PKGS_PATH: FIXTURES,
      NIX_TIMEOUT: '6',
      PORT: '0',
      NIXERY_TEST_PID_DIR: pidDir,
    });
  });

  it('took its bucket, package set and port from the environment', () => {
    const listening = events(serve, 'listening')[0]!;
    assert.equal(listening.storage, path.join(work, 'fixtures-bucket'));
    assert.equal(listening.source, `path ${FIXTURES}`);
    assert.notEqual(listening.port, 5000);
  });

  it('a failing package answers 500 with a short reason; the full Nix log goes to the server log', async () => {
    const response = await getManifest(serve, 'failing', 'latest');
    assert.equal(response.status, 500);
    const error = await errorOf(response);
    assert.equal(error.code, 'UNKNOWN');
    assert.match(error.message, /^building failing:latest failed: builder for 'failing\.drv' failed/);
    assert.match(error.message, /the build broke on purpose/);
    assertNothingInternal(error.message);
    const failed = events(serve, 'build failed', 'failing')[0]!;
    const nixLog = failed.nixLog as string[];
    assert.ok(nixLog.includes('fixture-failing: first log line'), `server log lacks the Nix log: ${JSON.stringify(failed)}`);
    assert.ok(nixLog.includes('fixture-failing: compiling something'));
  });

  it('past the build limit a new name gets 429 with Retry-After; the same name joins; the timeout kills Nix', async () => {
    const slow = getManifest(serve, 'sleeping', 'latest');
    await until('the sleeping builder to start', async () => {
      const names = await readdir(pidDir);
      return names.includes('builder.pid') && names.includes('child.pid');
    });
    const pids = await Promise.all(
      ['builder.pid', 'child.pid'].map(async (f) => Number((await readFile(path.join(pidDir, f), 'utf8')).trim())),
    );
    for (const pid of pids) assert.ok(await isRunning(pid), `builder process ${pid} should be running`);

    const refused = await getManifest(serve, 'foo', 'latest');
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal((await errorOf(refused)).code, 'TOOMANYREQUESTS');

    const joined = getManifest(serve, 'sleeping', 'latest');
    const [first, second] = await Promise.all([slow, joined]);
    for (const response of [first, second]) {
      assert.equal(response.status, 500);
      const error = await errorOf(response);
      assert.match(error.message, /^building sleeping:latest took longer than the registry's build timeout \(6s\) and was stopped$/);
    }
    assert.equal(events(serve, 'nix build', 'sleeping').length, 1, 'the joined request started no second build');
    // SIGKILL reaches the builders shortly after the answer; give them a moment to be reaped.
    for (const pid of pids) await until(`process ${pid} to be killed`, async () => !(await isRunning(pid)), 100);

    // The slot is free again.
    const foo = await getManifest(serve, 'foo', 'latest');
    assert.equal(foo.status, 200);
  });

  it('a burst of new names is admitted exactly up to the limit (1 running + 0 queued here)', async () => {
    const responses = await Promise.all(['b1', 'b2', 'b3', 'b4', 'b5', 'b6'].map((tag) => getManifest(serve, 'foo', tag)));
    const statuses = responses.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 429, 429, 429, 429, 429]);
  });
});

describe('serve --build when a client goes away', () => {
  it('a client that disconnects does not cancel the build another client waits on', async () => {
    const serve = await startBuildingServe(['--storage', path.join(work, 'disconnect-bucket'), '--pkgs-path', FIXTURES, '--port', '0']);
    const leaving = new AbortController();
    const first = fetch(`${serve.url}/v2/xorg.xev/manifests/latest`, { headers: { Accept: MANIFEST_ACCEPT }, signal: leaving.signal });
    await until('the build to start', () => events(serve, 'build started', 'xorg.xev').length > 0);
    leaving.abort();
    await assert.rejects(first, { name: 'AbortError' });
    const second = await getManifest(serve, 'xorg.xev', 'latest');
    assert.equal(second.status, 200);
    // Whether the second request joined the build or found its result, Nix ran once and the build completed.
    assert.equal(events(serve, 'nix build', 'xorg.xev').length, 1);
    assert.equal(events(serve, 'build finished', 'xorg.xev').length, 1);
    assert.equal(events(serve, 'build failed').length, 0);
    await until('the first request to be logged', () =>
      serve.log.some((e) => e.path === '/v2/xorg.xev/manifests/latest' && e.aborted === true),
    );
  });
});

describe('serve --build with a pinned source (a git commit)', () => {
  let bucket: string;
  let repoUrl: string;
  let commit: string;

  before(async () => {
    const repo = path.join(work, 'packages');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    await mkdir(repo);
    git('init', '-q', '-b', 'main');
    await writeFile(
      path.join(repo, 'default.nix'),
      `{ system ? builtins.currentSystem, ... }: import ${EXAMPLE_PACKAGES} { inherit system; }\n`,
    );
    git('add', 'default.nix');
    git('commit', '-q', '-m', 'packages');
    commit = git('rev-parse', 'HEAD');
    repoUrl = `file://${repo}`;
    bucket = path.join(work, 'git-bucket');
  });

  it('a restarted server serves an already-built image from the manifest cache without invoking Nix', async () => {
    const first = await startBuildingServe(['--storage', bucket, '--pkgs-repo', repoUrl, '--port', '0']);
    const built = await getManifest(first, 'shell/hello', commit);
    assert.equal(built.status, 200);
    const digest = built.headers.get('docker-content-digest');
    assert.equal(events(first, 'nix build').length, 1);
    assert.deepEqual(await first.stop(), { code: 0, signal: null });

    // No Nix on the second server's PATH: only git, which resolves "latest" to the same commit.
    const bin = path.join(work, 'bin-without-nix');
    await mkdir(bin);
    await symlink(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bin, 'git'));
    assert.notEqual(spawnSync('sh', ['-c', 'command -v nix-build'], { env: { PATH: bin } }).status, 0);
    const second = await startBuildingServe(['--storage', bucket, '--pkgs-repo', repoUrl, '--port', '0'], { PATH: bin });

    const byLatest = await getManifest(second, 'shell/hello', 'latest');
    assert.equal(byLatest.status, 200, JSON.stringify(events(second, 'build failed')));
    assert.equal(byLatest.headers.get('docker-content-digest'), digest);
    const byCommit = await getManifest(second, 'shell/hello', commit);
    assert.equal(byCommit.status, 200);
    assert.equal(byCommit.headers.get('docker-content-digest'), digest);

    assert.equal(events(second, 'nix build').length, 0, 'Nix was invoked');
    const finished = events(second, 'build finished');
    assert.equal(finished.length, 1);
    assert.equal(finished[0]!.manifestCacheHit, true);
    assert.equal(finished[0]!.revision, commit);
  });
});

describe('serve --build options', () => {
  it('refuses build flags without --build, and nixpkgs tags with a non-nixpkgs source', async () => {
    const noBuild = await runCli(['serve', '--storage', work, '--pkgs-path', EXAMPLE_PACKAGES]);
    assert.equal(noBuild.code, 2);
    assert.match(noBuild.stderr, /--pkgs-path only applies with --build/);
    const tags = await runCli(['serve', '--build', '--storage', work, '--pkgs-path', EXAMPLE_PACKAGES, '--allow-nixpkgs-tags']);
    assert.equal(tags.code, 2);
    assert.match(tags.stderr, /--allow-nixpkgs-tags goes with a nixpkgs or channel package set/);
    const backend = await runCli(['serve', '--build'], { env: { ...process.env, NIXERY_STORAGE_BACKEND: 'azure' } });
    assert.equal(backend.code, 2);
    assert.match(backend.stderr, /NIXERY_STORAGE_BACKEND "azure": expected filesystem, gcs or s3/);
  });
});
