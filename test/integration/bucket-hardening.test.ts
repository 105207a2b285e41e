import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CLI_PATH, EXAMPLE_PACKAGES, REPO_ROOT, runCli, runCliChecked } from './support/cli.ts';
import { requireTools, runChecked } from './support/run.ts';
import { startS3Server } from './support/s3-server.ts';
import type { S3Server } from './support/s3-server.ts';
import { startServe } from './support/serve.ts';

// One bad object must not break a bucket: a corrupt tag object, a build killed at any moment, an index.json that
// could not be written. Real CLI, real Nix (the offline example package set), folder and s3rver buckets.

const NAME = 'shell/hello';
const MANIFEST_ACCEPT = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json';

let work: string;

before(async () => {
  requireTools('nix-build', 'nix-store', 'skopeo');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-hardening-'));
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function buildArgs(bucket: string, tag: string, name = NAME): string[] {
  return ['build', name, '--pkgs-path', EXAMPLE_PACKAGES, '--storage', bucket, '--tag', tag];
}

interface IndexEntry {
  digest: string;
  annotations: Record<string, string>;
}

async function readIndex(bucket: string): Promise<Map<string, string>> {
  const index = JSON.parse(await readFile(path.join(bucket, 'index.json'), 'utf8')) as { manifests: IndexEntry[] };
  return new Map(index.manifests.map((m) => [m.annotations['org.opencontainers.image.ref.name']!, m.digest]));
}

/** Every tag object in a folder bucket that holds a tag record: `name:tag` -> digest. */
async function readTagObjects(bucket: string): Promise<Map<string, string>> {
  const tags = new Map<string, string>();
  const walk = async (dir: string, name: string[]): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name === '_tags') {
        for (const tag of await readdir(full)) {
          const record = JSON.parse(await readFile(path.join(full, tag), 'utf8')) as { digest: string };
          tags.set(`${name.join('/')}:${tag}`, record.digest);
        }
      } else if (entry.isDirectory()) {
        await walk(full, [...name, entry.name]);
      }
    }
  };
  await walk(path.join(bucket, 'repositories'), []);
  return tags;
}

