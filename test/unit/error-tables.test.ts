import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BucketAccessError,
  MissingGitRefError,
  NixBuildError,
  NixTimeoutError,
  NixeryError,
  RegistryAccessError,
  UnknownPackagesError,
  UsageError,
} from '../../src/errors.ts';
import type { ErrorKind, ErrorOfKind } from '../../src/errors.ts';
import { EXIT_CODES, UNEXPECTED_ERROR_EXIT_CODE } from '../../src/cli/exit-codes.ts';
import { describeFailure } from '../../src/action/report.ts';
import { registryErrorFor } from '../../src/registry/build-errors.ts';
import { RegistryError } from '../../src/registry/errors.ts';

const IMAGE = 'shell/git';
const TAG = 'feature-x';
const BUCKET_URL = 'gs://private-bucket-7431/images/blobs/sha256/abc';
const GIT_URL = 'https://git.example.com/team/pkgs.git';
const REGISTRY_HOST = 'registry.example.com:5443';

// One error of each kind; the type makes the compiler insist that every kind is here.
const SAMPLES: { [K in ErrorKind]: ErrorOfKind<K> } = {
  usage: new UsageError('--budget must be a whole number from 1 to 1000, got "lots"'),
  'unknown-packages': new UnknownPackagesError(['nosuchpkg', 'gti'], { gti: 'not found; did you mean git?' }, 'nixpkgs 0123'),
  'missing-git-ref': new MissingGitRefError(GIT_URL, TAG),
  'nix-build': new NixBuildError(
    'nix-build failed',
    [
      "building '/nix/store/0123456789abcdfghijklmnpqrsvwxyz-hello-2.12.drv'...",
      'hello> cc: cannot open /home/runner/work/secret/src/main.c',
      "error: builder for '/nix/store/0123456789abcdfghijklmnpqrsvwxyz-hello-2.12.drv' failed with exit code 1;",
      '       last 1 log lines:',
      '       > make: *** No rule to make target /tmp/nix-build-hello-2.12.drv-0/hello-2.12/all. Stop.',
    ],
    1,
  ),
  'nix-timeout': new NixTimeoutError('/home/runner/.nix-profile/bin/nix-build /home/runner/work/image.nix', 90_000, ['building ...']),
  'bucket-access': new BucketAccessError('read', BUCKET_URL, 'permission denied', 'grant the runner read access', 403),
  'registry-access': new RegistryAccessError(
    `cannot upload blob sha256:abc (acme/private-images-7431/shell on ${REGISTRY_HOST}): HTTP 403 DENIED; check push permission`,
    {
      host: REGISTRY_HOST,
      repository: 'acme/private-images-7431/shell',
      status: 403,
      code: 'DENIED',
      tried: 'user "octo" from ~/.docker/config.json',
    },
  ),
};

const KINDS = Object.keys(SAMPLES) as ErrorKind[];

function errorsOfEveryKind(): Array<[ErrorKind, NixeryError]> {
  return KINDS.map((kind) => [kind, SAMPLES[kind]]);
}

/** Absolute local paths anywhere in a text (not the path part of a URL, which follows a host name). */
const ABSOLUTE_PATH = /(?<![\w./-])\/(?:home|nix|tmp|usr|root|var|build)\//;

describe('error samples', () => {
  it('cover seven kinds, each the kind it is filed under', () => {
    assert.deepEqual([...KINDS].sort(), [
      'bucket-access',
      'missing-git-ref',
      'nix-build',
      'nix-timeout',
      'registry-access',
      'unknown-packages',
      'usage',
    ]);
    for (const [kind, error] of errorsOfEveryKind()) {
      assert.ok(error instanceof NixeryError);
      assert.equal(error.kind, kind);
    }
  });
});

describe('CLI exit codes', () => {
  it('give every kind a code, and no code for anything else', () => {
    assert.deepEqual(Object.keys(EXIT_CODES).sort(), [...KINDS].sort());
  });

  it('exit 2 for usage errors', () => {
    assert.equal(EXIT_CODES.usage, 2);
  });

  it('never use 0 (success) or 1 (unexpected error), and stay within exit-status range', () => {
    assert.equal(UNEXPECTED_ERROR_EXIT_CODE, 1);
    for (const kind of KINDS) {
      const code = EXIT_CODES[kind];
      assert.ok(Number.isInteger(code) && code > 1 && code < 256, `${kind}: ${code}`);
    }
  });

  it('tell a bad name or setting from a failed build, a timeout or an unreachable bucket', () => {
    const usage = EXIT_CODES.usage;
    for (const kind of ['unknown-packages', 'missing-git-ref', 'nix-build', 'nix-timeout', 'bucket-access', 'registry-access'] as const) {
      assert.notEqual(EXIT_CODES[kind], usage, kind);
    }
    assert.notEqual(EXIT_CODES['nix-build'], EXIT_CODES['unknown-packages']);
    assert.notEqual(EXIT_CODES['nix-build'], EXIT_CODES['nix-timeout']);
    assert.notEqual(EXIT_CODES['nix-build'], EXIT_CODES['bucket-access']);
  });

  it('exit 6 for a registry that refused or failed a push, apart from a bucket failure', () => {
    assert.equal(EXIT_CODES['registry-access'], 6);
    assert.notEqual(EXIT_CODES['registry-access'], EXIT_CODES['bucket-access']);
  });
});

