import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { createPodman } from './support/podman.ts';
import { requireTools, run, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import type { Serve } from './support/serve.ts';

// `nixery serve` as users run it (the real CLI in its own process), pulled from by skopeo, plus a fuzz run of
// malformed requests. The image comes from the real builder: nixery build shell/hello from nix/examples.

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const TOKEN = 'test-token-0123456789abcdef0123';

let work: string;
let bucket: string;
let serve: Serve;

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Copies an image out of the registry into a dir: layout and checks that every file hashes to its name. */
async function copyAndVerify(ref: string, dest: string, auth: string[] = []): Promise<{ manifest: Buffer }> {
  await runChecked('skopeo', ['copy', '--src-tls-verify=false', ...auth, ref, `dir:${dest}`]);
  const manifest = await readFile(path.join(dest, 'manifest.json'));
  const { config, layers } = JSON.parse(manifest.toString()) as { config: { digest: string }; layers: { digest: string }[] };
  const files = (await readdir(dest)).filter((f) => f !== 'manifest.json' && f !== 'version').sort();
  const expected = [config, ...layers].map((d) => d.digest.slice('sha256:'.length)).sort();
  assert.deepEqual(files, expected);
  for (const file of files) assert.equal(sha256Hex(await readFile(path.join(dest, file))), file, `blob ${file}`);
  return { manifest };
}

async function bucketSnapshot(): Promise<string[]> {
  const entries = await readdir(bucket, { recursive: true, withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push(`${path.relative(bucket, full)} ${sha256Hex(await readFile(full))}`);
  }
  return out.sort();
}

before(async () => {
  requireTools('skopeo', 'nix-build');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-registry-'));
  bucket = path.join(work, 'bucket');
  for (const tag of ['v1', 'v2']) {
    await runChecked(process.execPath, [
      CLI,
      'build',
      'shell/hello',
      '--pkgs-path',
      path.join(ROOT, 'nix/examples'),
      '--storage',
      bucket,
      '--tag',
      tag,
    ]);
  }
  serve = await startServe(['--storage', bucket, '--port', '0']);
});

after(async () => {
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('nixery serve with skopeo', () => {
  it('skopeo copy pulls shell/hello:v1 and every blob matches its sha256', async () => {
    const { manifest } = await copyAndVerify(`docker://${serve.host}/shell/hello:v1`, path.join(work, 'pull-tag'));
    const inspected = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${serve.host}/shell/hello:v1`]);
    assert.equal(inspected.stdout, manifest.toString());
  });

  it('pulls by digest', async () => {
    const inspect = await runChecked('skopeo', ['inspect', '--tls-verify=false', `docker://${serve.host}/shell/hello:v1`]);
    const digest = (JSON.parse(inspect.stdout) as { Digest: string }).Digest;
    const { manifest } = await copyAndVerify(`docker://${serve.host}/shell/hello@${digest}`, path.join(work, 'pull-digest'));
    assert.equal(`sha256:${sha256Hex(manifest)}`, digest);
  });

  it('lists tags, and pages through them with n, last and Link', async () => {
    const listed = await runChecked('skopeo', ['list-tags', '--tls-verify=false', `docker://${serve.host}/shell/hello`]);
    assert.deepEqual((JSON.parse(listed.stdout) as { Tags: string[] }).Tags, ['v1', 'v2']);
    const first = await fetch(`http://${serve.host}/v2/shell/hello/tags/list?n=1`);
    assert.deepEqual(((await first.json()) as { tags: string[] }).tags, ['v1']);
    assert.equal(first.headers.get('link'), '</v2/shell/hello/tags/list?n=1&last=v1>; rel="next"');
    const second = await fetch(`http://${serve.host}/v2/shell/hello/tags/list?n=1&last=v1`);
    assert.deepEqual(((await second.json()) as { tags: string[] }).tags, ['v2']);
    assert.equal(second.headers.get('link'), null);
  });

  it('serves Range requests with 206 and 416', async () => {
    const manifest = (await (await fetch(`http://${serve.host}/v2/shell/hello/manifests/v1`)).json()) as {
      layers: { digest: string; size: number }[];
    };
    const layer = manifest.layers[0]!;
    const whole = Buffer.from(await (await fetch(`http://${serve.host}/v2/shell/hello/blobs/${layer.digest}`)).arrayBuffer());
    const part = await fetch(`http://${serve.host}/v2/shell/hello/blobs/${layer.digest}`, { headers: { Range: 'bytes=2-11' } });
    assert.equal(part.status, 206);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(2, 12));
    const past = await fetch(`http://${serve.host}/v2/shell/hello/blobs/${layer.digest}`, { headers: { Range: `bytes=${layer.size}-` } });
    assert.equal(past.status, 416);
  });

  it('refuses a push with 405 UNSUPPORTED and the bucket does not change', async () => {
    const before = await bucketSnapshot();
    const push = await run('skopeo', [
      'copy',
      '--dest-tls-verify=false',
      `dir:${path.join(work, 'pull-tag')}`,
      `docker://${serve.host}/shell/hello:pushed`,
    ]);
    assert.notEqual(push.code, 0);
    assert.match(push.stderr, /405|UNSUPPORTED|read-only|not supported/i);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await fetch(`http://${serve.host}/v2/shell/hello/manifests/v1`, { method });
      assert.equal(response.status, 405, method);
      assert.equal(((await response.json()) as { errors: { code: string }[] }).errors[0]!.code, 'UNSUPPORTED');
    }
    assert.deepEqual(await bucketSnapshot(), before);
  });
});

describe('nixery serve with podman', () => {
  it('podman pulls shell/hello:v1 and the image runs hello', async () => {
    const podman = await createPodman({ insecureRegistries: [serve.host] });
    try {
      const pull = await podman.podman(['pull', '--quiet', `${serve.host}/shell/hello:v1`]);
      assert.equal(pull.code, 0, pull.stderr);
      assert.equal(await podman.podmanRun(`${serve.host}/shell/hello:v1`, ['hello']), 'Hello, world!\n');
    } finally {
      await podman.cleanup();
    }
  });
});

describe('nixery serve with authentication', () => {
  let secured: Serve;
  before(async () => {
    const htpasswd = path.join(work, 'htpasswd');
    await writeFile(htpasswd, `alice:${bcrypt.hashSync('wonderland', 5).replace('$2b$', '$2y$')}\n`);
    const tokens = path.join(work, 'tokens');
    await writeFile(tokens, `# CI pull token\n${TOKEN}\n`);
    secured = await startServe(['--storage', bucket, '--port', '0', '--htpasswd', htpasswd, '--token-file', tokens]);
  });
  after(() => secured?.stop());

  it('refuses anonymous and wrong credentials', async () => {
    const ref = `docker://${secured.host}/shell/hello:v1`;
    const anonymous = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', ref]);
    assert.notEqual(anonymous.code, 0);
    assert.match(anonymous.stderr, /unauthorized|authentication required|401/i);
    const wrong = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', 'alice:nope', ref]);
    assert.notEqual(wrong.code, 0);
  });

  it('lets skopeo pull with htpasswd credentials and with a static bearer token', async () => {
    const ref = `docker://${secured.host}/shell/hello:v1`;
    await copyAndVerify(ref, path.join(work, 'pull-creds'), ['--src-creds', 'alice:wonderland']);
    await copyAndVerify(ref, path.join(work, 'pull-token'), ['--src-registry-token', TOKEN]);
  });

  it('podman login (token flow at /v2/token) then pull works with htpasswd credentials', async () => {
    const podman = await createPodman({ insecureRegistries: [secured.host] });
    const authfile = path.join(work, 'auth.json');
    try {
      const refused = await podman.podman(['login', '--authfile', authfile, '-u', 'alice', '-p', 'nope', secured.host]);
      assert.notEqual(refused.code, 0);
      const login = await podman.podman(['login', '--authfile', authfile, '-u', 'alice', '-p', 'wonderland', secured.host]);
      assert.equal(login.code, 0, login.stderr);
      assert.ok(
        secured.lines.some((l) => l.includes('"path":"/v2/token') && l.includes('"status":200')),
        'login used the token endpoint',
      );
      const pull = await podman.podman(['pull', '--quiet', '--authfile', authfile, `${secured.host}/shell/hello:v1`]);
      assert.equal(pull.code, 0, pull.stderr);
    } finally {
      await podman.cleanup();
    }
  });
});

/** A small seeded generator, so a failing fuzz case can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sends raw bytes and returns the status code of the answer (null when the server answered nothing). */
function rawRequest(port: number, bytes: Buffer): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => {
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve(match ? Number(match[1]) : null);
    });
    socket.on('error', () => {});
    socket.write(bytes);
  });
}

