import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ImageStore } from '../../src/storage/image-store.ts';
import { openStorage } from '../../src/storage/open.ts';
import { EXAMPLE_PACKAGES, REPO_ROOT, runCliChecked } from './support/cli.ts';
import { requireTools, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import type { Serve } from './support/serve.ts';

// The registry's pages, looked at in a real headless Chromium (Debian's chromium, driven by playwright-core) over
// a real `nixery serve` and a bucket of real images: the index lists every repository compactly and filters (live
// and as a plain GET without JavaScript); a repository's page shows what the registry serves (digests, layers,
// store paths, which other images share a layer, the package-set revision) and pull commands that work; nothing
// overflows the page at 400 px or 1280 px; a visitor without credentials sees how to log in and no image names.
// Screenshots go to test-artifacts/registry-page/ (git-ignored), or to NIXERY_SCREENSHOT_DIR.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
const TOKEN = 'page-test-token-0123456789abcdef';
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 400, height: 800 };
/** Extra repositories pointing at hello's manifest, so the index has more lines than a screen. */
const EXTRA_REPOSITORIES = Array.from({ length: 40 }, (_, i) => `app-${String(i + 1).padStart(2, '0')}/hello`);
const MISSING_DIGEST = `sha256:${'0'.repeat(64)}`;

let work: string;
let bucket: string;
let open: Serve;
let secured: Serve;
let building: Serve;
let browser: Browser;
let screenshots: string;
let gitRevision: string;

interface StoredImage {
  digest: string;
  layers: { digest: string; size: number }[];
  history: string[];
}

async function manifestOf(port: number, name: string, reference: string): Promise<{ digest: string; layers: { digest: string }[] }> {
  const bytes = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/v2/${name}/manifests/${reference}`)).arrayBuffer());
  const manifest = JSON.parse(bytes.toString()) as { layers: { digest: string }[] };
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, layers: manifest.layers };
}

/** What the registry itself says about an image, read over /v2/ (the page must agree with it). */
async function storedImage(port: number, name: string, tag: string): Promise<StoredImage> {
  const base = `http://127.0.0.1:${port}/v2/${name}`;
  const manifestBytes = Buffer.from(await (await fetch(`${base}/manifests/${tag}`)).arrayBuffer());
  const manifest = JSON.parse(manifestBytes.toString()) as { config: { digest: string }; layers: { digest: string; size: number }[] };
  const config = (await (await fetch(`${base}/blobs/${manifest.config.digest}`)).json()) as { history: { created_by: string }[] };
  return {
    digest: `sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`,
    layers: manifest.layers,
    history: config.history.map((h) => h.created_by),
  };
}

/** Every readable image over /v2/: repository, manifest digest and layers (tags of one manifest count once). */
async function everyImage(port: number): Promise<{ repository: string; digest: string; layers: string[] }[]> {
  const { repositories } = (await (await fetch(`http://127.0.0.1:${port}/v2/_catalog`)).json()) as { repositories: string[] };
  const images = new Map<string, { repository: string; digest: string; layers: string[] }>();
  for (const repository of repositories) {
    const { tags } = (await (await fetch(`http://127.0.0.1:${port}/v2/${repository}/tags/list`)).json()) as { tags: string[] };
    for (const tag of tags) {
      const response = await fetch(`http://127.0.0.1:${port}/v2/${repository}/manifests/${tag}`, { method: 'HEAD' });
      if (response.status !== 200) continue;
      const manifest = await manifestOf(port, repository, tag);
      images.set(`${repository}@${manifest.digest}`, { repository, digest: manifest.digest, layers: manifest.layers.map((l) => l.digest) });
    }
  }
  return [...images.values()];
}

/** Opens a page, failing on any console error (a CSP refusal of our own script or style shows up there). */
async function openPage(url: string, options: BrowserContextOptions & { status?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const { status = 200, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: WIDE, ...contextOptions });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !(status !== 200 && message.text().includes(`status of ${status}`))) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(url);
  assert.equal(response?.status(), status, `GET ${url}`);
  return { page, errors };
}