describe('action failure titles', () => {
  it('give each kind its own title, never the generic one', () => {
    const titles = errorsOfEveryKind().map(([kind, error]) => {
      const failure = describeFailure(IMAGE, error);
      assert.equal(failure.image, IMAGE);
      assert.equal(failure.message, error.message, kind);
      assert.notEqual(failure.title, `Building ${IMAGE} failed`, kind);
      return failure.title;
    });
    assert.equal(new Set(titles).size, titles.length);
  });

  it('name every unknown package', () => {
    assert.equal(describeFailure(IMAGE, SAMPLES['unknown-packages']).title, 'Unknown packages: nosuchpkg, gti');
    assert.equal(describeFailure(IMAGE, new UnknownPackagesError(['one'])).title, 'Unknown package: one');
  });

  it('name the git ref and the image', () => {
    const { title } = describeFailure(IMAGE, SAMPLES['missing-git-ref']);
    assert.ok(title.includes(`"${TAG}"`), title);
    assert.ok(title.includes(IMAGE), title);
  });

  it('name the image for failed and timed-out builds and bad settings', () => {
    for (const kind of ['nix-build', 'nix-timeout', 'usage'] as const) {
      const { title } = describeFailure('arm64/htop', SAMPLES[kind]);
      assert.ok(title.includes('arm64/htop'), `${kind}: ${title}`);
    }
    assert.match(describeFailure(IMAGE, SAMPLES['nix-timeout']).title, /timed out/);
  });

  it('name the bucket URL', () => {
    const { title } = describeFailure(IMAGE, SAMPLES['bucket-access']);
    assert.ok(title.includes(BUCKET_URL), title);
  });

  it('name the registry host a push failed on', () => {
    assert.equal(describeFailure(IMAGE, SAMPLES['registry-access']).title, `Push to ${REGISTRY_HOST} failed`);
  });

  it('give an unknown error a generic title and keep its message', () => {
    const failure = describeFailure(IMAGE, new Error('disk full at /var/lib/x'));
    assert.equal(failure.title, `Building ${IMAGE} failed`);
    assert.equal(failure.message, 'disk full at /var/lib/x');
    const thrownString = describeFailure(IMAGE, 'a thrown string');
    assert.equal(thrownString.title, `Building ${IMAGE} failed`);
    assert.equal(thrownString.message, 'a thrown string');
  });
});

