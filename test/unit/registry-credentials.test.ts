import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CredentialsError, describeCredentials, findCredentials } from '../../src/distribution/auth/credentials.ts';

// Real files in temp dirs, and real credential helper programs on PATH speaking docker's helper protocol.

let root: string;
let bin: string;
let helperStore: string;
let helperLog: string;

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function writeJson(path: string, value: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value));
  return path;
}

/** A fresh HOME with nothing in it, and an env that points only there (plus the helpers on PATH). */
async function home(extra: NodeJS.ProcessEnv = {}): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(root, 'home-'));
  return { dir, env: { HOME: dir, PATH: `${bin}:${process.env.PATH}`, HELPER_STORE: helperStore, HELPER_LOG: helperLog, ...extra } };
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'registry-credentials-'));
  bin = join(root, 'bin');
  await mkdir(bin);
  helperStore = join(root, 'helper-store.json');
  helperLog = join(root, 'helper-log');
  await writeJson(helperStore, {
    'ghcr.io': { Username: 'helper-user', Secret: 'helper-secret-1' },
    'https://index.docker.io/v1/': { Username: 'hub-user', Secret: 'hub-secret-2' },
    'tokens.example': { Username: '<token>', Secret: 'identity-secret-3' },
  });
  // docker-credential-test: `get` reads the server URL on stdin and answers from HELPER_STORE, as
  // docker-credential-pass or -secretservice do; an unknown server is "credentials not found in native keychain".
  await writeFile(
    join(bin, 'docker-credential-test'),
    `#!/bin/sh
set -eu
[ "$1" = get ] || { echo "unknown action $1" >&2; exit 2; }
read -r server
printf '%s\\n' "$server" >> "$HELPER_LOG"
exec node -e '
const store = JSON.parse(require("fs").readFileSync(process.env.HELPER_STORE, "utf8"));
const entry = store[process.argv[1]];
if (!entry) { console.log("credentials not found in native keychain"); process.exit(1); }
console.log(JSON.stringify({ ServerURL: process.argv[1], ...entry }));
' "$server"
`,
  );
  await writeFile(
    join(bin, 'docker-credential-broken'),
    '#!/bin/sh\necho "error getting credentials - err: exit status 2, out: gpg: decryption failed: No secret key" >&2\nexit 1\n',
  );
  await writeFile(join(bin, 'docker-credential-garbage'), '#!/bin/sh\necho "not json"\n');
  for (const name of ['docker-credential-test', 'docker-credential-broken', 'docker-credential-garbage'])
    await chmod(join(bin, name), 0o755);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("findCredentials: Docker's config.json", () => {
  for (const key of [
    'registry.example:5000',
    'https://registry.example:5000',
    'https://registry.example:5000/v1/',
    'http://registry.example:5000/v2/',
  ]) {
    it(`finds auths[${JSON.stringify(key)}] for registry.example:5000`, async () => {
      const { dir, env } = await home();
      const file = await writeJson(join(dir, '.docker', 'config.json'), { auths: { [key]: { auth: b64('octo:pa:ss') } } });
      const found = await findCredentials('registry.example:5000', { env });
      assert.deepEqual(found?.credentials, { username: 'octo', password: 'pa:ss' });
      assert.equal(found?.description, `user "octo" from ${file}`);
    });
  }

  it('does not match another port, another host, or a host that merely starts the same', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), {
      auths: {
        'registry.example:5001': { auth: b64('a:b') },
        'registry.example.evil': { auth: b64('c:d') },
        'https://other.example/v1/': { auth: b64('e:f') },
      },
    });
    assert.equal(await findCredentials('registry.example:5000', { env }), null);
    assert.equal(await findCredentials('registry.example', { env }), null);
  });

  it("finds Docker Hub's https://index.docker.io/v1/ entry for docker.io and registry-1.docker.io", async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), { auths: { 'https://index.docker.io/v1/': { auth: b64('hubber:hubpass') } } });
    for (const host of ['docker.io', 'registry-1.docker.io', 'index.docker.io']) {
      assert.deepEqual((await findCredentials(host, { env }))?.credentials, { username: 'hubber', password: 'hubpass' }, host);
    }
  });

  it('reads username/password entries and identity tokens, and never puts a secret in the description', async () => {
    const { dir, env } = await home();
    const file = await writeJson(join(dir, '.docker', 'config.json'), {
      auths: { 'plain.example': { username: 'u1', password: 'plain-secret' }, 'idt.example': { identitytoken: 'idt-secret' } },
    });
    const plain = await findCredentials('plain.example', { env });
    assert.deepEqual(plain?.credentials, { username: 'u1', password: 'plain-secret' });
    const idt = await findCredentials('idt.example', { env });
    assert.deepEqual(idt?.credentials, { identityToken: 'idt-secret' });
    assert.equal(idt?.description, `an identity token from ${file}`);
    assert.doesNotMatch(`${plain?.description} ${idt?.description}`, /secret/);
  });

  it('prefers $DOCKER_CONFIG/config.json over ~/.docker/config.json', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('home:x') } } });
    const other = join(dir, 'elsewhere');
    const file = await writeJson(join(other, 'config.json'), { auths: { 'r.example': { auth: b64('dockerconfig:y') } } });
    const found = await findCredentials('r.example', { env: { ...env, DOCKER_CONFIG: other } });
    assert.equal(found?.description, `user "dockerconfig" from ${file}`);
  });

  it('rejects a malformed file by name without echoing its content, and a bad auth value', async () => {
    const { dir, env } = await home();
    const file = join(dir, '.docker', 'config.json');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"auths": {"r.example": {"auth": "c2VjcmV0LXBhc3N3b3Jk"');
    await assert.rejects(findCredentials('r.example', { env }), (error: Error) => {
      assert.ok(error instanceof CredentialsError);
      assert.ok(error.message.includes(file), error.message);
      assert.doesNotMatch(error.message, /c2VjcmV0/);
      return true;
    });
    await writeJson(file, { auths: { 'r.example': { auth: b64('no-colon-here') } } });
    await assert.rejects(findCredentials('r.example', { env }), /"auth" entry for "r.example".*not base64 of user:password/);
  });
});

