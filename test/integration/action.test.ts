import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { countUploads, startDockerRegistry } from './support/docker-registry.ts';
import type { DockerRegistry } from './support/docker-registry.ts';
import { startGcsEmulator } from './support/gcs-emulator.ts';
import type { GcsEmulator } from './support/gcs-emulator.ts';
import { requireTools, run, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import { pullAndVerify } from './storage-e2e-support.ts';
import { git, makeFlakeRepos } from './support/flake-repos.ts';
import type { RunResult } from './support/run.ts';
import type { ImageReport } from '../../src/action/report.ts';
import { CACHE_STATE, decodeCacheState } from '../../src/action/cache.ts';

// The bundled action run the way a runner runs it: dist/action.js (main) with INPUT_* variables, an event
// payload, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE files, then dist/post.js (post) with each GITHUB_STATE
// entry as STATE_<name>; GITHUB_API_URL points at a local server that answers the REST calls for the
// pull-request comment and records them. Real Nix builds the offline example package set
// into a local-folder bucket, which the real `nixery serve` then serves to skopeo; the same again with a gs://
// bucket on the Firebase Storage emulator; and pushes to a real CNCF distribution registry (docker-registry), with
// the local cache folder (NIXERY_CACHE_DIR) as the bucket.

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACTION = path.join(ROOT, 'dist/action.js');
const POST = path.join(ROOT, 'dist/post.js');
const EXAMPLES = path.join(ROOT, 'nix/examples');
const REPOSITORY = 'octo/widgets';
const PR_NUMBER = 7;
const HEAD_SHA = '3f786850e387550fdab836ed7e6dc881de23001b';
const TOKEN = 'ghs_test_token_not_a_real_one_0123456789';
const IMAGES = ['shell/hello', 'hello'];

interface Comment {
  id: number;
  body: string;
}

interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** Answers the issue-comment REST calls the action makes, like api.github.com, and records every request. */
class GitHubApi {
  readonly requests: RecordedRequest[] = [];
  readonly comments: Comment[] = [];
  /** When set, every request is answered with this status (a token that may not write). */
  denyWith: number | null = null;
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
        const reply = (status: number, data: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(data));
        };
        if (this.denyWith !== null) return reply(this.denyWith, { message: 'Resource not accessible by integration' });
        const url = new URL(req.url ?? '/', 'http://localhost');
        const list = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
        const one = url.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
        if (list && req.method === 'GET')
          return reply(
            200,
            this.comments.map((c) => this.render(c)),
          );
        if (list && req.method === 'POST') {
          const comment = { id: this.nextId++, body: (JSON.parse(body) as { body: string }).body };
          this.comments.push(comment);
          return reply(201, this.render(comment));
        }
        if (one && req.method === 'PATCH') {
          const comment = this.comments.find((c) => c.id === Number(one[3]));
          if (!comment) return reply(404, { message: 'Not Found' });
          comment.body = (JSON.parse(body) as { body: string }).body;
          return reply(200, this.render(comment));
        }
        reply(404, { message: `no route for ${req.method} ${url.pathname}` });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private render(comment: Comment): unknown {
    return {
      id: comment.id,
      body: comment.body,
      html_url: `https://github.com/${REPOSITORY}/pull/${PR_NUMBER}#issuecomment-${comment.id}`,
      user: { login: 'github-actions[bot]' },
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The main step's result, what it saved with core.saveState, and the post step that followed it. */
interface ActionRun extends RunResult {
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  post: RunResult;
}

type ImageOutput = ImageReport;

/** A warm re-run: every layer came from the cache, nothing was compressed or uploaded. */
function assertAllFromCache(images: ImageOutput[]): void {
  for (const image of images) {
    assert.equal(image.cachedLayers, image.layers, `${image.name}: every layer from the cache`);
    assert.equal(image.uploadedBytes, 0, `${image.name}: nothing uploaded`);
    assert.equal(image.packedBytes, 0, `${image.name}: nothing compressed`);
  }
}

let work: string;
let bucket: string;
let api: GitHubApi;
let runCount = 0;

function pullRequestEvent(headRepo: string): unknown {
  return {
    action: 'synchronize',
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: headRepo } },
      base: { sha: '0'.repeat(40), ref: 'main', repo: { full_name: REPOSITORY } },
    },
    repository: { full_name: REPOSITORY, name: 'widgets', owner: { login: 'octo' } },
  };
}

/**
 * Runs dist/action.js with inputs given by their action.yml names, as the runner passes them, then dist/post.js
 * as the runner does at the end of the job (post-if: !cancelled() holds in these jobs, failed or not). `env` adds
 * variables a workflow would set on the step (STORAGE_EMULATOR_HOST, say).
 */
