import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planActionCache } from '../../src/action/cache.ts';
import { COMMENT_MARKER, renderComment } from '../../src/action/comment.ts';
import type { RunContext } from '../../src/action/context.ts';
import { NIX_INSTALLER_URL, NIX_VERSION, nixConfText, planNixInstall } from '../../src/action/install-nix.ts';
import { describeFailure, imageReference, pullReferences, toImageReport } from '../../src/action/report.ts';
import type { ImageReport, PushedRegistry } from '../../src/action/report.ts';
import { parsePushDestination } from '../../src/distribution/reference.ts';
import { RegistryTarget } from '../../src/targets/registry.ts';
import type { RegistryClient } from '../../src/distribution/client.ts';
import { renderSummary } from '../../src/action/summary.ts';
import { formatBuildEvent } from '../../src/action/build-log.ts';
import { NixBuildError, RegistryAccessError, UnknownPackagesError } from '../../src/errors.ts';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;

const built = {
  name: 'shell/git',
  tag: 'pr-3',
  tags: ['pr-3', 'sha-abcdef0'],
  ref: 'shell/git:pr-3',
  digest: DIGEST_A,
  size: 3 * 1024 * 1024,
  layers: 5,
  cachedLayers: 4,
  packedBytes: 100,
  uploadedBytes: 2048,
  manifestCacheHit: false,
  skippedBytes: 0,
  uploadSeconds: 0,
  seconds: 1.234,
};

function report(overrides: Partial<ImageReport> = {}): ImageReport {
  return { ...toImageReport(built, 'images.example.com'), ...overrides };
}

/** The registry targets the action pushes through (no requests are made: reports only name references). */
function registryTarget(destination: string): PushedRegistry {
  return new RegistryTarget({} as RegistryClient, parsePushDestination(destination));
}
const GHCR = registryTarget('ghcr.io/Acme/images');
const LOCAL = registryTarget('docker://127.0.0.1:5000/team');

function pushedReport(overrides: Partial<ImageReport> = {}): ImageReport {
  return { ...toImageReport(built, '', [GHCR, LOCAL]), ...overrides };
}

const summaryContext = {
  storage: '/runner/cache/nixery/store',
  bucketIsCache: true,
  skippedRegistries: [],
  pullHost: '',
  registries: [GHCR, LOCAL],
  source: 'nixpkgs 0123',
  totalSeconds: 3,
};

describe('image reports', () => {
  it('carry refs for every tag, with the registry host', () => {
    const r = report();
    assert.equal(r.ref, 'images.example.com/shell/git:pr-3');
    assert.deepEqual(r.refs, ['images.example.com/shell/git:pr-3', 'images.example.com/shell/git:sha-abcdef0']);
    assert.equal(r.cachedLayers, 4);
    assert.equal(r.seconds, 1.23);
    assert.equal(toImageReport({ ...built, tags: ['pr-3'] }, '').ref, 'shell/git:pr-3');
    assert.equal(imageReference('r.io', 'hello', DIGEST_B), `r.io/hello@${DIGEST_B}`);
    assert.deepEqual(r.pushed, [], 'nothing pushed without registries');
  });

  it('carry every tag in every registry pushed to, registry by registry, and pull references by digest', () => {
    const r = pushedReport();
    assert.deepEqual(r.pushed, [
      'ghcr.io/acme/images/shell/git:pr-3',
      'ghcr.io/acme/images/shell/git:sha-abcdef0',
      '127.0.0.1:5000/team/shell/git:pr-3',
      '127.0.0.1:5000/team/shell/git:sha-abcdef0',
    ]);
    assert.equal(r.ref, 'shell/git:pr-3', 'the bucket reference stays as the CLI names it');
    assert.deepEqual(pullReferences(r, { pullHost: 'images.example.com', registries: [GHCR, LOCAL] }), [
      `ghcr.io/acme/images/shell/git@${DIGEST_A}`,
      `127.0.0.1:5000/team/shell/git@${DIGEST_A}`,
    ]);
    assert.deepEqual(pullReferences(report(), { pullHost: 'images.example.com', registries: [] }), [
      `images.example.com/shell/git@${DIGEST_A}`,
    ]);
    assert.deepEqual(pullReferences(report(), { pullHost: '', registries: [] }), []);
  });

  it('title a failure with every unknown package, or with the failing image', () => {
    const unknown = describeFailure('a/b', new UnknownPackagesError(['nosuch', 'other']));
    assert.equal(unknown.title, 'Unknown packages: nosuch, other');
    const build = describeFailure('broken', new NixBuildError('nix-build failed', ['error: boom'], 1));
    assert.equal(build.title, 'Nix build failed for broken');
    assert.match(build.message, /error: boom/);
    assert.equal(describeFailure('x', new Error('disk full')).message, 'disk full');
    const push = describeFailure(
      'hello',
      new RegistryAccessError('push to ghcr.io/acme/images/hello was denied (HTTP 403 DENIED)', {
        host: 'ghcr.io',
        repository: 'acme/images/hello',
        status: 403,
        code: 'DENIED',
        tried: 'anonymous',
      }),
    );
    assert.equal(push.title, 'Push to ghcr.io failed');
    assert.match(push.message, /HTTP 403 DENIED/);
  });
});