describe('findCredentials: credential helpers', () => {
  it('asks credHelpers[host] with the server URL on stdin, before any auths entry', async () => {
    const { dir, env } = await home();
    const file = await writeJson(join(dir, '.docker', 'config.json'), {
      auths: { 'ghcr.io': { auth: b64('stale:stale') } },
      credHelpers: { 'ghcr.io': 'test' },
    });
    await writeFile(helperLog, '');
    const found = await findCredentials('ghcr.io', { env });
    assert.deepEqual(found?.credentials, { username: 'helper-user', password: 'helper-secret-1' });
    assert.equal(found?.description, `user "helper-user" from docker-credential-test (credHelpers in ${file})`);
    assert.equal(await readFile(helperLog, 'utf8'), 'ghcr.io\n');
  });

  it('asks credsStore with https://index.docker.io/v1/ for Docker Hub', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), { auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'test' });
    await writeFile(helperLog, '');
    const found = await findCredentials('docker.io', { env });
    assert.deepEqual(found?.credentials, { username: 'hub-user', password: 'hub-secret-2' });
    assert.equal(await readFile(helperLog, 'utf8'), 'https://index.docker.io/v1/\n');
  });

  it('turns a helper Username of <token> into an identity token', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), { credsStore: 'test' });
    const found = await findCredentials('tokens.example', { env });
    assert.deepEqual(found?.credentials, { identityToken: 'identity-secret-3' });
    assert.match(found?.description ?? '', /^an identity token from docker-credential-test \(credsStore in /);
  });

  it('takes "credentials not found" from a helper as no credentials, so the fallback applies', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), { credsStore: 'test' });
    assert.equal(await findCredentials('unknown.example', { env }), null);
    const fallback = await findCredentials('unknown.example', {
      env,
      fallback: { credentials: { username: 'x-access-token', password: 'gh-token-secret' }, source: 'the github-token input' },
    });
    assert.deepEqual(fallback?.credentials, { username: 'x-access-token', password: 'gh-token-secret' });
    assert.equal(fallback?.description, 'user "x-access-token" from the github-token input');
  });

  it('fails loudly, naming helper and registry, when a helper fails', async () => {
    const { dir, env } = await home();
    const file = await writeJson(join(dir, '.docker', 'config.json'), { credHelpers: { 'broken.example': 'broken' } });
    await assert.rejects(findCredentials('broken.example', { env }), (error: Error) => {
      assert.ok(error instanceof CredentialsError);
      assert.match(error.message, /docker-credential-broken/);
      assert.match(error.message, /broken\.example/);
      assert.ok(error.message.includes(`credHelpers in ${file}`), error.message);
      assert.match(error.message, /exited with 1: .*No secret key/);
      return true;
    });
  });

  it('fails loudly when a helper is not on PATH, and when it prints no JSON', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.docker', 'config.json'), { credsStore: 'nothere', credHelpers: { 'garbage.example': 'garbage' } });
    await assert.rejects(
      findCredentials('ghcr.io', { env }),
      /docker-credential-nothere \(credsStore in .*\) for registry ghcr\.io is not on PATH/,
    );
    await assert.rejects(findCredentials('garbage.example', { env }), /docker-credential-garbage .* printed something that is not JSON/);
  });
});