async function runAction(inputs: Record<string, string>, options: { headRepo?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ActionRun> {
  const dir = path.join(work, `run-${++runCount}`);
  await runChecked('mkdir', ['-p', dir]);
  const eventPath = path.join(dir, 'event.json');
  const outputPath = path.join(dir, 'output');
  const summaryPath = path.join(dir, 'summary.md');
  const statePath = path.join(dir, 'state');
  await writeFile(eventPath, JSON.stringify(pullRequestEvent(options.headRepo ?? REPOSITORY)));
  for (const file of [outputPath, summaryPath, statePath]) await writeFile(file, '');

  // Nothing from the outer environment that a runner would set differently (or that enables the cache service).
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/.test(name)),
  );
  const defaults: Record<string, string> = {
    nixpkgs: EXAMPLES,
    storage: bucket,
    'pull-host': 'images.example.com',
    tags: 'v1',
    comment: 'true',
    'github-token': TOKEN,
    'install-nix': 'auto',
    cache: 'true',
  };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  Object.assign(env, options.env);
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_STATE: statePath,
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: '9'.repeat(40), // the merge commit; images are tagged by the pull request's head instead
    GITHUB_REF: `refs/pull/${PR_NUMBER}/merge`,
    GITHUB_RUN_ID: '123456',
    GITHUB_WORKSPACE: ROOT,
    RUNNER_TEMP: dir,
    NO_PROXY: '127.0.0.1',
  });
  const result = await run(process.execPath, [ACTION], { env, cwd: ROOT });
  const state = parseCommandFile(await readFile(statePath, 'utf8'));

  // The post step is a new process with its own command files; the main step's state arrives as STATE_<name>.
  const postEnv: NodeJS.ProcessEnv = { ...env };
  for (const [name, file] of [
    ['GITHUB_OUTPUT', 'post-output'],
    ['GITHUB_STEP_SUMMARY', 'post-summary.md'],
    ['GITHUB_STATE', 'post-state'],
  ]) {
    postEnv[name!] = path.join(dir, file!);
    await writeFile(postEnv[name!]!, '');
  }
  for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
  const post = await run(process.execPath, [POST], { env: postEnv, cwd: ROOT });

  return {
    ...result,
    outputs: parseCommandFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
    state,
    post,
  };
}