/** The page fits the window: nothing makes the whole page scroll sideways (long digests wrap or scroll in a box). */
async function assertNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  // A string, as the tests are type-checked without the DOM library.
  const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
  assert.ok(scrollWidth <= innerWidth, `${what}: page is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

before(async () => {
  requireTools('nix-build', 'skopeo', 'git');
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the page test needs Chromium at ${CHROMIUM}: apt-get install -y chromium (or run .ci/setup)`);
  }
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-registry-page-'));
  bucket = path.join(work, 'bucket');
  screenshots = process.env.NIXERY_SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'test-artifacts', 'registry-page');
  await mkdir(screenshots, { recursive: true });
  for (const [name, tag] of [
    ['shell/hello', 'v1'],
    ['shell/hello', 'v2'],
    ['hello', 'latest'],
    ['nano', 'latest'],
    ['hello/nano', 'v1'],
  ] as const) {
    await runCliChecked(['build', name, '--pkgs-path', EXAMPLE_PACKAGES, '--storage', bucket, '--tag', tag]);
  }
  // A git package set: its images carry the commit they were built from.
  const repo = path.join(work, 'packages');
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: repo, encoding: 'utf8' }).trim();
  await mkdir(repo);
  git('init', '-q', '-b', 'main');
  await writeFile(path.join(repo, 'default.nix'), `{ system ? builtins.currentSystem, ... }@args: import ${EXAMPLE_PACKAGES} args\n`);
  git('add', 'default.nix');
  git('commit', '-q', '-m', 'packages');
  gitRevision = git('rev-parse', 'HEAD');
  // Labels come from an images file; one carries markup, which the page must show as text.
  const imagesFile = path.join(work, 'images.json');
  await writeFile(
    imagesFile,
    JSON.stringify({ moreutils: { packages: ['moreutils'], labels: { team: 'tools', note: '<b>bold</b> text' } } }),
  );
  await runCliChecked(['build', '--images-file', imagesFile, '--pkgs-repo', `file://${repo}`, '--storage', bucket, '--tag', 'main']);

  const store = new ImageStore(await openStorage(bucket), { onWarning: () => {} });
  const hello = await store.resolveTag('hello', 'latest');
  for (const name of EXTRA_REPOSITORIES) await store.tag(name, 'latest', hello!);
  // A tag whose manifest is gone from the bucket: the repository page lists it with its problem.
  await writeFile(
    path.join(bucket, 'repositories/shell/hello/_tags/broken'),
    JSON.stringify({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: MISSING_DIGEST, size: 100 }),
  );

  const htpasswd = path.join(work, 'htpasswd');
  await writeFile(htpasswd, `alice:${bcrypt.hashSync('wonderland', 5)}\n`);
  const tokens = path.join(work, 'tokens');
  await writeFile(tokens, `${TOKEN}\n`);
  open = await startServe(['--storage', bucket, '--port', '0']);
  secured = await startServe(['--storage', bucket, '--port', '0', '--htpasswd', htpasswd, '--token-file', tokens]);
  building = await startServe(['--storage', path.join(work, 'empty-bucket'), '--port', '0', '--build', '--pkgs-path', EXAMPLE_PACKAGES]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await open?.stop();
  await secured?.stop();
  await building?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the index page in Chromium', () => {
  const allNames = ['app-01/hello', 'hello', 'hello/nano', 'moreutils', 'nano', 'shell/hello'];

  it('lists every repository on one line with its tag count, a tag and its size, and fits 1280 px and 400 px', async () => {
    for (const [viewport, label] of [
      [WIDE, '1280'],
      [NARROW, '400'],
    ] as const) {
      const { page, errors } = await openPage(`http://127.0.0.1:${open.port}/`, { viewport });
      const names = await page.locator('tr[data-repository] td.name a').allTextContents();
      assert.equal(names.length, 5 + EXTRA_REPOSITORIES.length);
      for (const name of allNames) assert.ok(names.includes(name), name);
      const shell = page.locator('tr[data-repository="shell/hello"]');
      // v1, v2 and the unreadable "broken": three tags; the line describes the last in natural order.
      assert.deepEqual(
        await shell
          .locator('td')
          .allTextContents()
          .then((cells) => cells.slice(1, 3)),
        ['3', 'v2'],
      );
      assert.equal(await page.locator('tr.layer, input.pull').count(), 0, 'no layers or pull commands on the index');
      await assertNoHorizontalOverflow(page, `index at ${label} px`);
      await screenshot(page, `index-${label}`);
      assert.deepEqual(errors, [], 'no console errors (CSP must allow our own style and script)');
      await page.context().close();
    }
  });

  it('filters as the user types, and on Enter asks the server, which filters all repositories', async () => {
    const { page, errors } = await openPage(`http://127.0.0.1:${open.port}/`, { viewport: NARROW });
    await page.locator('#filter').fill('nano');
    assert.deepEqual(await page.locator('tr[data-repository]:visible td.name').allTextContents(), ['hello/nano', 'nano']);
    assert.equal(await page.locator('#filter-count').textContent(), '2');
    await page.locator('#filter').fill('hello app-1');
    assert.equal(await page.locator('tr[data-repository]:visible').count(), 10, 'app-10 … app-19');
    await page.locator('#filter').fill('shell hello');
    await Promise.all([page.waitForURL(/\?q=shell\+hello$/), page.locator('#filter').press('Enter')]);
    assert.deepEqual(await page.locator('tr[data-repository] td.name').allTextContents(), ['shell/hello']);
    assert.equal(await page.locator('#filter').inputValue(), 'shell hello');
    await screenshot(page, 'index-filtered-400');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('filters without JavaScript too: the form is a plain GET', async () => {
    const { page } = await openPage(`http://127.0.0.1:${open.port}/`, { javaScriptEnabled: false });
    await page.locator('#filter').fill('nano');
    await Promise.all([page.waitForURL(/\?q=nano$/), page.locator('form.filter button').click()]);
    assert.deepEqual(await page.locator('tr[data-repository] td.name').allTextContents(), ['hello/nano', 'nano']);
    assert.match((await page.locator('.filter-status').textContent()) ?? '', /2 of 45 shown: those matching/);
    await page.context().close();
  });
});

describe('a repository page in Chromium', () => {
  it('shows tags, digest, layers with store paths and the images sharing them, as the registry serves them', async () => {
    const stored = await storedImage(open.port, 'shell/hello', 'v1');
    const images = await everyImage(open.port);
    for (const [viewport, label] of [
      [WIDE, '1280'],
      [NARROW, '400'],
    ] as const) {
      const { page, errors } = await openPage(`http://127.0.0.1:${open.port}/`, { viewport });
      await Promise.all([page.waitForURL(/\/-\/repository\/shell\/hello$/), page.locator('a', { hasText: /^shell\/hello$/ }).click()]);
      const image = page.locator('article.image[data-digest]');
      assert.equal(await image.count(), 1, 'v1 and v2 share a manifest: one image');
      assert.deepEqual(await image.locator('.tags .tag').allTextContents(), ['v1', 'v2']);
      assert.equal(await image.locator('code.digest').first().textContent(), stored.digest);
      assert.equal(await image.locator('dd', { hasText: 'linux/amd64' }).count(), 1);

      const rows = image.locator('tr.layer');
      assert.equal(await rows.count(), stored.layers.length, 'one row per layer');
      for (let i = 0; i < stored.layers.length; i++) {
        const row = rows.nth(i);
        const layer = stored.layers[i]!.digest;
        assert.equal(await row.locator('code[title]').getAttribute('title'), layer);
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, one path per line
        const paths = (await row.locator('td.paths').innerText()).split('\n').filter(Boolean).join(' ');
        const history = stored.history[i]!;
        assert.equal(history.startsWith('nix store paths: ') ? `nix store paths: ${paths}` : paths, history, `layer ${i + 1}`);
        const sharing = images.filter((other) => other.layers.includes(layer) && other.digest !== stored.digest);
        const count = sharing.length === 0 ? 'no other image' : `${sharing.length} ${sharing.length === 1 ? 'image' : 'images'}`;
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text
        assert.match(await row.locator('td.shared').innerText(), new RegExp(`^${count}`), `layer ${i + 1} sharing`);
      }
      // busybox is in every image: the first names are listed, and how many more there are.
      const busybox = rows.filter({ has: page.locator('td.paths code', { hasText: /-busybox$/ }) });
      const sharing = images.filter((other) => other.digest !== stored.digest);
      assert.equal((await busybox.locator('td.shared a').allTextContents())[0], 'app-01/hello:latest');
      assert.equal(await busybox.locator('td.shared .muted').textContent(), `and ${sharing.length - 8} more`);

      const broken = page.locator('article.image.unreadable');
      assert.deepEqual(await broken.locator('.tag').allTextContents(), ['broken']);
      assert.match((await broken.locator('.problem').textContent()) ?? '', new RegExp(`shell/hello:broken points at ${MISSING_DIGEST}`));

      await assertNoHorizontalOverflow(page, `repository page at ${label} px`);
      await screenshot(page, `repository-${label}`);
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });

  it('gives pull commands by tag and by digest for the host the browser used; they copy and they pull', async () => {
    // localhost, not 127.0.0.1: the command must follow the Host header.
    const { page, errors } = await openPage(`http://localhost:${open.port}/-/repository/shell/hello`);
    const digest = (await page.locator('code.digest').first().textContent())!;
    const commands = await page
      .locator('input.pull')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    assert.deepEqual(commands, [
      `docker pull localhost:${open.port}/shell/hello:v1`,
      `docker pull localhost:${open.port}/shell/hello:v2`,
      `docker pull localhost:${open.port}/shell/hello@${digest}`,
    ]);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://localhost:${open.port}` });
    const button = page.locator('button[data-copy]').nth(2);
    await button.click();
    await page.waitForFunction((el) => el?.textContent === 'Copied', await button.elementHandle());
    assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), commands[2]);

    // What the page says to pull is what the registry serves, by tag and by digest.
    for (const command of [commands[0]!, commands[2]!]) {
      const inspected = await runChecked('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${command.slice('docker pull '.length)}`,
      ]);
      assert.equal(`sha256:${createHash('sha256').update(inspected.stdout).digest('hex')}`, digest, command);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('shows the commit an image was built from, its labels and its annotations', async () => {
    const { page } = await openPage(`http://127.0.0.1:${open.port}/-/repository/moreutils`, { viewport: NARROW });
    assert.equal(await page.locator('code.revision').textContent(), gitRevision);
    const labels = page.locator('details.labels[open]');
    const keys = await labels.locator('dt').allTextContents();
    const values = await labels.locator('dd').allTextContents();
    const shown = Object.fromEntries(keys.map((key, i) => [key, values[i]]));
    assert.equal(shown.note, '<b>bold</b> text');
    assert.equal(shown.team, 'tools');
    assert.equal(shown['dev.nixery.nixpkgs.revision'], gitRevision);
    assert.equal(await labels.locator('b').count(), 0, 'label values are text, not markup');
    await page.locator('details.annotations summary').click();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text
    assert.match(await page.locator('details.annotations').innerText(), /dev\.nixery\.nixpkgs\.revision\s+[0-9a-f]{40}/);
    await assertNoHorizontalOverflow(page, 'moreutils at 400 px');
    await page.context().close();
  });

  it('answers an unknown repository with a 404 page, and a bad name with a 400 page', async () => {
    const { page } = await openPage(`http://127.0.0.1:${open.port}/-/repository/no/such/thing`, { status: 404 });
    assert.match((await page.locator('main').textContent()) ?? '', /repository "no\/such\/thing" is not in this registry/);
    await page.context().close();
    const bad = await fetch(`http://127.0.0.1:${open.port}/-/repository/Bad..Name`);
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /^text\/html/);
  });
});

describe('serve --build: the page says the pull is what builds', () => {
  it('writes the pull command for typed packages, and fits 400 px', async () => {
    const { page, errors } = await openPage(`http://127.0.0.1:${building.port}/`, { viewport: NARROW });
    assert.match((await page.locator('.pulling-builds').textContent()) ?? '', /Pulling is what builds\. This form does not start a build/);
    await page.locator('#build-form input[name="packages"]').fill('nano, shell');
    await page.locator('#build-form input[name="tag"]').fill('v3');
    assert.equal(await page.locator('#build-pull').inputValue(), `docker pull 127.0.0.1:${building.port}/shell/nano:v3`);
    await assertNoHorizontalOverflow(page, 'build mode at 400 px');
    await screenshot(page, 'build-400');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});

describe('the pages with authentication on', () => {
  it('answer 401 with a Basic challenge and a sign-in page that names no image', async () => {
    for (const pathname of ['/', '/-/repository/shell/hello', '/?q=hello']) {
      const response = await fetch(`http://127.0.0.1:${secured.port}${pathname}`);
      assert.equal(response.status, 401, pathname);
      assert.equal(response.headers.get('www-authenticate'), 'Basic realm="nixery"');
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const html = await response.text();
      assert.match(html, /This registry needs credentials/);
      assert.ok(html.includes(`docker login 127.0.0.1:${secured.port} -u USER`), 'how to log in with a user');
      assert.ok(html.includes(`docker login 127.0.0.1:${secured.port} -u token --password-stdin &lt; TOKEN_FILE`), 'and with a token');
      for (const name of ['hello', 'nano', 'moreutils', 'app-01']) assert.ok(!html.includes(name), `${pathname} names ${name}`);
    }
    const api = await fetch(`http://127.0.0.1:${secured.port}/v2/`);
    assert.equal(api.status, 401, '/v2/ keeps its JSON error and bearer challenge');
    assert.match(api.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
    const wrong = await fetch(`http://127.0.0.1:${secured.port}/`, {
      headers: { Authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
    });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /invalid credentials/);
    const token = await fetch(`http://127.0.0.1:${secured.port}/`, {
      headers: { Authorization: `Basic ${Buffer.from(`ci:${TOKEN}`).toString('base64')}` },
    });
    assert.equal(token.status, 200, 'a static token works as the Basic password');
  });

  it('shows the sign-in page in the browser at 400 px, and the images once the user signs in', async () => {
    // A browser asks for credentials first and shows the page when the visitor cancels; headless Chromium fails
    // the navigation instead, so the server's answer (status, headers, body) is handed to the page unchanged.
    const context = await browser.newContext({ viewport: NARROW });
    const anonymous = await context.newPage();
    const anonymousErrors: string[] = [];
    anonymous.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('status of 401')) anonymousErrors.push(message.text());
    });
    await anonymous.route('**/*', async (route) => route.fulfill({ response: await route.fetch() }));
    const response = await anonymous.goto(`http://127.0.0.1:${secured.port}/`);
    assert.equal(response?.status(), 401);
    assert.equal(await anonymous.locator('h1').textContent(), 'This registry needs credentials');
    await assertNoHorizontalOverflow(anonymous, 'sign-in page at 400 px');
    await screenshot(anonymous, 'sign-in-400');
    assert.deepEqual(anonymousErrors, [], 'the CSP allows the page its own style and script');
    await context.close();

    const { page, errors } = await openPage(`http://127.0.0.1:${secured.port}/-/repository/hello`, {
      httpCredentials: { username: 'alice', password: 'wonderland' },
    });
    assert.equal(await page.locator('h1').textContent(), 'hello');
    assert.equal((await page.locator('tr.layer').count()) > 0, true);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