describe('findCredentials: containers auth.json and the order of sources', () => {
  it('uses $REGISTRY_AUTH_FILE first, then ~/.config/containers/auth.json, then config.json', async () => {
    const { dir, env } = await home();
    const dockerFile = await writeJson(join(dir, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('docker:1') } } });
    const userFile = await writeJson(join(dir, '.config', 'containers', 'auth.json'), {
      auths: { 'r.example': { auth: b64('podman:2') } },
    });
    const explicit = await writeJson(join(dir, 'explicit.json'), { auths: { 'r.example': { auth: b64('explicit:3') } } });
    assert.equal(
      (await findCredentials('r.example', { env: { ...env, REGISTRY_AUTH_FILE: explicit } }))?.description,
      `user "explicit" from ${explicit}`,
    );
    assert.equal((await findCredentials('r.example', { env }))?.description, `user "podman" from ${userFile}`);
    // A file without an entry for the host passes on to the next one.
    await writeJson(userFile, { auths: { 'other.example': { auth: b64('podman:2') } } });
    assert.equal((await findCredentials('r.example', { env }))?.description, `user "docker" from ${dockerFile}`);
  });

  it('uses $XDG_RUNTIME_DIR/containers/auth.json (podman login with a runtime dir)', async () => {
    const { dir, env } = await home();
    const runtime = join(dir, 'run');
    const file = await writeJson(join(runtime, 'containers', 'auth.json'), { auths: { 'https://r.example': { auth: b64('runtime:4') } } });
    await writeJson(join(dir, '.config', 'containers', 'auth.json'), { auths: { 'r.example': { auth: b64('podman:2') } } });
    assert.equal(
      (await findCredentials('r.example', { env: { ...env, XDG_RUNTIME_DIR: runtime } }))?.description,
      `user "runtime" from ${file}`,
    );
  });

  it('prefers the most specific namespace key for the repository', async () => {
    const { dir, env } = await home();
    await writeJson(join(dir, '.config', 'containers', 'auth.json'), {
      auths: {
        'r.example': { auth: b64('registry-wide:1') },
        'r.example/acme': { auth: b64('acme-team:2') },
        'r.example/acme/app': { auth: b64('app-only:3') },
      },
    });
    const user = async (repository?: string) => {
      const found = await findCredentials('r.example', { env, ...(repository ? { repository } : {}) });
      return found && 'username' in found.credentials ? found.credentials.username : undefined;
    };
    assert.equal(await user('acme/app'), 'app-only');
    assert.equal(await user('acme/other'), 'acme-team');
    assert.equal(await user('acmecorp/x'), 'registry-wide');
    assert.equal(await user(), 'registry-wide');
  });

  it('describes anonymous access with the host', () => {
    assert.equal(describeCredentials(null, 'ghcr.io'), 'anonymous (no credentials found for ghcr.io)');
  });
});
