import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePushDestination, registryBaseUrl, repositoryFor } from '../../src/distribution/reference.ts';
import { UsageError } from '../../src/errors.ts';

describe('parsePushDestination', () => {
  it('splits host and prefix, lowercasing the prefix', () => {
    assert.deepEqual(parsePushDestination('docker://ghcr.io/Acme/images'), { host: 'ghcr.io', prefix: 'acme/images', insecure: false });
  });

  it('takes the same destination without docker://, as action inputs write it', () => {
    assert.deepEqual(parsePushDestination('ghcr.io/Acme/images'), parsePushDestination('docker://ghcr.io/Acme/images'));
    assert.deepEqual(parsePushDestination('  DOCKER://GHCR.IO/acme  '), { host: 'ghcr.io', prefix: 'acme', insecure: false });
  });

  it('keeps a port and allows an empty prefix (with or without the trailing slash)', () => {
    assert.deepEqual(parsePushDestination('docker://registry.example.com:5443'), {
      host: 'registry.example.com:5443',
      prefix: '',
      insecure: false,
    });
    assert.deepEqual(parsePushDestination('registry.example.com:5443/'), {
      host: 'registry.example.com:5443',
      prefix: '',
      insecure: false,
    });
    assert.equal(parsePushDestination('docker://r.example.com/a/b/').prefix, 'a/b');
  });

  it('maps Docker Hub to its API host', () => {
    assert.equal(parsePushDestination('docker://docker.io/acme').host, 'registry-1.docker.io');
    assert.equal(parsePushDestination('index.docker.io/acme').host, 'registry-1.docker.io');
    assert.equal(parsePushDestination('docker.io/acme').prefix, 'acme');
  });

  it('speaks plain http to loopback hosts, as docker does', () => {
    for (const input of ['localhost:5000/x', 'docker://127.0.0.1:5000/x', '127.1.2.3/x', '[::1]:5000/x', 'LOCALHOST/x']) {
      assert.equal(parsePushDestination(input).insecure, true, input);
    }
    assert.equal(parsePushDestination('[::1]:5000/x').host, '[::1]:5000');
    for (const input of ['128.0.0.1:5000/x', 'localhost.example.com/x', 'ghcr.io/x', '10.0.0.1/x']) {
      assert.equal(parsePushDestination(input).insecure, false, input);
    }
  });

  it('speaks plain http to hosts the caller lists, by host or by host:port', () => {
    assert.equal(parsePushDestination('reg.lan:5000/x', { insecure: ['reg.lan'] }).insecure, true);
    assert.equal(parsePushDestination('reg.lan:5000/x', { insecure: ['reg.lan:5000'] }).insecure, true);
    assert.equal(parsePushDestination('reg.lan:5000/x', { insecure: ['reg.lan:5001'] }).insecure, false);
    assert.equal(parsePushDestination('reg.lan/x', { insecure: ['Reg.LAN'] }).insecure, true);
    assert.equal(parsePushDestination('other.lan/x', { insecure: ['reg.lan'] }).insecure, false);
  });

  it('refuses prefix components outside the distribution grammar, naming the component', () => {
    for (const [input, part] of [
      ['ghcr.io/acme/my images', 'my images'],
      ['ghcr.io/acme/-lead', '-lead'],
      ['ghcr.io/acme/trail_', 'trail_'],
      ['ghcr.io/acme/a...b', 'a...b'],
    ] as const) {
      assert.throws(
        () => parsePushDestination(input),
        (error: unknown) => error instanceof UsageError && error.message.includes(`"${part}"`),
        input,
      );
    }
    assert.throws(
      () => parsePushDestination('ghcr.io/acme//images'),
      (e: unknown) => e instanceof UsageError && /empty path component/.test(e.message),
    );
  });

  it('refuses a tag or digest on the destination', () => {
    assert.throws(
      () => parsePushDestination('ghcr.io/acme/images:latest'),
      (e: unknown) => e instanceof UsageError && /tag or digest/.test(e.message),
    );
    assert.throws(
      () => parsePushDestination('ghcr.io/acme@sha256:abc'),
      (e: unknown) => e instanceof UsageError && /tag or digest/.test(e.message),
    );
  });

  it('refuses bad hosts, ports and other schemes, naming them', () => {
    assert.throws(
      () => parsePushDestination('docker:///acme'),
      (e: unknown) => e instanceof UsageError && /no registry host/.test(e.message),
    );
    assert.throws(
      () => parsePushDestination('ghcr.io:99999/acme'),
      (e: unknown) => e instanceof UsageError && /"99999"/.test(e.message),
    );
    assert.throws(
      () => parsePushDestination('ghcr.io:abc/acme'),
      (e: unknown) => e instanceof UsageError && /"abc"/.test(e.message),
    );
    assert.throws(
      () => parsePushDestination('bad_host/acme'),
      (e: unknown) => e instanceof UsageError && /"bad_host"/.test(e.message),
    );
    assert.throws(
      () => parsePushDestination('[nope]:5000/acme'),
      (e: unknown) => e instanceof UsageError && /IPv6/.test(e.message),
    );
    assert.throws(
      () => parsePushDestination('https://ghcr.io/acme'),
      (e: unknown) => e instanceof UsageError && /docker:\/\//.test(e.message),
    );
  });
});

describe('repositoryFor', () => {
  it('puts the canonical name below the prefix', () => {
    assert.equal(repositoryFor(parsePushDestination('ghcr.io/Acme/images'), 'shell/git'), 'acme/images/shell/git');
  });

  it('uses the canonical name alone when the prefix is empty', () => {
    assert.equal(repositoryFor(parsePushDestination('localhost:5000'), 'shell/git'), 'shell/git');
  });

  it('refuses a name component outside the grammar', () => {
    assert.throws(
      () => repositoryFor(parsePushDestination('ghcr.io/acme'), 'Shell/git'),
      (e: unknown) => e instanceof UsageError && /"Shell"/.test(e.message),
    );
  });
});

describe('registryBaseUrl', () => {
  it('is https unless insecure', () => {
    assert.equal(registryBaseUrl('ghcr.io', false), 'https://ghcr.io');
    assert.equal(registryBaseUrl('127.0.0.1:5000', true), 'http://127.0.0.1:5000');
  });
});
