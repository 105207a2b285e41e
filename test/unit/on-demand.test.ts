import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSource } from '../../src/settings/source.ts';
import { storageFromEnv } from '../../src/settings/serve-settings.ts';
import { NixBuildError } from '../../src/errors.ts';
import { nixFailureReason, publicText } from '../../src/registry/build-errors.ts';
import { sourceForTag } from '../../src/registry/on-demand.ts';
import { renderIndexPage } from '../../src/registry/page-index.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';

describe('sourceForTag', () => {
  it('lets a 40-hex tag pick the nixpkgs commit only when allowed and the source is nixpkgs or a channel', () => {
    const channel = { kind: 'channel', channel: 'nixos-unstable' } as const;
    const nixpkgs = { kind: 'nixpkgs', commit: COMMIT } as const;
    const git = { kind: 'git', url: 'https://example.com/pkgs.git' } as const;
    assert.deepEqual(sourceForTag(channel, OTHER, true), { kind: 'nixpkgs', commit: OTHER });
    assert.deepEqual(sourceForTag(nixpkgs, OTHER, true), { kind: 'nixpkgs', commit: OTHER });
    assert.equal(sourceForTag(channel, OTHER, false), channel);
    assert.equal(sourceForTag(channel, 'latest', true), channel);
    assert.equal(sourceForTag(channel, OTHER.toUpperCase(), true), channel);
    assert.equal(sourceForTag(git, OTHER, true), git);
  });
});

describe('client-facing build errors', () => {
  it('hide store hashes, local paths and file URLs, and keep public URLs', () => {
    assert.equal(
      publicText(
        "builder for '/nix/store/b22mzhgdif3dxg31mmjbmqyn0fm69q58-failing.drv' failed in /tmp/build-1/src from file:///srv/pkgs.git",
      ),
      "builder for 'failing.drv' failed in … from …",
    );
    assert.equal(publicText("unable to download 'https://github.com/x.tar.gz'"), "unable to download 'https://github.com/x.tar.gz'");
  });

  it('a Nix failure reads as its first error line plus the builder output just before it', () => {
    const error = new NixBuildError(
      'nix-build failed',
      [
        "building '/nix/store/b22mzhgdif3dxg31mmjbmqyn0fm69q58-failing.drv'...",
        'fixture-failing: error: the build broke on purpose',
        "error: builder for '/nix/store/b22mzhgdif3dxg31mmjbmqyn0fm69q58-failing.drv' failed with exit code 1;",
        "error: 1 dependencies of derivation '/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-image.drv' failed to build",
      ],
      1,
    );
    assert.equal(
      nixFailureReason(error),
      "builder for 'failing.drv' failed with exit code 1; last log line: fixture-failing: error: the build broke on purpose",
    );
    assert.equal(nixFailureReason(new NixBuildError('x', ['no error line here'], 7)), 'nix-build exited with code 7');
  });
});

describe("Nixery's environment variables", () => {
  it('pick the package set when no flag does, in Nixery order; flags win', () => {
    assert.deepEqual(chooseSource({}, { NIXERY_PKGS_REPO: 'https://example.com/p.git', NIXERY_CHANNEL: 'nixos-24.05' }), {
      kind: 'channel',
      channel: 'nixos-24.05',
    });
    assert.deepEqual(chooseSource({}, { NIXERY_CHANNEL: COMMIT }), { kind: 'nixpkgs', commit: COMMIT });
    assert.deepEqual(chooseSource({}, { NIXERY_PKGS_REPO: 'https://example.com/p.git' }), {
      kind: 'git',
      url: 'https://example.com/p.git',
    });
    assert.deepEqual(chooseSource({ channel: 'nixos-unstable' }, { NIXERY_PKGS_REPO: 'https://example.com/p.git' }), {
      kind: 'channel',
      channel: 'nixos-unstable',
    });
    assert.deepEqual(chooseSource({}, {}), { kind: 'channel', channel: 'nixos-unstable' });
    assert.throws(() => chooseSource({}, { NIXERY_CHANNEL: 'unstable' }), /^UsageError: NIXERY_CHANNEL: invalid channel "unstable"/);
  });

  it('pick the bucket from NIXERY_STORAGE_BACKEND', () => {
    assert.equal(storageFromEnv({}), undefined);
    assert.equal(storageFromEnv({ NIXERY_STORAGE_BACKEND: 'filesystem', STORAGE_PATH: '/var/lib/nixery' }), '/var/lib/nixery');
    assert.equal(storageFromEnv({ NIXERY_STORAGE_BACKEND: 'gcs', GCS_BUCKET: 'my-images' }), 'gs://my-images');
    assert.throws(() => storageFromEnv({ NIXERY_STORAGE_BACKEND: 'gcs' }), /needs GCS_BUCKET/);
    assert.throws(() => storageFromEnv({ NIXERY_STORAGE_BACKEND: 'filesystem' }), /needs STORAGE_PATH/);
  });
});