describe('job summary', () => {
  it('has one row per image with short digest, size, cache hits, upload and time', () => {
    const md = renderSummary(
      [report(), report({ name: 'hello', digest: DIGEST_B, cachedLayers: 5, layers: 5, manifestCacheHit: true })],
      [],
      {
        storage: 'gs://b/p',
        bucketIsCache: false,
        skippedRegistries: [],
        pullHost: 'images.example.com',
        registries: [],
        source: 'nixpkgs 0123',
        totalSeconds: 75,
      },
    );
    assert.match(md, /Bucket `gs:\/\/b\/p` · package set `nixpkgs 0123` · 2 built in 1m15s/);
    assert.ok(
      md.includes(`| \`shell/git\` | \`pr-3\` \`sha-abcdef0\` | \`${DIGEST_A.slice(0, 19)}\` | 3.0 MiB | 4/5 | 2.0 KiB | 1.2s |`),
      md,
    );
    assert.ok(
      md.split('\n').every((line) => !line.startsWith('|') || !line.includes(DIGEST_A)),
      'no full digest in the table',
    );
    assert.ok(md.includes(`| 5/5 (manifest) |`), md);
    assert.ok(md.includes(`docker pull images.example.com/hello@${DIGEST_B}`));
    assert.doesNotMatch(md, /Pushed:/);
  });

  it('says where Nix built each image and where its closure went, once builders or a cache push are used', () => {
    const local = renderSummary(
      [report({ nixBuilds: [{ derivation: '/nix/store/a-x.drv', builder: 'local' }], substitutedPaths: 0 })],
      [],
      summaryContext,
    );
    assert.doesNotMatch(local, /Nix builds:/);
    const md = renderSummary(
      [
        report({
          nixBuilds: [
            { derivation: '/nix/store/a-x.drv', builder: 'ssh-ng://builder@big' },
            { derivation: '/nix/store/b-y.drv', builder: 'ssh-ng://builder@big' },
            { derivation: '/nix/store/c-z.drv', builder: 'local' },
          ],
          substitutedPaths: 7,
          closurePush: { url: 's3://cache', pushed: true, paths: 10, seconds: 1 },
        }),
        report({
          name: 'hello',
          nixBuilds: [],
          substitutedPaths: 3,
          closurePush: { url: 's3://cache', pushed: false, error: 'AccessDenied', seconds: 1 },
        }),
      ],
      [],
      summaryContext,
    );
    assert.ok(
      md.includes(
        '- `shell/git`: built 3 derivations (2 on `ssh-ng://builder@big`, 1 locally), 7 store paths from caches; closure pushed to `s3://cache` (10 paths)',
      ),
      md,
    );
    assert.ok(
      md.includes('- `hello`: built 0 derivations, 3 store paths from caches; ⚠️ closure push to `s3://cache` failed: AccessDenied'),
      md,
    );
  });

  it('lists every pushed reference and pulls each image by digest from every registry', () => {
    const md = renderSummary(
      [pushedReport(), pushedReport({ name: 'hello', digest: DIGEST_B, pushed: ['ghcr.io/acme/images/hello:pr-3'] })],
      [],
      summaryContext,
    );
    assert.match(
      md,
      /^Cache folder `\/runner\/cache\/nixery\/store` · registry `docker:\/\/ghcr.io\/acme\/images` · registry `docker:\/\/127.0.0.1:5000\/team` · package set/m,
    );
    const pushed = md.slice(md.indexOf('Pushed:'), md.indexOf('Pull by digest:'));
    assert.deepEqual(
      pushed.split('\n').filter((line) => line.startsWith('- ')),
      [
        '- `ghcr.io/acme/images/shell/git:pr-3`',
        '- `ghcr.io/acme/images/shell/git:sha-abcdef0`',
        '- `127.0.0.1:5000/team/shell/git:pr-3`',
        '- `127.0.0.1:5000/team/shell/git:sha-abcdef0`',
        '- `ghcr.io/acme/images/hello:pr-3`',
      ],
    );
    assert.deepEqual(
      md.split('\n').filter((line) => line.startsWith('docker pull ')),
      [
        `docker pull ghcr.io/acme/images/shell/git@${DIGEST_A}`,
        `docker pull 127.0.0.1:5000/team/shell/git@${DIGEST_A}`,
        `docker pull ghcr.io/acme/images/hello@${DIGEST_B}`,
        `docker pull 127.0.0.1:5000/team/hello@${DIGEST_B}`,
      ],
    );
  });

  it('says which registries a fork pull request did not push to', () => {
    const md = renderSummary([report({ pushed: [] })], [], {
      ...summaryContext,
      pullHost: '',
      registries: [],
      skippedRegistries: ['docker://ghcr.io/acme/images'],
    });
    assert.match(md, /Not pushed to `docker:\/\/ghcr.io\/acme\/images`: a pull request from a fork gets no secrets/);
    assert.doesNotMatch(md, /Pushed:|docker pull/);
  });

  it('lists failures with their message, and no pull commands without a registry', () => {
    const md = renderSummary([], [{ image: 'a/b', title: 'Unknown package: b', message: 'unknown package: b' }], {
      storage: '/b',
      bucketIsCache: false,
      skippedRegistries: [],
      pullHost: '',
      registries: [],
      source: 'path /x',
      totalSeconds: 1,
    });
    assert.match(md, /0 built, 1 failed/);
    assert.match(md, /### ❌ `a\/b`: Unknown package: b\n\n```\nunknown package: b\n```/);
    assert.doesNotMatch(md, /docker pull/);
    assert.doesNotMatch(md, /\| Image \|/);
  });
});

describe('pull-request comment', () => {
  const context: RunContext = {
    eventName: 'pull_request',
    repository: 'o/r',
    sha: 'abcdef0123',
    apiUrl: '',
    serverUrl: 'https://github.com',
    runUrl: 'https://github.com/o/r/actions/runs/9',
  };

  it('starts with the hidden marker and lists each image with its digest and pull command', () => {
    const body = renderComment([report()], [], context, { pullHost: 'images.example.com', registries: [] });
    assert.ok(body.startsWith(`${COMMENT_MARKER}\n`));
    assert.match(body, /Built for abcdef0 in \[this run\]\(https:\/\/github.com\/o\/r\/actions\/runs\/9\)/);
    assert.ok(body.includes(`| \`images.example.com/shell/git:pr-3\` | \`${DIGEST_A.slice(0, 19)}\` | 3.0 MiB | 5 (4) |`), body);
    assert.ok(body.includes(`docker pull images.example.com/shell/git@${DIGEST_A}`));
    assert.doesNotMatch(body, /Pushed:/);
  });

  it('has a marker and heading of its own for each comment key', () => {
    const body = renderComment([report()], [], context, { pullHost: '', registries: [] }, 'arm64');
    assert.ok(body.startsWith('<!-- nixery-action:images:arm64 -->\n### Nix images (arm64)\n'), body);
    assert.ok(!body.includes(COMMENT_MARKER), 'the default marker is not a part of a keyed one');
  });

  it('lists pushed references and pulls by digest from every registry pushed to', () => {
    const body = renderComment([pushedReport()], [], context, { pullHost: '', registries: [GHCR, LOCAL] });
    assert.ok(
      body.includes(
        'Pushed:\n\n- `ghcr.io/acme/images/shell/git:pr-3`\n- `ghcr.io/acme/images/shell/git:sha-abcdef0`\n' +
          '- `127.0.0.1:5000/team/shell/git:pr-3`\n- `127.0.0.1:5000/team/shell/git:sha-abcdef0`\n',
      ),
      body,
    );
    assert.ok(
      body.includes(
        `\`\`\`sh\ndocker pull ghcr.io/acme/images/shell/git@${DIGEST_A}\ndocker pull 127.0.0.1:5000/team/shell/git@${DIGEST_A}\n\`\`\``,
      ),
      body,
    );
  });

  it('names the image by digest in the bucket when there is neither a registry nor a pull-host', () => {
    const body = renderComment([report()], [], context, { pullHost: '', registries: [] });
    assert.ok(body.includes(`\`\`\`sh\n# shell/git@${DIGEST_A}\n\`\`\``), body);
    assert.doesNotMatch(body, /docker pull/);
  });

  it('says which package-set revision the images came from, once per revision', () => {
    const rev = '0123456789abcdef0123456789abcdef01234567';
    const body = renderComment([report({ revision: rev }), report({ revision: rev })], [], context, { pullHost: '', registries: [] });
    assert.ok(body.includes(`Packages from revision \`${rev}\`.\n`), body);
    assert.doesNotMatch(renderComment([report()], [], context, { pullHost: '', registries: [] }), /Packages from revision/);
  });

  it('names failed images', () => {
    const body = renderComment([], [{ image: 'a/b', title: 'Unknown package: b', message: '' }], context, { pullHost: '', registries: [] });
    assert.match(body, /- `a\/b`: Unknown package: b/);
  });
});

describe('Nix installation plan', () => {
  const host = { platform: 'linux' as const, hasSystemd: true, home: '/home/runner', caBundles: ['/etc/ssl/certs/ca-certificates.crt'] };
  const conf = { token: 'ghs_x', extraNixConf: 'sandbox = false\nsubstituters = https://cache.example.com\n' };

  it('writes max-jobs, experimental features, the github.com token, then extra-nix-conf last', () => {
    assert.equal(
      nixConfText(conf),
      'max-jobs = auto\nexperimental-features = nix-command\naccess-tokens = github.com=ghs_x\nsandbox = false\nsubstituters = https://cache.example.com\n',
    );
    assert.equal(nixConfText({ token: '', extraNixConf: '  ' }), 'max-jobs = auto\nexperimental-features = nix-command\n');
  });

  it("trusts the job's user when the nix-* inputs set builders or caches, which a daemon applies only for trusted users", () => {
    assert.equal(
      nixConfText({ token: '', extraNixConf: '', trustedUser: 'runner' }),
      'max-jobs = auto\nexperimental-features = nix-command\nextra-trusted-users = runner\n',
    );
  });

  it('runs the pinned installer as a daemon where systemd runs, and exports PATH and NIX_* for later steps', () => {
    const plan = planNixInstall(host, conf, '/tmp/w/nix.conf');
    assert.equal(plan.url, `https://releases.nixos.org/nix/nix-${NIX_VERSION}/install`);
    assert.equal(plan.url, NIX_INSTALLER_URL);
    assert.equal(plan.mode, 'daemon');
    assert.deepEqual(plan.args, ['--yes', '--no-channel-add', '--nix-extra-conf-file', '/tmp/w/nix.conf', '--daemon']);
    assert.deepEqual(plan.env, { NIX_INSTALLER_NO_MODIFY_PROFILE: '1' });
    assert.deepEqual(plan.paths, ['/nix/var/nix/profiles/default/bin', '/home/runner/.nix-profile/bin']);
    assert.deepEqual(plan.variables, {
      NIX_PROFILES: '/nix/var/nix/profiles/default /home/runner/.nix-profile',
      NIX_SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt',
    });
    assert.equal(plan.nixConf, nixConfText(conf));
  });

  it('installs single-user without systemd (containers), and always as a daemon on macOS', () => {
    const single = planNixInstall({ ...host, hasSystemd: false, caBundles: [] }, conf, '/c');
    assert.equal(single.mode, 'single-user');
    assert.equal(single.args.at(-1), '--no-daemon');
    assert.deepEqual(single.paths, ['/home/runner/.nix-profile/bin']);
    assert.equal(single.variables.NIX_SSL_CERT_FILE, undefined);
    assert.equal(planNixInstall({ ...host, platform: 'darwin', hasSystemd: false }, conf, '/c').mode, 'daemon');
  });
});

describe('Actions cache plan', () => {
  const input = {
    sourceId: 'nixpkgs 0123',
    images: ['shell/git', 'hello'],
    budget: 100,
    compression: 'gzip' as const,
    localBucket: null,
    home: '/home/runner',
    platform: 'linux',
    arch: 'x64',
  };

  it('keys by package set and image set; restores any image set of the same package set', () => {
    const plan = planActionCache(input);
    assert.match(plan.key, /^nixery-v1-linux-x64-[0-9a-f]{16}-[0-9a-f]{16}$/);
    assert.deepEqual(plan.restoreKeys, [plan.key.slice(0, plan.key.lastIndexOf('-') + 1)]);
    assert.deepEqual(plan.paths, ['/home/runner/.cache/nix']);
    assert.equal(planActionCache({ ...input, images: ['hello', 'shell/git'] }).key, plan.key, 'order does not matter');
    const otherImages = planActionCache({ ...input, images: ['hello'] });
    assert.notEqual(otherImages.key, plan.key);
    assert.deepEqual(otherImages.restoreKeys, plan.restoreKeys);
    const otherSource = planActionCache({ ...input, sourceId: 'nixpkgs 4567' });
    assert.notDeepEqual(otherSource.restoreKeys, plan.restoreKeys);
    assert.notEqual(planActionCache({ ...input, compression: 'zstd' }).key, plan.key);
  });

  it('keeps a local-folder bucket too', () => {
    assert.deepEqual(planActionCache({ ...input, localBucket: '/work/bucket' }).paths, ['/home/runner/.cache/nix', '/work/bucket']);
  });
});

describe('build log lines', () => {
  it('defuse workflow commands in Nix output and describe layers', () => {
    const line = formatBuildEvent({ type: 'nix-log', image: 'x', line: '::add-mask::oops' });
    assert.doesNotMatch(line.trimStart(), /^::/);
    assert.match(line, /add-mask::oops/);
    assert.equal(formatBuildEvent({ type: 'nix-log', image: 'x', line: 'building /nix/store/abc' }), '  building /nix/store/abc');
    assert.equal(
      formatBuildEvent({ type: 'layer', image: 'x', index: 2, count: 5, cached: true, bytes: 2048 }),
      'layer 2/5: cache hit, 2.0 KiB',
    );
  });
});
