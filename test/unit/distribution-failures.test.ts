import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { manifestFailure, parseErrorBody, registryFailure } from '../../src/distribution/failures.ts';
import type { FailureContext } from '../../src/distribution/failures.ts';
import { RegistryAccessError } from '../../src/errors.ts';
import { MediaType } from '../../src/oci/media-types.ts';

const CONTEXT: FailureContext = {
  host: 'ghcr.io',
  repository: 'acme/images/shell/git',
  action: 'upload blob sha256:aaaa',
  scope: 'repository:acme/images/shell/git:pull,push',
  tried: 'user "octo" from ~/.docker/config.json',
};
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const DIGEST_C = `sha256:${'c'.repeat(64)}`;

describe('parseErrorBody', () => {
  it('reads the distribution errors body and ignores anything else', () => {
    assert.deepEqual(parseErrorBody('{"errors":[{"code":"DENIED","message":"no","detail":{"x":1}}]}'), [
      { code: 'DENIED', message: 'no', detail: { x: 1 } },
    ]);
    assert.deepEqual(parseErrorBody('<html>Bad Gateway</html>'), []);
    assert.deepEqual(parseErrorBody(''), []);
    assert.deepEqual(parseErrorBody('{"errors":[{"message":"no code"}]}'), []);
  });
});

describe('registryFailure', () => {
  it('carries host, repository, status, code and the credential tried', () => {
    const error = registryFailure(CONTEXT, 403, [{ code: 'DENIED', message: 'permission_denied: write_package' }]);
    assert.ok(error instanceof RegistryAccessError);
    assert.equal(error.kind, 'registry-access');
    assert.deepEqual(
      { host: error.host, repository: error.repository, status: error.status, code: error.code, tried: error.tried },
      { host: 'ghcr.io', repository: CONTEXT.repository, status: 403, code: 'DENIED', tried: CONTEXT.tried },
    );
  });

  it('on 401 names the credential, the scope, and docker login', () => {
    const { message } = registryFailure(CONTEXT, 401, [{ code: 'UNAUTHORIZED', message: 'authentication required' }]);
    for (const part of [CONTEXT.tried, CONTEXT.scope, 'docker login ghcr.io', 'authentication required', 'HTTP 401 UNAUTHORIZED']) {
      assert.ok(message.includes(part), `${part}: ${message}`);
    }
  });

  it('on 403 says to check push permission for the repository', () => {
    const { message } = registryFailure(CONTEXT, 403, [{ code: 'DENIED' }]);
    assert.match(message, /push permission for acme\/images\/shell\/git/);
    assert.ok(message.includes(CONTEXT.tried), message);
  });

  it('on 404 NAME_UNKNOWN says the repository does not exist and is not created on push', () => {
    const { message, code } = registryFailure(CONTEXT, 404, [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }]);
    assert.equal(code, 'NAME_UNKNOWN');
    assert.match(message, /repository acme\/images\/shell\/git does not exist, and this registry does not create repositories on push/);
  });

  it('on 5xx says the registry is failing, after how many attempts', () => {
    const error = registryFailure(CONTEXT, 503, [], 5);
    assert.equal(error.code, undefined);
    assert.match(error.message, /HTTP 503/);
    assert.match(error.message, /still HTTP 503 after 5 attempts/);
  });

  it('cuts a long registry message short', () => {
    const { message } = registryFailure(CONTEXT, 400, [{ code: 'UNKNOWN', message: 'x'.repeat(5000) }]);
    assert.ok(message.length < 600, `${message.length} characters`);
  });
});

describe('manifestFailure', () => {
  const context = { ...CONTEXT, action: 'push manifest v1' };

  it('names every blob the registry lacks', () => {
    const error = manifestFailure(
      context,
      400,
      [
        { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: DIGEST_B },
        { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: { digest: DIGEST_C } },
      ],
      MediaType.ociManifest,
    );
    assert.equal(error.code, 'MANIFEST_BLOB_UNKNOWN');
    assert.ok(error.message.includes(`blobs ${DIGEST_B}, ${DIGEST_C}`), error.message);
    assert.match(error.message, /pushed before it/);
  });

  it('says a registry refuses OCI media types when it calls an OCI manifest invalid or unsupported', () => {
    for (const code of ['MANIFEST_INVALID', 'UNSUPPORTED']) {
      const error = manifestFailure(context, 400, [{ code, message: 'manifest invalid' }], MediaType.ociManifest);
      assert.equal(error.code, code);
      assert.ok(error.message.includes(`refuse OCI media types (${MediaType.ociManifest})`), error.message);
    }
  });

  it('does not blame OCI media types for a Docker manifest, or for other errors', () => {
    const docker = manifestFailure(context, 400, [{ code: 'MANIFEST_INVALID' }], MediaType.dockerManifest);
    assert.ok(!docker.message.includes('OCI'), docker.message);
    const denied = manifestFailure(context, 403, [{ code: 'DENIED' }], MediaType.ociManifest);
    assert.ok(!denied.message.includes('OCI'), denied.message);
    assert.match(denied.message, /push permission/);
  });
});