describe('registry build errors', () => {
  const RETRY_AFTER = 7;
  const forError = (error: unknown) => registryErrorFor(error, IMAGE, TAG, RETRY_AFTER);

  it('answer every kind with a registry error that leaks no absolute path or bucket URL', () => {
    for (const [kind, error] of errorsOfEveryKind()) {
      const answer = forError(error);
      assert.ok(answer instanceof RegistryError, kind);
      assert.ok([404, 500].includes(answer.status), `${kind}: ${answer.status}`);
      const body = answer.body();
      assert.doesNotMatch(body, ABSOLUTE_PATH, `${kind}: ${body}`);
      assert.ok(!body.includes('private-bucket-7431'), `${kind}: ${body}`);
      assert.ok(!body.includes('0123456789abcdfghijklmnpqrsvwxyz'), `${kind} leaks a store hash: ${body}`);
      assert.deepEqual(JSON.parse(body).errors[0].code, answer.code);
    }
  });

  it('answer unknown packages with 404 MANIFEST_UNKNOWN naming the ref and the packages', () => {
    const answer = forError(SAMPLES['unknown-packages']);
    assert.equal(answer.status, 404);
    assert.equal(answer.code, 'MANIFEST_UNKNOWN');
    assert.ok(answer.message.includes(`${IMAGE}:${TAG}`), answer.message);
    assert.ok(answer.message.includes('nosuchpkg'), answer.message);
    assert.ok(answer.message.includes('gti (not found; did you mean git?)'), answer.message);
    assert.deepEqual(answer.detail, { name: IMAGE, reference: TAG, packages: ['nosuchpkg', 'gti'] });
  });

  it('hide local paths in the reasons for unknown packages', () => {
    const error = new UnknownPackagesError(['broken'], { broken: 'fails to evaluate: error at /home/me/pkgs/default.nix:3' });
    const answer = forError(error);
    assert.equal(answer.status, 404);
    assert.ok(answer.message.includes('broken (fails to evaluate'), answer.message);
    assert.doesNotMatch(answer.message, ABSOLUTE_PATH);
  });

  it('answer a missing git ref with 404 MANIFEST_UNKNOWN naming the ref, not the repository', () => {
    const answer = forError(SAMPLES['missing-git-ref']);
    assert.equal(answer.status, 404);
    assert.equal(answer.code, 'MANIFEST_UNKNOWN');
    assert.ok(answer.message.includes(`"${TAG}"`), answer.message);
    assert.ok(answer.message.includes(`${IMAGE}:${TAG}`), answer.message);
    assert.deepEqual(answer.detail, { name: IMAGE, reference: TAG });
    assert.ok(!answer.body().includes('git.example.com'), answer.body());
  });

  it('answer a failed Nix build with 500 and a short reason without paths', () => {
    const answer = forError(SAMPLES['nix-build']);
    assert.equal(answer.status, 500);
    assert.equal(answer.code, 'UNKNOWN');
    assert.ok(answer.message.includes(`${IMAGE}:${TAG}`), answer.message);
    assert.ok(answer.message.includes('hello-2.12.drv'), `keeps the derivation's name: ${answer.message}`);
    assert.doesNotMatch(answer.message, ABSOLUTE_PATH);
    assert.ok(!answer.message.includes('/nix/store/'), answer.message);
    assert.ok(answer.message.length <= 300, `${answer.message.length} characters`);
  });

  it('hide a local path that a builder prints in brackets (make, ninja)', () => {
    const error = new NixBuildError(
      'nix-build failed',
      [
        "error: builder for '/nix/store/0123456789abcdfghijklmnpqrsvwxyz-hello-2.12.drv' failed with exit code 2;",
        '       > make: *** [/tmp/nix-build-hello-2.12.drv-0/hello-2.12/Makefile:10: all] Error 1',
      ],
      2,
    );
    const answer = forError(error);
    assert.equal(answer.status, 500);
    assert.ok(answer.message.includes('Error 1'), answer.message);
    assert.doesNotMatch(answer.message, ABSOLUTE_PATH);
  });

  it('cut a very long Nix failure reason short', () => {
    const long = new NixBuildError('nix-build failed', [`error: ${'x'.repeat(2000)}`], 1);
    const answer = forError(long);
    assert.equal(answer.status, 500);
    assert.ok(answer.message.length <= 300, `${answer.message.length} characters`);
  });

  it('answer a timeout with 500, the limit, and not the command line', () => {
    const answer = forError(SAMPLES['nix-timeout']);
    assert.equal(answer.status, 500);
    assert.equal(answer.code, 'UNKNOWN');
    assert.ok(answer.message.includes('90s'), answer.message);
    assert.ok(!answer.message.includes('nix-profile'), answer.message);
    assert.doesNotMatch(answer.message, ABSOLUTE_PATH);
  });

  it('answer a bucket failure with 500, without the bucket URL', () => {
    const answer = forError(SAMPLES['bucket-access']);
    assert.equal(answer.status, 500);
    assert.equal(answer.code, 'UNKNOWN');
    assert.ok(!answer.message.includes('gs://'), answer.message);
    assert.ok(!answer.body().includes('private-bucket'), answer.body());
    assert.ok(!answer.message.includes('permission denied'), answer.message);
  });

  it('answer a registry push failure with 500, without the host, repository or credentials', () => {
    const answer = forError(SAMPLES['registry-access']);
    assert.equal(answer.status, 500);
    assert.equal(answer.code, 'UNKNOWN');
    const body = answer.body();
    for (const secret of ['registry.example.com', 'private-images-7431', 'octo', 'DENIED'])
      assert.ok(!body.includes(secret), `${secret}: ${body}`);
  });

  it('answer a usage error with 500: by then it is the server configuration, not the client', () => {
    const answer = forError(SAMPLES.usage);
    assert.equal(answer.status, 500);
    assert.ok(!answer.message.includes('--budget'), answer.message);
  });

  it('answer an aborted build with 503 and Retry-After', () => {
    const aborted = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    for (const error of [aborted, new DOMException('This operation was aborted', 'AbortError')]) {
      const answer = forError(error);
      assert.equal(answer.status, 503);
      assert.equal(answer.code, 'UNKNOWN');
      assert.deepEqual(answer.headers, { 'Retry-After': String(RETRY_AFTER) });
    }
  });

  it('answer any other error with a generic 500 that keeps its message to the log', () => {
    for (const error of [new Error('ENOSPC: no space left on device, write /var/cache/nixery/x'), 'a thrown string', undefined]) {
      const answer = forError(error);
      assert.equal(answer.status, 500);
      assert.equal(answer.code, 'UNKNOWN');
      assert.deepEqual(answer.headers, {});
      assert.equal(answer.message, `building ${IMAGE}:${TAG} failed on the server; its log has the details`);
    }
  });
});
