import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidNameError, MAX_NAME_LENGTH, assertValidTag, isValidTag, parseImageName, wantsShell } from '../../src/image/name.ts';

const SHELL = ['bashinteractive', 'coreutils', 'moreutils', 'nano'];

/** Asserts that parsing fails with InvalidNameError and that the message contains every fragment. */
function assertInvalid(raw: string, ...fragments: string[]): void {
  assert.throws(
    () => parseImageName(raw),
    (error: unknown) => {
      assert.ok(error instanceof InvalidNameError, `expected InvalidNameError for ${JSON.stringify(raw)}, got ${String(error)}`);
      for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
      return true;
    },
  );
}

describe('parseImageName: canonical names', () => {
  it('gives every order of the same packages after a leading meta run one canonical name', () => {
    const a = parseImageName('shell/git/htop');
    const b = parseImageName('shell/htop/git');
    assert.equal(a.canonical, 'shell/git/htop');
    assert.deepEqual(b, a);
    assert.deepEqual(a.packages, [...SHELL, 'git', 'htop'].sort());
    assert.equal(a.arch, 'amd64');
  });

  it('treats "shell" after a package as a plain package named shell', () => {
    const name = parseImageName('git/shell/htop');
    assert.equal(name.canonical, 'git/htop/shell');
    assert.deepEqual(name.packages, ['git', 'htop', 'shell']);
    assert.notEqual(name.canonical, parseImageName('shell/git/htop').canonical);
    assert.equal(wantsShell(name), false);
  });

  it('treats "arm64" after a package as a plain package, leaving the arch at amd64', () => {
    const name = parseImageName('git/arm64');
    assert.equal(name.arch, 'amd64');
    assert.deepEqual(name.packages, ['arm64', 'git']);
  });

  it('never lets a package named like a meta open the canonical package list', () => {
    // Sorting alone would turn `git/arm64` into `arm64/git` (the arm64 image of git) and `zsh/shell` into
    // `shell/zsh`: different images under one name.
    const cases: Array<[string, string]> = [
      ['git/arm64', 'git/arm64'],
      ['zsh/shell', 'zsh/shell'],
      ['zsh/shell/arm64/abc', 'abc/zsh/arm64/shell'],
      ['shell/zsh/shell', 'shell/zsh/shell'],
      ['arm64/git/arm64', 'arm64/git/arm64'],
      ['shell/nano/shell', 'shell/bashinteractive/shell'],
      ['shell/coreutils/shell', 'shell/bashinteractive/shell'],
    ];
    for (const [raw, canonical] of cases) {
      const name = parseImageName(raw);
      assert.equal(name.canonical, canonical, raw);
      assert.deepEqual(parseImageName(name.canonical), name, `${raw} -> ${name.canonical} must parse back to the same image`);
    }
    assert.notEqual(parseImageName('git/arm64').canonical, parseImageName('arm64/git').canonical);
    assert.notEqual(parseImageName('zsh/shell').canonical, parseImageName('shell/zsh').canonical);
    assert.deepEqual(parseImageName('shell/nano/shell').packages, [...SHELL, 'shell'].sort());
  });

  it('drops duplicate packages', () => {
    const name = parseImageName('htop/git/htop/git');
    assert.equal(name.canonical, 'git/htop');
    assert.deepEqual(name.packages, ['git', 'htop']);
  });

  it('leaves packages implied by shell out of the canonical name', () => {
    assert.equal(parseImageName('shell/nano').canonical, 'shell');
    assert.equal(parseImageName('shell').canonical, 'shell');
    assert.equal(parseImageName('shell/coreutils/git/nano').canonical, 'shell/git');
    assert.deepEqual(parseImageName('shell/nano').packages, SHELL);
  });

  it('keeps an implied package in the canonical name when shell is not meta', () => {
    assert.equal(parseImageName('nano/shell').canonical, 'nano/shell');
    assert.deepEqual(parseImageName('nano').packages, ['nano']);
  });

  it('selects arm64 from a leading arm64 and orders metas arm64 before shell', () => {
    const a = parseImageName('arm64/shell/git');
    const b = parseImageName('shell/arm64/git');
    assert.equal(a.arch, 'arm64');
    assert.equal(a.canonical, 'arm64/shell/git');
    assert.deepEqual(b, a);
    assert.equal(parseImageName('arm64/shell').canonical, 'arm64/shell');
    assert.equal(parseImageName('shell/arm64').canonical, 'arm64/shell');
    assert.equal(parseImageName('arm64/hello').canonical, 'arm64/hello');
    assert.deepEqual(parseImageName('arm64/hello').packages, ['hello']);
  });

  it('collapses repeated metas', () => {
    assert.deepEqual(parseImageName('shell/shell/arm64/arm64/git'), parseImageName('arm64/shell/git'));
  });

  it('gives a canonical name that parses back to itself', () => {
    for (const raw of ['shell/htop/git', 'git/shell/htop', 'shell/arm64/nano/jq', 'arm64/zlib', 'a.b/c_d/e--f/g__h', 'b/arm64/shell/a']) {
      const name = parseImageName(raw);
      assert.deepEqual(parseImageName(name.canonical), name, raw);
    }
  });

  it('accepts the distribution-spec separators inside a component', () => {
    assert.deepEqual(parseImageName('python3.12/gcc-unwrapped/a__b/c_d/e---f').packages, [
      'a__b',
      'c_d',
      'e---f',
      'gcc-unwrapped',
      'python3.12',
    ]);
  });

  it('asks for a shell Cmd only when bashinteractive is requested', () => {
    assert.equal(wantsShell(parseImageName('shell')), true);
    assert.equal(wantsShell(parseImageName('bashinteractive/git')), true);
    assert.equal(wantsShell(parseImageName('bash/git')), false);
  });
});

