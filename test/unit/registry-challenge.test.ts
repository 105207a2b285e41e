import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findChallenge, parseWwwAuthenticate } from '../../src/distribution/auth/challenge.ts';
import { parseScopes } from '../../src/distribution/auth/authorizer.ts';

describe('parseWwwAuthenticate', () => {
  it('reads a distribution Bearer challenge', () => {
    assert.deepEqual(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      ),
      [
        {
          scheme: 'bearer',
          params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' },
        },
      ],
    );
  });

  it('keeps commas and spaces inside quoted strings', () => {
    const [challenge] = parseWwwAuthenticate(
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/app:pull,push repository:acme/base:pull",error="insufficient_scope"',
    );
    assert.equal(challenge?.params.scope, 'repository:acme/app:pull,push repository:acme/base:pull');
    assert.equal(challenge?.params.error, 'insufficient_scope');
  });

  it('unescapes quoted-pairs', () => {
    const [challenge] = parseWwwAuthenticate('Basic realm="say \\"hi\\", \\\\ ok"');
    assert.equal(challenge?.params.realm, 'say "hi", \\ ok');
  });

  it('reads the scheme case-insensitively and lower-cases parameter names', () => {
    const challenges = parseWwwAuthenticate('BEARER Realm="r", SERVICE=svc');
    assert.deepEqual(challenges, [{ scheme: 'bearer', params: { realm: 'r', service: 'svc' } }]);
    assert.equal(findChallenge(challenges, 'Bearer')?.params.service, 'svc');
    assert.equal(findChallenge(challenges, 'basic'), undefined);
  });

  it('separates several challenges in one header (as fetch joins several headers)', () => {
    assert.deepEqual(parseWwwAuthenticate('Basic realm="Registry Realm", Bearer realm="https://a/token",service="reg"'), [
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://a/token', service: 'reg' } },
    ]);
    assert.deepEqual(parseWwwAuthenticate('Negotiate, Basic realm=x'), [
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'x' } },
    ]);
  });

  it('tolerates odd spacing, tabs, empty list elements and spaces around =', () => {
    assert.deepEqual(parseWwwAuthenticate('  ,Bearer   realm = "https://a/token" ,\tservice=\t"reg" ,, scope="s" , '), [
      { scheme: 'bearer', params: { realm: 'https://a/token', service: 'reg', scope: 's' } },
    ]);
  });

  it('reads token68 challenges, padding included, and goes on to the next challenge', () => {
    assert.deepEqual(parseWwwAuthenticate('Negotiate abc+/de==, Basic realm="r"'), [
      { scheme: 'negotiate', params: {}, token68: 'abc+/de==' },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });

  it('accepts unquoted URLs and empty quoted values', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm=https://auth.example/token?x=1,service=""'), [
      { scheme: 'bearer', params: { realm: 'https://auth.example/token?x=1', service: '' } },
    ]);
  });

  it('keeps the first of repeated parameters and survives garbage', () => {
    assert.deepEqual(parseWwwAuthenticate('Basic realm="a", realm="b"'), [{ scheme: 'basic', params: { realm: 'a' } }]);
    assert.deepEqual(parseWwwAuthenticate(''), []);
    assert.deepEqual(parseWwwAuthenticate('"junk", Basic realm="r'), [{ scheme: 'basic', params: { realm: 'r' } }]);
  });
});

describe('parseScopes', () => {
  it('splits space-separated scopes and merges actions per resource', () => {
    assert.deepEqual(parseScopes('repository:acme/app:pull repository:acme/base:pull  repository:acme/app:push,pull'), [
      'repository:acme/app:pull,push',
      'repository:acme/base:pull',
    ]);
  });

  it('takes the actions after the last colon (names with a port)', () => {
    assert.deepEqual(parseScopes('repository:localhost:5000/x:pull', 'repository:localhost:5000/x:push'), [
      'repository:localhost:5000/x:pull,push',
    ]);
  });

  it('keeps scopes that are not type:name:actions', () => {
    assert.deepEqual(parseScopes('registry:catalog:*', ''), ['registry:catalog:*']);
    assert.deepEqual(parseScopes(''), []);
  });
});