describe('the page in build mode', () => {
  const EMPTY = { repositories: [], total: 0, matching: 0, query: '' };
  const hostile = '<script>alert(1)</script>';
  const html = renderIndexPage(EMPTY, 'reg.example:5000', {
    running: 1,
    queued: 2,
    builds: [
      {
        image: 'shell/hello',
        tag: 'latest',
        state: 'built',
        requestedAt: '2026-11-23T10:00:00.000Z',
        queuedSeconds: 0,
        buildSeconds: 12.5,
        nixRan: false,
        digest: `sha256:${'a'.repeat(64)}`,
        reason: null,
        nixBuilds: [],
        closurePush: null,
      },
      {
        image: 'shell/remote',
        tag: 'latest',
        state: 'built',
        requestedAt: '2026-11-23T10:02:00.000Z',
        queuedSeconds: 0,
        buildSeconds: 3,
        nixRan: true,
        digest: `sha256:${'b'.repeat(64)}`,
        reason: null,
        nixBuilds: [
          { derivation: 'hello-1.drv', builder: 'ssh-ng://builder@big' },
          { derivation: 'env.drv', builder: 'ssh-ng://builder@big' },
          { derivation: `${hostile}.drv`, builder: 'local' },
        ],
        closurePush: { url: 's3://nix-cache?region=eu-west-1', pushed: false, paths: 0 },
      },
      {
        image: 'failing',
        tag: 'v1',
        state: 'failed',
        requestedAt: '2026-11-23T10:01:00.000Z',
        queuedSeconds: 1.25,
        buildSeconds: 0.5,
        nixRan: true,
        digest: null,
        reason: `building failing:v1 failed: ${hostile}`,
        nixBuilds: [],
        closurePush: null,
      },
    ],
  });

  it('shows recent builds with state and timing, escaped', () => {
    assert.match(html, /1 running, 2 queued/);
    assert.match(
      html,
      /<code>shell\/hello:latest<\/code><\/td><td class="state-built">built<\/td><td><time datetime="2026-11-23T10:00:00.000Z">2026-11-23 10:00:00Z<\/time><\/td><td class="size">0s<\/td><td class="size">12\.5s<\/td>/,
    );
    assert.match(html, /cached manifest, Nix not run/);
    assert.ok(!html.includes(hostile));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('shows which builder built what, and a failed closure push', () => {
    assert.match(
      html,
      /<td class="built-on"><span title="hello-1\.drv, env\.drv">2 on <code>ssh-ng:\/\/builder@big<\/code><\/span><br><span title="[^"]*">1 locally<\/span>/,
    );
    assert.match(html, /<span class="problem">push to <code>s3:\/\/nix-cache\?region=eu-west-1<\/code> failed<\/span>/);
    assert.ok(!html.includes(hostile));
  });

  it('has a build form that writes a pull command, and says pulling builds', () => {
    assert.match(html, /<form class="build" id="build-form" data-host="reg\.example:5000">/);
    assert.match(html, /<input class="pull" id="build-pull" name="command" form="build-form" readonly/);
    assert.match(
      html,
      /No images yet\. Pull any name and it is built, e\.g\. <code>docker pull reg\.example:5000\/shell\/hello:latest<\/code>/,
    );
    assert.doesNotMatch(html, /Read-only/);
  });

  it('says plainly that the form only writes a command and the pull is what builds', () => {
    assert.match(html, /<strong>Pulling is what builds\.<\/strong> This form does not start a build/);
    assert.doesNotMatch(html, /method="post"/i);
  });

  it('lists the build leases in the bucket with their replica, marking this one, escaped', () => {
    const leases = renderIndexPage(EMPTY, 'h:1', {
      running: 1,
      queued: 0,
      builds: [],
      replica: 'web-1-42-abcdef',
      leases: [
        {
          image: 'shell/hello',
          tag: 'latest',
          holder: 'web-1-42-abcdef',
          state: 'building',
          since: '2026-11-29T03:00:00.000Z',
          renewedAt: '2026-11-29T03:00:20.000Z',
        },
        {
          image: 'x',
          tag: 'y',
          holder: hostile,
          state: 'failed',
          since: '2026-11-29T03:00:00.000Z',
          renewedAt: '2026-11-29T03:00:01.000Z',
        },
      ],
    });
    assert.match(leases, /<h2>Build leases<\/h2>/);
    assert.match(leases, /This replica is <code class="replica">web-1-42-abcdef<\/code>/);
    assert.match(
      leases,
      /<tr class="lease"><td><code>shell\/hello:latest<\/code><\/td><td><code class="holder">web-1-42-abcdef<\/code> <span class="muted">\(this replica\)<\/span><\/td><td class="state-building">building<\/td><td><time datetime="2026-11-29T03:00:00.000Z">2026-11-29 03:00:00Z<\/time><\/td><td><time datetime="2026-11-29T03:00:20.000Z">/,
    );
    assert.ok(!leases.includes(hostile));
    const none = renderIndexPage(EMPTY, 'h:1', { running: 0, queued: 0, builds: [], replica: 'r-1-000000', leases: [] });
    assert.match(none, /No replica is building anything now\. This replica is <code class="replica">r-1-000000<\/code>/);
    assert.doesNotMatch(html, /Build leases/, 'left out when the builder gives no leases');
  });

  it('stays as it was without build mode', () => {
    const readOnly = renderIndexPage(EMPTY, 'h:1');
    assert.match(readOnly, /Read-only/);
    assert.doesNotMatch(readOnly, /Recent builds|<form/);
  });
});