describe('fuzz', () => {
  it('answers thousands of malformed names, tags, digests, Range and Accept headers with 4xx or 2xx, never 5xx', async () => {
    const next = random(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const junk = (length: number, alphabet: string): string =>
      Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const hexDigest = 'sha256:' + '0123456789abcdef'.repeat(4);
    const names = [
      'shell/hello',
      'hello/shell',
      'shell',
      'arm64',
      'a//b',
      '_tags',
      'shell/hello/_tags',
      '..',
      '.',
      'UPPER',
      'a--b',
      'a__b',
      '%2e%2e',
      'a%2fb',
      'x'.repeat(300),
      'é',
      '-a',
      'a-',
      'shell/hello/',
    ];
    const references = [
      'v1',
      'v2',
      'latest',
      '',
      '.hidden',
      '-x',
      'x'.repeat(129),
      'sha256:',
      'sha256:xyz',
      hexDigest,
      hexDigest.toUpperCase(),
      'sha512:' + 'a'.repeat(128),
      'md5:abc',
      '..',
      '%00',
      'v1%00',
      'v1;rm',
      'sha256:' + 'a'.repeat(63),
    ];
    const ranges = [
      'bytes=0-0',
      'bytes=-1',
      'bytes=5-1',
      'bytes=99999999999-',
      'bytes=0-1,2-3',
      'bytes=',
      'bits=0-1',
      'bytes=-',
      'bytes=1e3-',
      'bytes=-99999999999999999999',
      '',
      'bytes=0-0\u0000',
    ];
    const accepts = [
      '',
      '*/*',
      'application/*',
      'text/html',
      ';;;',
      ',,,',
      'application/vnd.oci.image.manifest.v1+json;q=0',
      'a/b;q=abc',
      'x'.repeat(2000),
      '*/*;q=0',
    ];
    const endpoints = ['manifests', 'blobs', 'tags/list', 'referrers', 'blobs/uploads', '_catalog', ''];
    const methods = ['GET', 'HEAD', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'BREW', 'G E T'];

    const requests: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = next() < 0.2 ? junk(1 + Math.floor(next() * 30), 'abz09./_-%:~ ?#\\') : pick(names);
      const reference = next() < 0.2 ? junk(Math.floor(next() * 80), 'sha256:0123456789abcdefXYZ./%') : pick(references);
      const endpoint = pick(endpoints);
      let target = `/v2/${name}/${endpoint}${endpoint === 'tags/list' || endpoint === '_catalog' ? '' : '/' + reference}`;
      if (next() < 0.2) target += `?n=${pick(['1', '-1', 'x', '99999999999', ''])}&last=${pick(references)}`;
      if (next() < 0.05)
        target = pick([
          '*',
          'http://evil/v2/',
          '//v2/',
          '/v2/' + 'a/'.repeat(3000),
          '',
          '/v2/\u00ff',
          '/',
          '/?n=%3Cscript%3E',
          '/index.html',
        ]);
      const headers = [`Host: ${pick(['127.0.0.1', 'evil"host', '', 'a'.repeat(300)])}`];
      if (next() < 0.5) headers.push(`Range: ${pick(ranges)}`);
      if (next() < 0.5) headers.push(`Accept: ${pick(accepts)}`);
      if (next() < 0.2)
        headers.push(
          `Authorization: ${pick(['Bearer ', 'Basic !!', 'Basic ' + Buffer.from('a:b').toString('base64'), 'Bearer x.y.z.w', 'nxt1.a.1.b'])}`,
        );
      if (next() < 0.1) headers.push(`If-None-Match: ${pick(['*', '"x"', 'W/"' + hexDigest + '"'])}`);
      if (next() < 0.02) headers.push(`X-Big: ${'x'.repeat(20_000)}`);
      const version = next() < 0.03 ? pick(['HTTP/2.0', 'HTTP/1', 'FOO']) : 'HTTP/1.1';
      requests.push(Buffer.from(`${pick(methods)} ${target} ${version}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`, 'latin1'));
    }

    const statuses = new Map<number | null, number>();
    const failures: string[] = [];
    const queue = [...requests.entries()];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          const [i, bytes] = item;
          const status = await rawRequest(serve.port, bytes);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === null || status >= 500) failures.push(`#${i} -> ${status}: ${bytes.toString('latin1').slice(0, 200)}`);
        }
      }),
    );
    assert.deepEqual(failures.slice(0, 10), [], `statuses: ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(200) ?? 0) > 10, 'some valid requests must have succeeded');
    assert.ok(
      [...statuses.keys()].some((s) => s !== null && s >= 400),
      'malformed requests must have been refused',
    );
    assert.equal(serve.child.exitCode, null, 'the server must still be running');
    assert.equal((await fetch(`http://${serve.host}/healthz`)).status, 200);
    assert.ok(!serve.lines.some((line) => /"status":5\d\d/.test(line)), 'no 5xx in the request log');
  });
});

describe('shutdown', () => {
  it('stops on SIGTERM with exit code 0 and says so in the log', async () => {
    const instance = await startServe(['--storage', bucket, '--port', '0']);
    assert.deepEqual(await instance.stop('SIGTERM'), { code: 0, signal: null }, `${instance.stderr()}\n${instance.lines.join('\n')}`);
    assert.ok(instance.lines.some((line) => line.includes('"msg":"stopped"')));
  });
});