/** GITHUB_OUTPUT and GITHUB_STATE hold `name<<DELIMITER\nvalue\nDELIMITER` blocks (what @actions/core writes). */
function parseCommandFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    assert.ok(end > i, `unterminated entry ${m[1]} in:\n${text}`);
    outputs[m[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

function explain(result: RunResult): string {
  return `exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let first: ActionRun;
let firstImages: ImageOutput[];

before(async () => {
  requireTools('nix-build', 'nix-store', 'skopeo', 'busybox', 'git', 'docker-registry');
  for (const bundle of [ACTION, POST]) assert.ok(existsSync(bundle), `${bundle} is missing: run "npm run build" first`);
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-action-'));
  bucket = path.join(work, 'bucket');
  api = new GitHubApi();
  await api.start();
  first = await runAction({ images: IMAGES.join('\n') });
  assert.equal(first.code, 0, explain(first));
  firstImages = JSON.parse(first.outputs.images ?? 'null') as ImageOutput[];
});

after(async () => {
  await api?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the action on a pull request', () => {
  it('sets outputs for every image: JSON images, the first digest, and every ref', () => {
    assert.deepEqual(
      firstImages.map((i) => i.name),
      ['shell/hello', 'hello'],
    );
    const tags = [`pr-${PR_NUMBER}`, `sha-${HEAD_SHA.slice(0, 7)}`, 'v1'];
    for (const image of firstImages) {
      assert.match(image.digest, /^sha256:[0-9a-f]{64}$/);
      assert.deepEqual(image.tags, tags);
      assert.equal(image.tag, tags[0]);
      assert.equal(image.ref, `images.example.com/${image.name}:pr-${PR_NUMBER}`);
      assert.ok(image.layers >= 2, `${image.name} has store layers and a customisation layer`);
      assert.ok(image.uploadedBytes > 0, 'the first run uploads');
    }
    assert.notEqual(firstImages[0]!.digest, firstImages[1]!.digest);
    assert.equal(first.outputs.digest, firstImages[0]!.digest);
    assert.deepEqual(
      first.outputs.refs!.split('\n'),
      firstImages.flatMap((i) => tags.map((t) => `images.example.com/${i.name}:${t}`)),
    );
  });

  it('groups the log per image and says the cache service is unavailable without failing', () => {
    for (const image of IMAGES) assert.match(first.stdout, new RegExp(`^::group::Image ${image}$`, 'm'));
    assert.match(first.stdout, /cache service is not available/);
    assert.doesNotMatch(first.stdout, /^::error/m);
  });

  it('leaves the cache to the post step: the main step saves its plan as state and saves no cache itself', () => {
    assert.deepEqual(Object.keys(first.state), [CACHE_STATE]);
    const state = decodeCacheState(first.state[CACHE_STATE]!);
    assert.ok(state, 'cache state');
    assert.match(state.plan.key, /^nixery-v1-linux-/);
    assert.ok(state.plan.key.startsWith(state.plan.restoreKeys[0]!), "the restore key is the key's prefix");
    assert.deepEqual(state.plan.paths, [path.join(os.homedir(), '.cache', 'nix'), bucket]);
    assert.deepEqual(state.restore, { available: false });
    assert.equal(state.failedImages, 0);
    assert.doesNotMatch(first.stdout, /not saving the cache|Saved cache/);
  });

  it('runs the post step, which finds no cache service, says so and succeeds', () => {
    assert.equal(first.post.code, 0, explain(first.post));
    assert.match(first.post.stdout, /^The GitHub Actions cache service is not available here; not saving the cache$/m);
    assert.doesNotMatch(first.post.stdout, /^::(error|warning)/m);
  });

  it('with cache: false saves no state, and the post step does nothing', async () => {
    const result = await runAction({ images: 'hello', cache: 'false', comment: 'false' });
    assert.equal(result.code, 0, explain(result));
    assert.doesNotMatch(result.stdout, /cache service/);
    assert.deepEqual(result.state, {});
    assert.equal(result.post.code, 0, explain(result.post));
    assert.equal(result.post.stdout.trim(), 'No cache to save: caching is off, or the main step stopped before building');
  });

  it('still takes the deprecated registry input as pull-host, with a warning', async () => {
    const result = await runAction({ images: 'hello', 'pull-host': '', registry: 'old.example.com', comment: 'false', cache: 'false' });
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stdout, /^::warning::The registry input is deprecated: rename it to pull-host/m);
    const [image] = JSON.parse(result.outputs.images!) as ImageOutput[];
    assert.equal(image!.ref, `old.example.com/hello:pr-${PR_NUMBER}`);
    assert.ok(result.summary.includes(`docker pull old.example.com/hello@${image!.digest}`), result.summary);
  });

  it('writes a job summary with the same digests', () => {
    assert.match(first.summary, /\| Image \| Tags \| Digest \| Size \| Cached layers \| Uploaded \| Time \|/);
    for (const image of firstImages) {
      const row = first.summary.split('\n').find((line) => line.startsWith(`| \`${image.name}\` |`));
      assert.ok(row, `a summary row for ${image.name}:\n${first.summary}`);
      assert.ok(row.includes(`\`${image.digest.slice(0, 19)}\``), row);
      assert.ok(row.includes(`| ${image.cachedLayers}/${image.layers} |`), row);
      assert.ok(first.summary.includes(`docker pull images.example.com/${image.name}@${image.digest}`));
    }
  });

  it('creates one comment holding every digest, with the token', () => {
    assert.equal(api.comments.length, 1);
    const body = api.comments[0]!.body;
    assert.ok(body.startsWith('<!-- nixery-action:images -->'), body);
    for (const image of firstImages) assert.ok(body.includes(image.digest), `comment names ${image.digest}:\n${body}`);
    assert.deepEqual(
      api.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`),
      [`GET /repos/${REPOSITORY}/issues/${PR_NUMBER}/comments`, `POST /repos/${REPOSITORY}/issues/${PR_NUMBER}/comments`],
    );
    for (const request of api.requests) assert.equal(request.authorization, `token ${TOKEN}`);
  });

  it('leaves a bucket that nixery serve serves to skopeo under every tag, with matching digests', async () => {
    const serve = await startServe(['--storage', bucket, '--port', '0']);
    try {
      for (const image of firstImages) {
        for (const tag of image.tags) {
          const raw = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${serve.host}/${image.name}:${tag}`]);
          assert.equal(`sha256:${sha256Hex(raw.stdout)}`, image.digest, `${image.name}:${tag}`);
        }
        const byDigest = await runChecked('skopeo', [
          'inspect',
          '--tls-verify=false',
          `docker://${serve.host}/${image.name}@${image.digest}`,
        ]);
        assert.equal((JSON.parse(byDigest.stdout) as { Digest: string }).Digest, image.digest);
      }
    } finally {
      await serve.stop();
    }
  });

  it('on a second run updates the same comment, hits the cache for every layer and uploads nothing', async () => {
    api.requests.length = 0;
    const second = await runAction({ images: IMAGES.join('\n') });
    assert.equal(second.code, 0, explain(second));
    const images = JSON.parse(second.outputs.images!) as ImageOutput[];
    assert.deepEqual(
      images.map((i) => i.digest),
      firstImages.map((i) => i.digest),
    );
    assertAllFromCache(images);
    assert.equal(api.comments.length, 1, 'still one comment');
    const id = api.comments[0]!.id;
    assert.deepEqual(
      api.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`),
      [`GET /repos/${REPOSITORY}/issues/${PR_NUMBER}/comments`, `PATCH /repos/${REPOSITORY}/issues/comments/${id}`],
    );
    for (const image of images) assert.ok(api.comments[0]!.body.includes(image.digest));
    for (const image of images) {
      const row = second.summary.split('\n').find((line) => line.startsWith(`| \`${image.name}\` |`))!;
      assert.ok(row.includes(`| ${image.layers}/${image.layers} |`), `summary shows every layer as a hit: ${row}`);
    }
  });

  it('gives a job with a comment-key its own comment, and writes no summary when told not to', async () => {
    const before = api.comments.map((c) => ({ ...c }));
    const keyed = await runAction({ images: IMAGES.join('\n'), 'comment-key': 'arm64', summary: 'false' });
    assert.equal(keyed.code, 0, explain(keyed));
    assert.equal(keyed.summary, '', 'no job summary');
    assert.equal(api.comments.length, before.length + 1, 'a second comment, for the key');
    assert.deepEqual(api.comments.slice(0, before.length), before, 'the default comment is untouched');
    const comment = api.comments.at(-1)!;
    assert.ok(comment.body.startsWith('<!-- nixery-action:images:arm64 -->'), comment.body);
    const again = await runAction({ images: IMAGES.join('\n'), 'comment-key': 'arm64' });
    assert.equal(again.code, 0, explain(again));
    assert.equal(api.comments.length, before.length + 1, 'the keyed comment is updated, not added again');
  });

  it("builds from a git package set at the commit its #ref names, and tags it with the run's tags", async () => {
    const repo = path.join(work, 'pkgs-repo');
    await runChecked('mkdir', ['-p', repo]);
    await writeFile(path.join(repo, 'default.nix'), await readFile(path.join(EXAMPLES, 'default.nix')));
    const git = (...args: string[]) => runChecked('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args]);
    await git('init', '-q', '-b', 'main');
    await git('add', 'default.nix');
    await git('commit', '-q', '-m', 'package set');
    await git('tag', 'release-1');
    const commit = (await git('rev-parse', 'HEAD')).stdout.trim();
    await git('commit', '-q', '--allow-empty', '-m', 'later');

    const gitBucket = path.join(work, 'git-bucket');
    const result = await runAction({ images: 'hello', nixpkgs: `file://${repo}#release-1`, storage: gitBucket, comment: 'false' });
    assert.equal(result.code, 0, explain(result));
    assert.match(result.stdout, new RegExp(`Package set: git file://${repo}#${commit}`));
    const [image] = JSON.parse(result.outputs.images!) as ImageOutput[];
    assert.deepEqual(image!.tags, [`pr-${PR_NUMBER}`, `sha-${HEAD_SHA.slice(0, 7)}`, 'v1']);
    const index = JSON.parse(await readFile(path.join(gitBucket, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    const refs = index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort();
    // Built from the resolved commit, tagged only with the run's tags.
    assert.deepEqual(refs, [`hello:pr-${PR_NUMBER}`, `hello:sha-${HEAD_SHA.slice(0, 7)}`, 'hello:v1']);
    for (const m of index.manifests) assert.equal(m.digest, image!.digest);
    const manifest = JSON.parse(await readFile(path.join(gitBucket, 'blobs/sha256', image!.digest.slice(7)), 'utf8')) as {
      annotations: Record<string, string>;
    };
    // The package set's commit has its own key; the OCI keys describe the repository the workflow runs in.
    assert.equal(manifest.annotations['dev.nixery.nixpkgs.revision'], commit);
    assert.equal(manifest.annotations['org.opencontainers.image.revision'], HEAD_SHA);
  });

  it('fails with an error annotation naming every unknown package', async () => {
    const result = await runAction({ images: 'hello/nosuchpkg/notapackage2', comment: 'false' });
    assert.notEqual(result.code, 0, explain(result));
    const annotation = result.stdout.split('\n').find((line) => line.startsWith('::error title=Unknown packages'));
    assert.ok(annotation, `an ::error annotation in:\n${result.stdout}`);
    assert.match(annotation, /nosuchpkg/);
    assert.match(annotation, /notapackage2/);
    assert.match(result.summary, /nosuchpkg/);
    assert.deepEqual(JSON.parse(result.outputs.images!), []);
  });

  it('fails with an error annotation that shows the tail of a failing Nix build', async () => {
    const packageSet = path.join(work, 'broken-set');
    await runChecked('mkdir', ['-p', packageSet]);
    await writeFile(
      path.join(packageSet, 'default.nix'),
      `{ ... }: let examples = import ${EXAMPLES} { }; in examples // {\n` +
        '  broken = examples.lib.mkPackage { name = "broken"; script = "echo compiling widgets; echo boom: widget.c:12: missing semicolon >&2; exit 1"; };\n}\n',
    );
    const result = await runAction({ images: 'broken', nixpkgs: packageSet, comment: 'false' });
    assert.notEqual(result.code, 0, explain(result));
    const annotation = result.stdout.split('\n').find((line) => line.startsWith('::error title=Nix build failed for broken'));
    assert.ok(annotation, `an ::error annotation in:\n${result.stdout}`);
    assert.match(annotation, /boom: widget\.c:12: missing semicolon/);
    // The post step still runs (the job failed, it was not cancelled) and keeps the partial build out of the cache.
    assert.equal(decodeCacheState(result.state[CACHE_STATE] ?? '')?.failedImages, 1);
    assert.equal(result.post.code, 0, explain(result.post));
    assert.match(result.post.stdout, /^Not saving cache nixery-v1-\S+: 1 image failed to build$/m);
  });

  it('on a fork pull request makes no comment call and succeeds with a notice', async () => {
    api.requests.length = 0;
    const result = await runAction({ images: 'hello' }, { headRepo: 'stranger/widgets' });
    assert.equal(result.code, 0, explain(result));
    assert.deepEqual(api.requests, []);
    assert.match(result.stdout, /^::notice::Not commenting on the pull request: .*fork stranger\/widgets/m);
    assert.equal((JSON.parse(result.outputs.images!) as ImageOutput[])[0]!.digest, firstImages[1]!.digest);
    assert.ok(result.summary.includes(firstImages[1]!.digest), 'the summary is the report');
  });

  it('succeeds with a notice when the API refuses the token (403)', async () => {
    api.requests.length = 0;
    api.denyWith = 403;
    try {
      const result = await runAction({ images: 'hello' });
      assert.equal(result.code, 0, explain(result));
      assert.ok(api.requests.length >= 1, 'the action tried the API');
      assert.match(result.stdout, /^::notice::Not commenting on the pull request: .*HTTP 403/m);
      assert.doesNotMatch(result.stdout, /^::(error|warning)/m);
    } finally {
      api.denyWith = null;
    }
  });
});

describe('the action with a gs:// bucket (Firebase Storage emulator)', () => {
  const BUCKET_URL = 'gs://nixery-action/images';
  let emulator: GcsEmulator;
  let gcsEnv: NodeJS.ProcessEnv;
  let gcsFirst: ActionRun;
  let gcsImages: ImageOutput[];

  before(async () => {
    emulator = await startGcsEmulator();
    gcsEnv = { STORAGE_EMULATOR_HOST: emulator.host };
    gcsFirst = await runAction({ images: IMAGES.join('\n'), storage: BUCKET_URL, comment: 'false' }, { env: gcsEnv });
    assert.equal(gcsFirst.code, 0, explain(gcsFirst));
    gcsImages = JSON.parse(gcsFirst.outputs.images ?? 'null') as ImageOutput[];
  });
  after(() => emulator?.stop());

  it('builds every image into the bucket, uploading its layers', () => {
    assert.deepEqual(
      gcsImages.map((i) => i.name),
      IMAGES,
    );
    for (const image of gcsImages) {
      assert.match(image.digest, /^sha256:[0-9a-f]{64}$/);
      assert.ok(image.uploadedBytes > 0, `${image.name}: the first run into an empty bucket uploads`);
    }
    assert.equal(gcsFirst.outputs.digest, gcsImages[0]!.digest);
    // Builds are reproducible, whatever the bucket: the same digests as the local-folder run.
    assert.deepEqual(
      gcsImages.map((i) => i.digest),
      firstImages.map((i) => i.digest),
    );
    assert.doesNotMatch(gcsFirst.stdout, /^::error/m);
  });

  it('leaves a bucket that nixery serve --storage gs://... serves to skopeo, every blob hashing to its digest', async () => {
    const serve = await startServe(['--storage', BUCKET_URL, '--port', '0'], { env: gcsEnv });
    try {
      for (const image of gcsImages) {
        for (const tag of image.tags) {
          const raw = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${serve.host}/${image.name}:${tag}`]);
          assert.equal(`sha256:${sha256Hex(raw.stdout)}`, image.digest, `${image.name}:${tag}`);
        }
        const pulled = await pullAndVerify(serve.port, `${image.name}:${image.tag}`, path.join(work, 'gcs-pull'));
        assert.equal(pulled, image.digest, `${image.name}:${image.tag} pulled whole`);
      }
    } finally {
      await serve.stop();
    }
  });

  it('on a second run hits the cache for every layer and uploads nothing', async () => {
    const second = await runAction({ images: IMAGES.join('\n'), storage: BUCKET_URL, comment: 'false' }, { env: gcsEnv });
    assert.equal(second.code, 0, explain(second));
    const images = JSON.parse(second.outputs.images!) as ImageOutput[];
    assert.deepEqual(
      images.map((i) => i.digest),
      gcsImages.map((i) => i.digest),
    );
    assertAllFromCache(images);
  });
});

/** Answers GET /v2/ like a registry, and refuses everything else with 403 DENIED (a token that may not push). */
async function startDenyingRegistry(): Promise<{ host: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/v2/') {
      res.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' });
      return res.end('{}');
    }
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the action pushing to a registry (CNCF distribution), without a bucket', () => {
  let registry: DockerRegistry;
  let cacheDir: string;
  let pushRun: ActionRun;
  let pushImages: ImageOutput[];
  const tags = [`pr-${PR_NUMBER}`, `sha-${HEAD_SHA.slice(0, 7)}`, 'v1'];
  /** The owner as GitHub spells it (mixed case); the registry stores it lowercased. */
  const pushInput = () => `${registry.host}/Acme/images`;
  const repository = (name: string) => `${registry.host}/acme/images/${name}`;
  const pushInputs = (extra: Record<string, string> = {}) => ({
    images: IMAGES.join('\n'),
    storage: '',
    'pull-host': '',
    push: pushInput(),
    ...extra,
  });

  before(async () => {
    registry = await startDockerRegistry();
    cacheDir = path.join(work, 'nixery-cache');
    pushRun = await runAction(pushInputs(), { env: { NIXERY_CACHE_DIR: cacheDir } });
    assert.equal(pushRun.code, 0, explain(pushRun));
    pushImages = JSON.parse(pushRun.outputs.images ?? 'null') as ImageOutput[];
  });
  after(() => registry?.stop());

  it('pushes every image under every tag; each pushed reference serves the output digest', async () => {
    assert.deepEqual(
      pushImages.map((i) => i.name),
      IMAGES,
    );
    // Reproducible: the same digests as the bucket runs above.
    assert.deepEqual(
      pushImages.map((i) => i.digest),
      firstImages.map((i) => i.digest),
    );
    for (const image of pushImages) {
      assert.deepEqual(
        image.pushed,
        tags.map((tag) => `${repository(image.name)}:${tag}`),
      );
      assert.ok(image.uploadedBytes > 0, `${image.name}: the first push sends its blobs`);
      for (const ref of [...image.pushed, `${repository(image.name)}@${image.digest}`]) {
        const inspected = await runChecked('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`]);
        assert.equal((JSON.parse(inspected.stdout) as { Digest: string }).Digest, image.digest, ref);
      }
    }
    // The refs output lists what can be pulled: the registry's references, not the local cache folder's.
    assert.deepEqual(
      pushRun.outputs.refs!.split('\n'),
      pushImages.flatMap((i) => i.pushed),
    );
    assert.equal(pushRun.outputs.digest, pushImages[0]!.digest);
    assert.doesNotMatch(pushRun.stdout, /^::(error|warning)/m);
  });

  it('keeps the caches in NIXERY_CACHE_DIR, which the post step is told to save', () => {
    const state = decodeCacheState(pushRun.state[CACHE_STATE] ?? '');
    assert.ok(state, 'cache state');
    assert.deepEqual(state.plan.paths, [path.join(os.homedir(), '.cache', 'nix'), path.join(cacheDir, 'store')]);
    assert.ok(existsSync(path.join(cacheDir, 'store', 'index.json')), 'the cache folder holds the images');
  });

  it('lists the pushed references and docker pull commands by digest in the summary and the comment', () => {
    assert.match(pushRun.summary, new RegExp(`registry \`docker://${registry.host}/acme/images\``));
    const comment = api.comments[0]!.body;
    for (const image of pushImages) {
      const pull = `docker pull ${repository(image.name)}@${image.digest}`;
      assert.ok(pushRun.summary.includes(pull), `${pull} in the summary:\n${pushRun.summary}`);
      assert.ok(comment.includes(pull), `${pull} in the comment:\n${comment}`);
      for (const ref of image.pushed) {
        assert.ok(pushRun.summary.includes(`- \`${ref}\``), `${ref} in the summary`);
        assert.ok(comment.includes(`- \`${ref}\``), `${ref} in the comment`);
      }
    }
    assert.doesNotMatch(pushRun.summary, /docker pull images\.example\.com/);
  });

  it('gives attest-build-provenance its subjects, and links each SBOM (listed under the fallback tag) in the summary', async () => {
    const [shellHello] = pushImages;
    assert.equal(pushRun.outputs['subject-name'], repository(shellHello!.name));
    assert.equal(pushRun.outputs['subject-digest'], shellHello!.digest);
    const checksums = await readFile(pushRun.outputs['subject-checksums']!, 'utf8');
    assert.equal(checksums, pushImages.map((i) => `${i.digest.slice('sha256:'.length)}  ${repository(i.name)}\n`).join(''));
    for (const image of pushImages) {
      const sbom = `${repository(image.name)}@${image.sbomDigest}`;
      assert.ok(pushRun.summary.includes(`- \`${sbom}\``), `${sbom} in the summary:\n${pushRun.summary}`);
      const fallback = await runChecked('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${repository(image.name)}:${image.digest.replace(':', '-')}`,
      ]);
      assert.deepEqual(
        (JSON.parse(fallback.stdout) as { manifests: Array<{ digest: string }> }).manifests.map((m) => m.digest),
        [image.sbomDigest],
      );
    }
    assert.equal(pushRun.outputs['sbom-digests'], pushImages.map((i) => `${i.name}@${i.sbomDigest}`).join('\n'));
  });

  it("labels images with the repository and commit, takes metadata-action's outputs, and refuses a tag with a space", async () => {
    const tagged = await runAction(
      pushInputs({
        images: 'hello',
        comment: 'false',
        // As docker/metadata-action prints its tags, labels and annotations outputs.
        tags: `${registry.host}/acme/images/hello:1.2.3\n${registry.host}/acme/images/hello:1.2\ntype=raw,value=Edge`,
        labels: 'org.opencontainers.image.title=Hello\norg.opencontainers.image.version=1.2.3',
        annotations: 'manifest:org.opencontainers.image.description=Greets',
      }),
      { env: { NIXERY_CACHE_DIR: cacheDir, SOURCE_DATE_EPOCH: '1700000000' } },
    );
    assert.equal(tagged.code, 0, explain(tagged));
    const [image] = JSON.parse(tagged.outputs.images!) as ImageOutput[];
    assert.deepEqual(image!.tags, ['edge', '1.2.3', '1.2']);
    const inspected = await runChecked('skopeo', ['inspect', '--tls-verify=false', `docker://${repository('hello')}:1.2.3`]);
    const { Labels, Created } = JSON.parse(inspected.stdout) as { Labels: Record<string, string>; Created: string };
    assert.equal(Created, '2023-11-14T22:13:20Z');
    assert.equal(Labels['org.opencontainers.image.source'], `https://github.com/${REPOSITORY}`);
    assert.equal(Labels['org.opencontainers.image.revision'], HEAD_SHA);
    assert.equal(Labels['org.opencontainers.image.title'], 'Hello');
    assert.equal(Labels['org.opencontainers.image.version'], '1.2.3');
    const raw = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${repository('hello')}:1.2.3`]);
    const { annotations } = JSON.parse(raw.stdout) as { annotations: Record<string, string> };
    assert.equal(annotations['org.opencontainers.image.description'], 'Greets');
    assert.equal(annotations['org.opencontainers.image.title'], 'hello');

    const spaced = await runAction(pushInputs({ images: 'hello', comment: 'false', tags: 'v1 v2' }), {
      env: { NIXERY_CACHE_DIR: cacheDir },
    });
    assert.notEqual(spaced.code, 0);
    assert.match(spaced.stdout, /tags: "v1 v2" contains a space: give one tag per line/);
  });

  it('on a second run sends no blob bytes: every layer comes from the cache and the registry holds it', async () => {
    const before = (await registry.settledRequests()).length;
    const second = await runAction(pushInputs({ comment: 'false' }), { env: { NIXERY_CACHE_DIR: cacheDir } });
    assert.equal(second.code, 0, explain(second));
    const images = JSON.parse(second.outputs.images!) as ImageOutput[];
    assert.deepEqual(
      images.map((i) => i.digest),
      pushImages.map((i) => i.digest),
    );
    assertAllFromCache(images);
    const requests = (await registry.settledRequests()).slice(before);
    assert.ok(requests.length > 0, 'the second run asked the registry what it holds');
    assert.deepEqual(countUploads(requests), { uploadRequests: 0, mounts: 0 });
    for (const image of images) assert.deepEqual(image.pushed, pushImages.find((i) => i.name === image.name)!.pushed);
  });

  it('on a fork pull request skips the push with a notice and still builds the images into the cache folder', async () => {
    const before = (await registry.settledRequests()).length;
    const forkCache = path.join(work, 'fork-cache');
    const result = await runAction(pushInputs(), { headRepo: 'stranger/widgets', env: { NIXERY_CACHE_DIR: forkCache } });
    assert.equal(result.code, 0, explain(result));
    assert.match(
      result.stdout,
      new RegExp(
        `^::notice::Not pushing to docker://${registry.host}/acme/images: this pull request comes from the fork stranger/widgets`,
        'm',
      ),
    );
    assert.doesNotMatch(result.stdout, /^::(error|warning)/m);
    assert.deepEqual((await registry.settledRequests()).slice(before), [], 'no request reached the registry');
    const images = JSON.parse(result.outputs.images!) as ImageOutput[];
    assert.deepEqual(
      images.map((i) => [i.name, i.digest, i.pushed]),
      pushImages.map((i) => [i.name, i.digest, []]),
    );
    assert.equal(result.outputs.refs, '');
    assert.match(result.summary, /Not pushed to `docker:\/\/[^`]+`: a pull request from a fork gets no secrets/);
    assert.doesNotMatch(result.summary, /docker pull/);
    const index = JSON.parse(await readFile(path.join(forkCache, 'store', 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    const built = index.manifests.map((m) => `${m.annotations['org.opencontainers.image.ref.name']} ${m.digest}`).sort();
    assert.deepEqual(built, pushImages.flatMap((i) => tags.map((tag) => `${i.name}:${tag} ${i.digest}`)).sort());
  });

  it('fails an image whose push the registry refuses, with an error annotation naming the registry', async () => {
    const denying = await startDenyingRegistry();
    try {
      const result = await runAction(
        { images: 'hello', storage: '', 'pull-host': '', push: `${denying.host}/acme/images`, comment: 'false' },
        { env: { NIXERY_CACHE_DIR: cacheDir } },
      );
      assert.notEqual(result.code, 0, explain(result));
      // Annotation properties escape ":" as %3A.
      const title = `::error title=Push to ${denying.host.replace(':', '%3A')} failed::`;
      const annotation = result.stdout.split('\n').find((line) => line.startsWith(title));
      assert.ok(annotation, `an ::error annotation in:\n${result.stdout}`);
      assert.match(annotation, /HTTP 403/);
      assert.match(annotation, /acme\/images\/hello/);
      assert.deepEqual(JSON.parse(result.outputs.images!), []);
      assert.match(result.summary, new RegExp(`### ❌ \`hello\`: Push to ${denying.host} failed`));
    } finally {
      await denying.stop();
    }
  });
});

