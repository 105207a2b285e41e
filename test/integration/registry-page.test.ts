import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLE_PACKAGES, runCliChecked } from './support/cli.ts';
import { requireTools, runChecked } from './support/run.ts';
import { startServe } from './support/serve.ts';
import type { Serve } from './support/serve.ts';

// The HTML index at `/`, looked at in a real headless Chromium (Debian's chromium, driven by playwright-core):
// it must show what the registry serves (names, tags, digests, layers) and pull commands that work.
// Set NIXERY_SCREENSHOT_DIR to keep the screenshots it takes.

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

interface StoredImage {
  digest: string;
  layers: { digest: string; size: number }[];
  history: string[];
}

let work: string;
let bucket: string;
let open: Serve;
let secured: Serve;
let browser: Browser;
let screenshots: string;

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

/** Opens the page, failing on any console error (a CSP refusal of our own script or style shows up there). */
async function openPage(
  url: string,
  options: { httpCredentials?: { username: string; password: string } } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...options, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `GET ${url}`);
  return { page, errors };
}

before(async () => {
  requireTools('nix-build', 'skopeo');
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the page test needs Chromium at ${CHROMIUM}: apt-get install -y chromium (or run .ci/setup)`);
  }
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-registry-page-'));
  bucket = path.join(work, 'bucket');
  screenshots = process.env.NIXERY_SCREENSHOT_DIR ?? work;
  for (const [name, tag] of [
    ['shell/hello', 'v1'],
    ['shell/hello', 'v2'],
    ['hello', 'latest'],
  ] as const) {
    await runCliChecked(['build', name, '--pkgs-path', EXAMPLE_PACKAGES, '--storage', bucket, '--tag', tag]);
  }
  const htpasswd = path.join(work, 'htpasswd');
  await writeFile(htpasswd, `alice:${bcrypt.hashSync('wonderland', 5)}\n`);
  const tokens = path.join(work, 'tokens');
  await writeFile(tokens, `${TOKEN}\n`);
  open = await startServe(['--storage', bucket, '--port', '0']);
  secured = await startServe(['--storage', bucket, '--port', '0', '--htpasswd', htpasswd, '--token-file', tokens]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await open?.stop();
  await secured?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('index page in Chromium', () => {
  it('shows every repository with its tags, digests and layers, as the registry serves them', async () => {
    const { page, errors } = await openPage(`http://127.0.0.1:${open.port}/`);
    assert.deepEqual(await page.locator('section.repository h2').allTextContents(), ['hello', 'shell/hello']);

    for (const [name, tags] of [
      ['hello', ['latest']],
      ['shell/hello', ['v1', 'v2']],
    ] as const) {
      const stored = await storedImage(open.port, name, tags[0]);
      const section = page.locator(`section.repository[data-name="${name}"]`);
      // Tags that share a manifest are one image.
      const image = section.locator('article.image');
      assert.equal(await image.count(), 1, name);
      assert.deepEqual(await image.locator('.tag').allTextContents(), [...tags]);
      assert.equal(await image.locator('code.digest').textContent(), stored.digest);

      const rows = image.locator('tr.layer');
      assert.equal(await rows.count(), stored.layers.length, `${name}: one row per layer`);
      for (let i = 0; i < stored.layers.length; i++) {
        const row = rows.nth(i);
        assert.equal(await row.locator('code[title]').getAttribute('title'), stored.layers[i]!.digest);
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, one path per line
        const paths = (await row.locator('td.paths').innerText()).split('\n').filter(Boolean).join(' ');
        const history = stored.history[i]!;
        assert.equal(history.startsWith('nix store paths: ') ? `nix store paths: ${paths}` : paths, history, `${name} layer ${i + 1}`);
      }
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text
      assert.match(await image.locator('tr.layer').last().innerText(), /customisation layer/);
    }
    const helloLayer = page.locator('section.repository[data-name="shell/hello"] td.paths code', { hasText: /-hello-2\.12$/ });
    assert.equal(await helloLayer.count(), 1, 'the layer holding hello names its store path');

    await page.screenshot({ path: path.join(screenshots, 'registry-page.png'), fullPage: true });
    assert.deepEqual(errors, [], 'no console errors (CSP must allow our own style and script)');
    await page.context().close();
  });

  it('gives pull commands for the host the browser used, copies them, and they pull', async () => {
    // localhost, not 127.0.0.1: the command must follow the Host header.
    const { page, errors } = await openPage(`http://localhost:${open.port}/`);
    const commands = await page
      .locator('input.pull')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    assert.deepEqual(commands, [
      `docker pull localhost:${open.port}/hello:latest`,
      `docker pull localhost:${open.port}/shell/hello:v1`,
      `docker pull localhost:${open.port}/shell/hello:v2`,
    ]);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://localhost:${open.port}` });
    const button = page.locator('section.repository[data-name="shell/hello"] button[data-copy]').first();
    await button.click();
    await page.waitForFunction((el) => el?.textContent === 'Copied', await button.elementHandle());
    assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), `docker pull localhost:${open.port}/shell/hello:v1`);

    // What the page says to pull is a reference the registry serves.
    const reference = commands[1]!.slice('docker pull '.length);
    const inspected = await runChecked('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`]);
    const digest = `sha256:${createHash('sha256').update(inspected.stdout).digest('hex')}`;
    assert.equal(await page.locator('section.repository[data-name="shell/hello"] code.digest').textContent(), digest);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('falls back to the local address when the Host header is not a plain host', async () => {
    const response = await fetch(`http://127.0.0.1:${open.port}/`, { headers: { Host: 'evil"><script>x</script>' } });
    const html = await response.text();
    assert.ok(!html.includes('<script>x'), 'the Host header is never echoed raw');
    assert.ok(html.includes(`value="docker pull 127.0.0.1:${open.port}/shell/hello:v1"`));
  });
});

describe('index page with authentication on', () => {
  it('asks for credentials with a Basic challenge, like /v2/', async () => {
    for (const pathname of ['/', '/v2/']) {
      const response = await fetch(`http://127.0.0.1:${secured.port}${pathname}`);
      assert.equal(response.status, 401, pathname);
    }
    const page = await fetch(`http://127.0.0.1:${secured.port}/`);
    assert.equal(page.headers.get('www-authenticate'), 'Basic realm="nixery"');
    const wrong = await fetch(`http://127.0.0.1:${secured.port}/`, {
      headers: { Authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` },
    });
    assert.equal(wrong.status, 401);
    const token = await fetch(`http://127.0.0.1:${secured.port}/`, {
      headers: { Authorization: `Basic ${Buffer.from(`ci:${TOKEN}`).toString('base64')}` },
    });
    assert.equal(token.status, 200, 'a static token works as the Basic password');
  });

  it('shows the images in the browser once the user signs in', async () => {
    const { page, errors } = await openPage(`http://127.0.0.1:${secured.port}/`, {
      httpCredentials: { username: 'alice', password: 'wonderland' },
    });
    assert.deepEqual(await page.locator('section.repository h2').allTextContents(), ['hello', 'shell/hello']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