describe('a corrupt tag object', () => {
  let bucket: string;

  before(async () => {
    bucket = path.join(work, 'corrupt');
    await runCliChecked(buildArgs(bucket, 'v1'));
    await writeFile(
      path.join(bucket, 'repositories/shell/hello/_tags/bad'),
      '{"mediaType":"application/vnd.oci.image.manifest.v1+json","dig',
    );
    await mkdir(path.join(bucket, 'repositories/git/_tags'), { recursive: true });
    await writeFile(path.join(bucket, 'repositories/git/_tags/empty'), '');
  });

  test('a build into that bucket succeeds, warns naming the objects, and indexes the new tag', async () => {
    const result = await runCliChecked(buildArgs(bucket, 'v2'));
    assert.match(result.stderr, /warning: .*repositories\/shell\/hello\/_tags\/bad/);
    assert.match(result.stderr, /warning: .*repositories\/git\/_tags\/empty/);
    assert.deepEqual([...(await readIndex(bucket)).keys()], ['shell/hello:v1', 'shell/hello:v2']);
    const inspected = await runChecked('skopeo', ['inspect', `oci:${bucket}:${NAME}:v2`]);
    assert.match(inspected.stdout, /"Digest"/);
  });

  test('nixery serve answers 404 for the bad tag, 200 for the pages and for good tags, and logs a warning', async () => {
    const serve = await startServe(['--storage', bucket, '--port', '0']);
    try {
      const bad = await fetch(`${serve.url}/v2/${NAME}/manifests/bad`, { headers: { accept: MANIFEST_ACCEPT } });
      assert.equal(bad.status, 404);
      const body = (await bad.json()) as { errors: Array<{ code: string }> };
      assert.equal(body.errors[0]?.code, 'MANIFEST_UNKNOWN');
      const empty = await fetch(`${serve.url}/v2/git/manifests/empty`, { headers: { accept: MANIFEST_ACCEPT } });
      assert.equal(empty.status, 404);
      await empty.arrayBuffer();
      for (const tag of ['v1', 'v2']) {
        const good = await fetch(`${serve.url}/v2/${NAME}/manifests/${tag}`, { headers: { accept: MANIFEST_ACCEPT } });
        assert.equal(good.status, 200, `${tag}`);
        await good.arrayBuffer();
      }
      const index = await fetch(`${serve.url}/`);
      assert.equal(index.status, 200);
      assert.ok((await index.text()).includes(`href="/-/repository/${NAME}"`), 'the index lists the repository');
      const page = await fetch(`${serve.url}/-/repository/${NAME}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.ok(
        html.includes('<span class="tag">v1</span>') && html.includes('<span class="tag">v2</span>'),
        'its page lists the good tags',
      );
      assert.match(html, /<article class="image unreadable">\s*<div class="tags"><span class="tag">bad<\/span>/, 'and the bad one');
      assert.ok(
        serve.log.some((entry) => String(entry.warning ?? '').includes('repositories/shell/hello/_tags/bad')),
        `a warning in the log names the object:\n${serve.lines.join('\n')}`,
      );
    } finally {
      await serve.stop();
    }
  });
});

describe('index.json is derived and repairable', () => {
  test('an index.json that cannot be written is a warning with the repair command; the repair rewrites it', async () => {
    const bucket = path.join(work, 'unwritable-index');
    await runCliChecked(buildArgs(bucket, 'v1'));
    await rm(path.join(bucket, 'index.json'));
    await mkdir(path.join(bucket, 'index.json', 'in-the-way'), { recursive: true });
    const result = await runCli(buildArgs(bucket, 'v2'));
    assert.equal(result.code, 0, `the image is complete and tagged, so the build succeeds:\n${result.stderr}`);
    assert.match(result.stderr, /warning: .*index\.json.*nixery index --repair --storage /);
    await rm(path.join(bucket, 'index.json'), { recursive: true });

    const repair = await runCliChecked(['index', '--repair', '--storage', bucket]);
    assert.match(repair.stdout, /added +shell\/hello:v1/);
    assert.match(repair.stdout, /added +shell\/hello:v2/);
    assert.deepEqual(await readIndex(bucket), await readTagObjects(bucket));
    await runChecked('skopeo', ['inspect', `oci:${bucket}:${NAME}:v2`]);

    const again = await runCliChecked(['index', '--repair', '--storage', bucket]);
    assert.match(again.stdout, /nothing changed/);
  });

  test('a tag object the index lacks, and an index entry without a tag object, are repaired', async () => {
    const bucket = path.join(work, 'stale-index');
    await runCliChecked(buildArgs(bucket, 'v1'));
    const record = await readFile(path.join(bucket, 'repositories/shell/hello/_tags/v1'));
    await writeFile(path.join(bucket, 'repositories/shell/hello/_tags/killed'), record);
    await rm(path.join(bucket, 'repositories/shell/hello/_tags/v1'));
    const repair = await runCliChecked(['index', '--repair', '--storage', bucket]);
    assert.match(repair.stdout, /added +shell\/hello:killed/);
    assert.match(repair.stdout, /removed +shell\/hello:v1/);
    assert.deepEqual([...(await readIndex(bucket)).keys()], ['shell/hello:killed']);
  });

  test('builds SIGKILLed at random moments leave an index that one repair makes agree with the tag objects', async () => {
    const bucket = path.join(work, 'random-kills');
    const started = Date.now();
    await runCliChecked(buildArgs(bucket, 'first'));
    const duration = Date.now() - started;
    const names = ['shell/hello', 'shell', 'hello', 'shell/hello/cacert'];
    for (let i = 0; i < 8; i++) {
      const child = spawn(process.execPath, [CLI_PATH, ...buildArgs(bucket, `k${i}`, names[i % names.length])], {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * duration));
      child.kill('SIGKILL');
      await exited;
    }
    await runCliChecked(['index', '--repair', '--storage', bucket]);
    const tags = await readTagObjects(bucket);
    assert.ok(tags.has('shell/hello:first'));
    assert.deepEqual(await readIndex(bucket), tags, 'index.json lists exactly the tag objects');

    // Whatever the killed builds left in .tmp, made an hour old, goes with the next build; a fresh file stays.
    const tmp = path.join(bucket, '.tmp');
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, 'layer-left-by-a-killed-build'), 'x');
    await writeFile(path.join(tmp, 'layer-of-a-running-build'), 'x');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const leftovers = (await readdir(tmp)).filter((name) => name !== 'layer-of-a-running-build');
    for (const name of leftovers) await utimes(path.join(tmp, name), old, old);
    await runCliChecked(buildArgs(bucket, 'after'));
    assert.deepEqual(await readdir(tmp), ['layer-of-a-running-build'], `removed: ${leftovers.join(', ')}`);
    assert.deepEqual(await readIndex(bucket), await readTagObjects(bucket));
  });
});

describe('local staging folders of object-store builds', () => {
  let s3: S3Server;
  let attempt = 0;

  before(async () => {
    s3 = await startS3Server(['hardening']);
  });

  after(async () => {
    await s3?.stop();
  });

  const stagingDirs = async (tmp: string): Promise<string[]> => (await readdir(tmp)).filter((name) => name.startsWith('nixery-staging-'));

  /** Starts an s3 build with its own TMPDIR and signals it once its staging folder exists; retries if it finished first. */
  async function signalMidUpload(signal: NodeJS.Signals): Promise<{ tmp: string; code: number | null; pid: number }> {
    for (let tries = 0; tries < 6; tries++) {
      const tmp = await mkdtemp(path.join(work, 'tmpdir-'));
      const bucket = `s3://hardening/attempt-${++attempt}`;
      const child = spawn(process.execPath, [CLI_PATH, ...buildArgs(bucket, 'v1')], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...s3.env, TMPDIR: tmp },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
      let done = false;
      void exited.then(() => (done = true));
      while (!done && (await stagingDirs(tmp)).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      if (done) continue;
      child.kill(signal);
      return { tmp, code: await exited, pid: child.pid! };
    }
    throw new Error(`every build finished before ${signal} could reach it mid-upload`);
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} mid-upload removes the build's staging folder and exits ${code}`, async () => {
      const { tmp, code: exitCode } = await signalMidUpload(signal);
      assert.equal(exitCode, code);
      assert.deepEqual(await stagingDirs(tmp), []);
    });
  }

  test("a build removes staging folders of processes that are gone, and old ones without a pid, but not a live process's", async () => {
    const tmp = await mkdtemp(path.join(work, 'tmpdir-'));
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('close', resolve));
    await mkdir(path.join(tmp, `nixery-staging-${gone.pid}-AbCdEf`));
    await writeFile(path.join(tmp, `nixery-staging-${gone.pid}-AbCdEf`, 'layer'), 'x');
    await mkdir(path.join(tmp, `nixery-staging-${process.pid}-LiVeOn`));
    await mkdir(path.join(tmp, 'nixery-staging-OldOne'));
    await mkdir(path.join(tmp, 'nixery-staging-NewOne'));
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(path.join(tmp, 'nixery-staging-OldOne'), old, old);
    await runCliChecked(buildArgs(`s3://hardening/attempt-${++attempt}`, 'v1'), { env: { ...process.env, ...s3.env, TMPDIR: tmp } });
    assert.deepEqual((await stagingDirs(tmp)).sort(), [`nixery-staging-${process.pid}-LiVeOn`, 'nixery-staging-NewOne']);
    assert.ok((await stat(path.join(tmp, 'nixery-staging-NewOne'))).isDirectory());
  });
});