describe('parseImageName: invalid names', () => {
  it('refuses an empty name', () => assertInvalid('', 'empty'));

  it('refuses empty components and says where', () => {
    assertInvalid('shell//git', 'empty component', 'position 2');
    assertInvalid('/git', 'empty component', 'position 1');
    assertInvalid('git/', 'empty component', 'position 2');
  });

  it('names the bad component for uppercase letters', () => assertInvalid('shell/Git/htop', '"Git"'));

  it('names the bad component for bad separators', () => {
    for (const bad of ['-git', 'git-', '.git', 'git.', 'g..it', 'g___it', 'g_-it', '_tags', 'gi t', 'gi:t', 'gi@t', 'g+t']) {
      assertInvalid(`shell/${bad}`, `"${bad}"`);
    }
  });

  it('refuses a name over the length limit and states the limit', () => {
    const long = Array.from({ length: 64 }, (_, i) => `pkg${i}`).join('/');
    assert.ok(long.length > MAX_NAME_LENGTH);
    assertInvalid(long, String(long.length), String(MAX_NAME_LENGTH));
    const exact = 'a'.repeat(MAX_NAME_LENGTH);
    assert.equal(parseImageName(exact).canonical, exact);
    assertInvalid('a'.repeat(MAX_NAME_LENGTH + 1), String(MAX_NAME_LENGTH));
  });

  it('refuses a name of meta-packages only, unless shell brings packages', () => {
    assertInvalid('arm64', 'only meta-packages');
    assertInvalid('arm64/arm64', 'only meta-packages');
    assert.equal(parseImageName('arm64/shell').arch, 'arm64');
  });

  it('throws errors whose name is InvalidNameError', () => {
    assert.throws(() => parseImageName('A'), { name: 'InvalidNameError' });
  });
});

describe('tags', () => {
  it('accepts the distribution-spec tag grammar', () => {
    for (const tag of ['latest', 'v1.2.3', 'A_b-C.d', '_x', '0', 'a'.repeat(128)]) {
      assert.equal(isValidTag(tag), true, tag);
      assert.equal(assertValidTag(tag), tag);
    }
  });

  it('refuses tags that are empty, too long, start with "." or "-", or hold other characters', () => {
    for (const tag of ['', '.x', '-x', 'a'.repeat(129), 'a/b', 'a:b', 'a b', 'a@b', 'é']) {
      assert.equal(isValidTag(tag), false, tag);
      assert.throws(
        () => assertValidTag(tag),
        (error: unknown) => {
          assert.ok(error instanceof InvalidNameError);
          assert.ok(error.message.includes(`"${tag}"`), error.message);
          return true;
        },
      );
    }
  });
});
