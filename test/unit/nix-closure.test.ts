import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseUnknownPackages } from '../../src/nix/build.ts';
import { systemForArch } from '../../src/nix/system.ts';
import { closureFromPathInfo } from '../../src/nix/closure.ts';
import { UnknownPackagesError } from '../../src/errors.ts';
import { nixExpressionsDir } from '../../src/nix/expressions-dir.ts';

const HELLO = '/nix/store/9vnvfysai7yvqb00h043nihv8xk9jvg8-hello-2.12';
const BUSYBOX = '/nix/store/x5hylb0j5g7w4mg4rmbs7ncpzznvd7sj-busybox';

describe('closureFromPathInfo', () => {
  const expected = {
    roots: [HELLO],
    paths: {
      [HELLO]: { narSize: 744, references: [BUSYBOX], narHash: 'sha256-x' },
      [BUSYBOX]: { narSize: 2034368, references: [], narHash: 'sha256-y' },
    },
  };

  test('reads Nix 2.8 list output', () => {
    const json = [
      { path: HELLO, narHash: 'sha256-x', narSize: 744, references: [BUSYBOX], deriver: '/nix/store/a.drv' },
      { path: BUSYBOX, narHash: 'sha256-y', narSize: 2034368, references: [] },
    ];
    assert.deepEqual(closureFromPathInfo(json, [HELLO]), expected);
  });

  test('reads newer Nix object output keyed by path', () => {
    const json = {
      [HELLO]: { narHash: 'sha256-x', narSize: 744, references: [BUSYBOX] },
      [BUSYBOX]: { narHash: 'sha256-y', narSize: 2034368, references: [] },
    };
    assert.deepEqual(closureFromPathInfo(json, [HELLO]), expected);
  });

  test('sorts references so the graph does not depend on Nix output order', () => {
    const a = '/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a';
    const json = {
      [HELLO]: { narSize: 1, references: [HELLO, BUSYBOX, a] },
      [BUSYBOX]: { narSize: 1, references: [] },
      [a]: { narSize: 1, references: [] },
    };
    assert.deepEqual(closureFromPathInfo(json, [HELLO]).paths[HELLO]!.references, [a, HELLO, BUSYBOX].sort());
  });

  test('rejects partial or malformed answers instead of building a wrong image', () => {
    assert.throws(
      () => closureFromPathInfo([{ path: HELLO, narSize: 1, references: [BUSYBOX] }], [HELLO]),
      /refers to .*busybox, which is missing/,
    );
    assert.throws(() => closureFromPathInfo([{ path: BUSYBOX, narSize: 1, references: [] }], [HELLO]), /root .*hello-2\.12 is missing/);
    assert.throws(() => closureFromPathInfo([{ path: HELLO, valid: false }], [HELLO]), /no valid narSize/);
    assert.throws(() => closureFromPathInfo({ [HELLO]: null }, [HELLO]), /not an object/);
    assert.throws(() => closureFromPathInfo('nope', []), /expected a JSON list or object/);
  });
});

describe('parseUnknownPackages', () => {
  test('finds the marker line among Nix output', () => {
    const stderr = [
      'warning: something',
      'error: nixery-unknown-packages: ["foo","a.b"] nixery-unknown-reasons: {"a.b":"no attribute \\"b\\" in \\"a\\"","foo":"no attribute \\"foo\\""}',
    ];
    assert.deepEqual(parseUnknownPackages(stderr), {
      packages: ['foo', 'a.b'],
      reasons: { 'a.b': 'no attribute "b" in "a"', foo: 'no attribute "foo"' },
    });
  });

  test('is undefined for other failures', () => {
    assert.equal(parseUnknownPackages(['error: builder for x failed']), undefined);
    assert.equal(parseUnknownPackages(['nixery-unknown-packages: [broken nixery-unknown-reasons: {}']), undefined);
  });

  test('UnknownPackagesError names every package and its reason', () => {
    const error = new UnknownPackagesError(['foo', 'bar'], { foo: 'no attribute "foo"' }, 'nixpkgs abc');
    assert.deepEqual(error.packages, ['foo', 'bar']);
    assert.match(error.message, /^unknown packages in nixpkgs abc: foo \(no attribute "foo"\), bar\./);
  });
});

describe('nixExpressionsDir', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

  test('finds nix/ from the sources and from a bundle in dist/', () => {
    assert.equal(nixExpressionsDir(new URL('../../src/nix/build.ts', import.meta.url).href), `${repo}/nix`);
    assert.equal(nixExpressionsDir(new URL('../../dist/cli.js', import.meta.url).href), `${repo}/nix`);
    assert.equal(nixExpressionsDir(), `${repo}/nix`);
  });

  test('says where it looked when nix/ is missing', () => {
    assert.throws(
      () => nixExpressionsDir('file:///nonexistent/a/b/c.js'),
      /cannot find the nix\/ folder .* next to \/nonexistent\/a\/b\/c\.js/,
    );
  });
});

test('systemForArch maps image architectures to Nix systems', () => {
  assert.equal(systemForArch('amd64'), 'x86_64-linux');
  assert.equal(systemForArch('arm64'), 'aarch64-linux');
  assert.throws(() => systemForArch('riscv64' as 'amd64'), /unsupported architecture "riscv64"/);
});