describe('the action with a flake and an images file', () => {
  it("builds the repository's declared images from its flake and reports the flake's revision", async () => {
    const repos = await makeFlakeRepos(path.join(work, 'flake'));
    const result = await runAction({
      images: '',
      nixpkgs: '',
      flake: repos.appRepo,
      'images-file': path.join(repos.appRepo, 'images.yaml'),
      storage: path.join(work, 'flake-bucket'),
      comment: 'false',
      cache: 'false',
    });
    assert.equal(result.code, 0, explain(result));
    const images = JSON.parse(result.outputs.images!) as (ImageOutput & { revision?: string })[];
    const revision = await git(repos.appRepo, ['rev-parse', 'HEAD']);
    assert.deepEqual(
      images.map((i) => [i.name, i.revision]),
      [
        ['api', revision],
        ['tools', revision],
      ],
    );
    assert.match(result.stdout, new RegExp(`^Package set: flake ${repos.appRepo}#${revision};`, 'm'));
    assert.ok(result.summary.includes(`Packages from revision \`${revision}\`.`), result.summary);
  });

  it('takes nixpkgs: flake.lock as the locked revision', async () => {
    const repos = await makeFlakeRepos(path.join(work, 'flake-lock'));
    // The package set moves on after the lock: the lock's revision, not the latest, is built and named.
    await git(repos.pkgsRepo, ['commit', '-q', '--allow-empty', '-m', 'later']);
    const result = await runAction({
      images: 'hello',
      nixpkgs: path.join(repos.appRepo, 'flake.lock'),
      storage: path.join(work, 'flake-lock-bucket'),
      comment: 'false',
      cache: 'false',
    });
    assert.equal(result.code, 0, explain(result));
    const [image] = JSON.parse(result.outputs.images!) as (ImageOutput & { revision?: string })[];
    assert.equal(image!.revision, repos.lockedRev);
    assert.match(result.stdout, new RegExp(`^Package set: git file://${repos.pkgsRepo}#${repos.lockedRev};`, 'm'));
    assert.ok(result.summary.includes(`Packages from revision \`${repos.lockedRev}\`.`), result.summary);
  });
});

describe('the action with platforms', () => {
  // Emulation's configuration, as a workflow gives it: extra-platforms through extra-nix-conf.
  const multiArch = { 'extra-nix-conf': 'extra-platforms = aarch64-linux', comment: 'false' };

  it('builds every platform under each tag as one image index, and reports each platform', async () => {
    const multiBucket = path.join(work, 'multi-bucket');
    const result = await runAction({ ...multiArch, images: 'hello', storage: multiBucket, platforms: 'linux/amd64,linux/arm64' });
    assert.equal(result.code, 0, explain(result));
    const [image] = JSON.parse(result.outputs.images!) as ImageOutput[];
    assert.deepEqual(
      image!.platforms!.map((p) => p.platform),
      ['linux/amd64', 'linux/arm64'],
    );
    assert.equal(result.outputs.digest, image!.digest);
    assert.ok(result.summary.includes('| `hello` (linux/amd64, linux/arm64) |'), result.summary);
    const record = JSON.parse(await readFile(path.join(multiBucket, 'repositories/hello/_tags/v1'), 'utf8')) as {
      digest: string;
      mediaType: string;
    };
    assert.deepEqual(record.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.equal(record.digest, image!.digest);
  });

  it('with merge, two jobs of a matrix (one platform each) leave one index holding both', async () => {
    const merged = path.join(work, 'matrix-bucket');
    for (const platform of ['linux/arm64', 'linux/amd64']) {
      const job = await runAction({ ...multiArch, images: 'hello', storage: merged, platforms: platform, merge: 'true' });
      assert.equal(job.code, 0, explain(job));
    }
    const record = JSON.parse(await readFile(path.join(merged, 'repositories/hello/_tags/v1'), 'utf8')) as { digest: string };
    const index = JSON.parse(await readFile(path.join(merged, 'blobs/sha256', record.digest.slice(7)), 'utf8')) as {
      manifests: { platform: { architecture: string } }[];
    };
    assert.deepEqual(
      index.manifests.map((m) => m.platform.architecture),
      ['amd64', 'arm64'],
    );
  });
});
